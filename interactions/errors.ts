// Problems a person can run into on the hosted pages, as typed errors thrown close to the cause and
// translated once, by `friendlyErrors`, into a page in plain words (in the person's language) with
// the right status. An error carries the name of its problem in the message catalogue, never
// English. Anything else reaches `errorBoundary`, is logged with the request id and answered
// generically: never a stack trace.
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import { errors as oidcErrors } from 'oidc-provider';
import { html, type SafeHtml } from './html.js';
import { problemPage, type ProblemName } from './layout.js';
import { frameFor, frameIn, type FrameSettings } from './language.js';
import {
  asOutage,
  RETRY_AFTER_SECONDS,
  TEMPORARILY_UNAVAILABLE,
  type StoreUnavailableError,
} from '../src/outage/index.js';
import type { MetricsRecorder } from '../src/metrics/index.js';
import type { BodyProblemPage } from '../src/http/body-limit.js';
import type { PlainHttpPage } from '../src/http/issuer-origin.js';
import type { SignInsPausedPage } from '../src/ratelimit/open-sign-ins.js';
import { tooManySignInsPage } from './pages/rate-limited.js';

export class PageError extends Error {
  override name = 'PageError';
  constructor(
    readonly status: number,
    /** The catalogue's `problem.<name>.title` and `problem.<name>.message`. */
    readonly problem: ProblemName,
  ) {
    super(problem);
  }
}

/** A store (database or Redis) is unreachable: nothing was done, the same step can be retried. */
const temporarilyUnavailable = () => new PageError(503, 'unavailable');

/**
 * From here in this request a recovery code is used up, whatever fails next: a failure must then
 * say so, not "nothing was changed" (the person would type the same, now dead, code again).
 */
export function markRecoveryCodeSpent(ctx: Context): void {
  (ctx.state as { recoveryCodeSpent?: boolean }).recoveryCodeSpent = true;
}

/** The problem to show for a failure: `fallback`, unless a recovery code was spent before it. */
function afterSpending(ctx: Context, fallback: PageError): PageError {
  const spent = (ctx.state as { recoveryCodeSpent?: boolean }).recoveryCodeSpent === true;
  return spent ? new PageError(fallback.status, 'recovery_code_spent') : fallback;
}

/** The interaction is unknown, expired, finished, or belongs to another browser. */
export const interactionGone = () => new PageError(400, 'expired');

/** Where "Start again" leads from an expired sign-in's page (interactions/steps/restart.ts), if anywhere. */
export type RestartLink = (ctx: Context) => Promise<string | undefined>;

/**
 * The interaction pages' own problems (PageError, an expired interaction) become their page here;
 * anything else goes on to `errorBoundary`. An expired sign-in's page offers to start it again when
 * `restart` knows where (an enrolment page this browser was shown).
 */
export function friendlyErrors(settings: FrameSettings, restart?: RestartLink): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      const gone =
        error instanceof oidcErrors.SessionNotFound || (error instanceof PageError && error.problem === 'expired');
      if (gone) {
        const again = restart ? await restart(ctx) : undefined;
        const wayOn = again
          ? html`<p>${frameFor(ctx, settings).t('problem.expired.enrolment')}</p>
              <p><a href="${again}">${frameFor(ctx, settings).t('problem.expired.restart')}</a></p>`
          : undefined;
        showProblem(ctx, settings, interactionGone(), wayOn);
        return;
      }
      if (error instanceof PageError) {
        showProblem(ctx, settings, error);
        return;
      }
      throw error;
    }
  };
}

/** Answers a request that a store outage stopped (see `outageAnswer`). */
export type OutageAnswer = (ctx: Context, outage: StoreUnavailableError) => void;

/**
 * The one answer to a store outage, wherever it surfaces (our pages and middleware through
 * `errorBoundary`, oidc-provider's endpoints through its server_error event and its error page):
 * 503 with one Retry-After, a page for a person or the OAuth `temporarily_unavailable` error for a
 * program, one log line and one count in the metrics. Nothing was done, so the same request can be
 * retried.
 */
export function outageAnswer(settings: FrameSettings, logger: Logger, metrics: MetricsRecorder): OutageAnswer {
  // oidc-provider may report one outage twice (its server_error event and its error page, in
  // either order): the answer is written each time, the log line and the count once per request.
  const answered = new WeakSet<Context>();
  return (ctx, outage) => {
    if (!answered.has(ctx)) {
      answered.add(ctx);
      logger.warn({ store: outage.store, reqId: ctx.state.requestId }, 'store unavailable; answered 503');
      metrics.storeUnavailable(outage.store);
    }
    ctx.set('Retry-After', String(RETRY_AFTER_SECONDS));
    if (!wantsJson(ctx)) {
      showProblem(ctx, settings, afterSpending(ctx, temporarilyUnavailable()));
      return;
    }
    ctx.status = 503;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = TEMPORARILY_UNAVAILABLE;
  };
}

