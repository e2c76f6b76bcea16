// Problems a person can run into on the hosted pages, as typed errors thrown close to the cause and
// translated once, by `friendlyErrors`, into a page in plain words with the right status. Anything
// else is logged with the request id and shown as a generic page: never a stack trace.
import type { Middleware } from 'koa';
import type { Logger } from 'pino';
import { errors as oidcErrors } from 'oidc-provider';
import { html } from './html.js';
import { messagePage } from './layout.js';
import { unavailableStore } from '../src/stores/unavailable.js';
import type { MetricsRecorder } from '../src/metrics/index.js';

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

export function friendlyErrors(issuerName: string, logger: Logger, metrics: MetricsRecorder): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      let problem: PageError;
      const store = unavailableStore(error);
      if (error instanceof PageError) problem = error;
      else if (error instanceof oidcErrors.SessionNotFound) problem = interactionGone();
      else if (store) {
        logger.warn({ store, reqId: ctx.state.requestId }, 'store unavailable; answered 503');
        metrics.storeUnavailable(store);
        problem = temporarilyUnavailable();
        ctx.set('Retry-After', '30');
      } else {
        logger.error({ err: error, reqId: ctx.state.requestId }, 'interaction failed');
        problem = new PageError(500, 'Something went wrong', 'Something went wrong on our side. Please go back to the application and try again in a moment.');
      }
      ctx.status = problem.status;
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = messagePage(issuerName, problem.title, problem.explanation, html`<p><a href="/help/authenticator">Help with sign-in</a></p>`);
    }
  };
}
