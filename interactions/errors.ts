// Problems a person can run into on the hosted pages, as typed errors thrown close to the cause and
// translated once, by `friendlyErrors`, into a page in plain words with the right status. Anything
// else reaches `errorBoundary`, is logged with the request id and answered generically: never a
// stack trace.
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import { errors as oidcErrors } from 'oidc-provider';
import { html } from './html.js';
import { messagePage } from './layout.js';
import { TEMPORARILY_UNAVAILABLE, unavailableStore } from '../src/stores/unavailable.js';
import type { MetricsRecorder } from '../src/metrics/index.js';
import type { BodyProblemPage } from '../src/http/body-limit.js';
import type { PlainHttpPage } from '../src/http/issuer-origin.js';
import type { SignInsPausedPage } from '../src/ratelimit/open-sign-ins.js';
import { tooManySignInsPage } from './pages/rate-limited.js';

export class PageError extends Error {
  override name = 'PageError';
  constructor(
    readonly status: number,
    readonly title: string,
    readonly explanation: string,
  ) {
    super(title);
  }
}

/** A store (database or Redis) is unreachable: nothing was done, the same step can be retried. */
export const temporarilyUnavailable = () =>
  new PageError(
    503,
    'Sign-in is temporarily unavailable',
    'Sign-in is temporarily unavailable on our side. Nothing was changed: wait a minute, then try again.',
  );

/** The interaction is unknown, expired, finished, or belongs to another browser. */
export const interactionGone = () =>
  new PageError(
    400,
    'This sign-in has expired',
    'This sign-in page is no longer valid: it may have expired or been completed already. Go back to the application and sign in again.',
  );

/**
 * The interaction pages' own problems (PageError, an expired interaction) become their page here;
 * anything else goes on to `errorBoundary`.
 */
export function friendlyErrors(issuerName: string): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      if (error instanceof PageError) {
        showProblem(ctx, issuerName, error);
        return;
      }
      if (error instanceof oidcErrors.SessionNotFound) {
        showProblem(ctx, issuerName, interactionGone());
        return;
      }
      throw error;
    }
  };
}

/**
 * The last line of defence for everything we serve: whatever escapes the middleware below is
 * answered in our words (a page for a browser, an OAuth-style JSON error for a program) and logged
 * once as JSON with the request id. Without it Koa's default handler answers text/plain, drops the
 * security headers and prints a stack to stderr.
 */
export function errorBoundary(issuerName: string, logger: Logger, metrics: MetricsRecorder): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const store = unavailableStore(error);
      const status = (error as { status?: unknown }).status;
      let problem: PageError;
      if (store) {
        logger.warn({ store, reqId: ctx.state.requestId }, 'store unavailable; answered 503');
        metrics.storeUnavailable(store);
        problem = temporarilyUnavailable();
        ctx.set('Retry-After', '30');
      } else if (typeof status === 'number' && status >= 400 && status < 500) {
        // A malformed request a library refused (a body it could not parse): the sender's mistake.
        logger.info({ reqId: ctx.state.requestId, status }, 'request refused');
        problem = new PageError(
          status,
          'This request could not be handled',
          'The request was not understood. Go back and try again.',
        );
      } else {
        logger.error({ err: error, reqId: ctx.state.requestId }, 'request failed');
        problem = new PageError(
          500,
          'Something went wrong',
          'Something went wrong on our side. Please go back to the application and try again in a moment.',
        );
      }
      if (!wantsJson(ctx)) {
        showProblem(ctx, issuerName, problem);
        return;
      }
      ctx.status = problem.status;
      ctx.set('Cache-Control', 'no-store');
      ctx.body = store
        ? TEMPORARILY_UNAVAILABLE
        : { error: problem.status < 500 ? 'invalid_request' : 'server_error', error_description: problem.explanation };
    }
  };
}

/** The page for a request body refused by src/http/body-limit.ts (no declared length, or too large). */
export function bodyProblemPage(issuerName: string): BodyProblemPage {
  return (ctx, problem) =>
    showProblem(
      ctx,
      issuerName,
      problem === 413
        ? new PageError(
            413,
            'Too much data',
            'What you sent was too large to be a form of this site. Go back and try again.',
          )
        : new PageError(
            411,
            'Form not understood',
            'What you sent did not say how large it is. Go back and try again.',
          ),
    );
}

/** The page for a request that came around an https issuer's TLS proxy (src/http/issuer-origin.ts). */
export function plainHttpPage(issuerName: string): PlainHttpPage {
  return (ctx, secureUrl) => {
    ctx.status = 400;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = messagePage(
      issuerName,
      'Use the secure address',
      'This sign-in service is reached over a secure (https) connection only, and this request did not come through it.',
      html`<p><a href="${secureUrl}">Continue at ${new URL(secureUrl).host}</a></p>`,
    );
  };
}

/** The 429 page for an address that holds too many sign-ins open (src/ratelimit/open-sign-ins.ts). */
export function signInsPausedPage(issuerName: string): SignInsPausedPage {
  return (ctx, retryAfterSeconds) => {
    ctx.type = 'html';
    ctx.body = tooManySignInsPage(issuerName, retryAfterSeconds);
  };
}

// oidc-provider's endpoints that programs call (token, userinfo, JWKS, discovery, registration).
const PROGRAM_ENDPOINTS = /^\/(token|me|jwks|reg|request|\.well-known)(\/|$)/;

/** A program (one of those endpoints, or a client asking for JSON first), not a person's browser. */
function wantsJson(ctx: Context): boolean {
  return PROGRAM_ENDPOINTS.test(ctx.path) || ctx.accepts('html', 'json') === 'json';
}

function showProblem(ctx: Context, issuerName: string, problem: PageError): void {
  ctx.status = problem.status;
  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-store');
  ctx.body = messagePage(
    issuerName,
    problem.title,
    problem.explanation,
    html`<p><a href="/help/authenticator">Help with sign-in</a></p>`,
  );
}