/**
 * The last line of defence for everything we serve: whatever escapes the middleware below is
 * answered in our words (a page for a browser, an OAuth-style JSON error for a program) and logged
 * once as JSON with the request id. Without it Koa's default handler answers text/plain, drops the
 * security headers and prints a stack to stderr.
 */
export function errorBoundary(settings: FrameSettings, logger: Logger, answerOutage: OutageAnswer): Middleware {
  // A promise chain, not an async frame: every request passes here (issue 11).
  return (ctx, next) =>
    next().catch((error: unknown) => {
      const outage = asOutage(error);
      if (outage) {
        answerOutage(ctx, outage);
        return;
      }
      const status = (error as { status?: unknown }).status;
      let problem: PageError;
      if (typeof status === 'number' && status >= 400 && status < 500) {
        // A malformed request a library refused (a body it could not parse): the sender's mistake.
        logger.info({ reqId: ctx.state.requestId, status }, 'request refused');
        problem = new PageError(status, 'refused');
      } else {
        logger.error({ err: error, reqId: ctx.state.requestId }, 'request failed');
        problem = new PageError(500, 'failed');
      }
      if (!wantsJson(ctx)) {
        showProblem(ctx, settings, afterSpending(ctx, problem));
        return;
      }
      ctx.status = problem.status;
      ctx.set('Cache-Control', 'no-store');
      // A program reads OAuth's error_description in English (RFC 6749 §5.2: for the developer).
      ctx.body = {
        error: problem.status < 500 ? 'invalid_request' : 'server_error',
        error_description: frameIn('en', settings).translator.text(`problem.${problem.problem}.message`),
      };
    });
}

/**
 * `/` and every address nothing answered: a page in the person's language with a way on (the
 * account page), instead of Koa's bare text/plain "Not Found". A program gets the JSON error.
 */
export function notFoundPage(settings: FrameSettings): Middleware {
  return (ctx, next) =>
    next().then(() => {
      if (ctx.status !== 404 || ctx.body !== undefined || ctx.headerSent) return;
      if (wantsJson(ctx)) {
        ctx.status = 404;
        ctx.set('Cache-Control', 'no-store');
        ctx.body = { error: 'not_found', error_description: 'there is no endpoint at this address' };
        return;
      }
      showProblem(
        ctx,
        settings,
        new PageError(404, 'not_found'),
        html`<p><a href="/account">${frameFor(ctx, settings).t('account.go')}</a></p>`,
      );
    });
}

/** The page for a request body refused by src/http/body-limit.ts (no declared length, or too large). */
export function bodyProblemPage(settings: FrameSettings): BodyProblemPage {
  return (ctx, problem) =>
    showProblem(
      ctx,
      settings,
      problem === 413 ? new PageError(413, 'body_too_large') : new PageError(411, 'length_required'),
    );
}

/** The page for a request that came around an https issuer's TLS proxy (src/http/issuer-origin.ts). */
export function plainHttpPage(settings: FrameSettings): PlainHttpPage {
  return (ctx, secureUrl) => {
    ctx.status = 400;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    const frame = frameFor(ctx, settings);
    ctx.body = problemPage(
      frame,
      'plain_http',
      html`<p><a href="${secureUrl}">${frame.t('problem.plain_http.continue', { host: new URL(secureUrl).host })}</a></p>`,
    );
  };
}

/** The 429 page for an address that holds too many sign-ins open (src/ratelimit/open-sign-ins.ts). */
export function signInsPausedPage(settings: FrameSettings): SignInsPausedPage {
  return (ctx, retryAfterSeconds) => {
    ctx.type = 'html';
    ctx.body = tooManySignInsPage(frameFor(ctx, settings), retryAfterSeconds);
  };
}

// oidc-provider's endpoints that programs call (token, userinfo, JWKS, discovery, registration).
const PROGRAM_ENDPOINTS = /^\/(token|me|jwks|reg|request|\.well-known)(\/|$)/;

/** A program (one of those endpoints, or a client asking for JSON first), not a person's browser. */
function wantsJson(ctx: Context): boolean {
  return PROGRAM_ENDPOINTS.test(ctx.path) || ctx.accepts('html', 'json') === 'json';
}

function showProblem(ctx: Context, settings: FrameSettings, problem: PageError, wayOn?: SafeHtml): void {
  ctx.status = problem.status;
  ctx.type = 'html';
  ctx.set('Cache-Control', 'no-store');
  const frame = frameFor(ctx, settings);
  ctx.body = problemPage(
    frame,
    problem.problem,
    html`${wayOn}<p><a href="/help/authenticator">${frame.t('layout.help')}</a></p>`,
  );
}
