// The sign-in steps' side of the rate limits (src/ratelimit): count an attempt before checking it,
// and when the limit is used up answer 429 with a page and Retry-After instead of checking. The
// moment a limit is reached is audited (`rate_limited`, naming the limit). When the counters cannot
// be reached the step fails closed with 503: no limit, no guess.
import type { RouterContext } from '@koa/router';
import { RateLimitUnavailableError, type Limit } from '../../src/ratelimit/limit.js';
import { temporarilyUnavailable } from '../errors.js';
import { tooManyAttemptsPage } from '../pages/rate-limited.js';
import { renderPage, type Step, type StepServices } from './context.js';

export interface LimitedAttempt {
  limit: Limit;
  key: string;
  /** What the page says was typed too often. */
  what: 'password' | 'code' | 'recovery code';
  /** The account the attempt is about, for the audit trail (looked up only when needed). */
  accountId: () => Promise<string | undefined>;
}

/** True when the attempt may go ahead; otherwise the 429 page has been rendered. */
export async function withinLimit(ctx: RouterContext, deps: StepServices, step: Step, attempt: LimitedAttempt): Promise<boolean> {
  const verdict = await failClosed(ctx, deps, () => attempt.limit.attempt(attempt.key));
  if (verdict.allowed) return true;
  if (verdict.limitReachedNow) {
    await deps.audit.record({
      type: 'rate_limited',
      accountId: await attempt.accountId(),
      clientId: step.clientId,
      ip: ctx.ip,
      detail: { limit: attempt.limit.name, retryAfterSeconds: verdict.retryAfterSeconds },
    });
  }
  ctx.set('Retry-After', String(verdict.retryAfterSeconds));
  renderPage(ctx, tooManyAttemptsPage(deps.config.issuerName, attempt.what, verdict.retryAfterSeconds), 429);
  return false;
}

/** A success gives the points back. */
export function resetLimit(ctx: RouterContext, deps: StepServices, limit: Limit, key: string): Promise<void> {
  return failClosed(ctx, deps, () => limit.reset(key));
}

async function failClosed<T>(ctx: RouterContext, deps: StepServices, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof RateLimitUnavailableError)) throw error;
    deps.logger.error({ err: error.cause ?? error, reqId: ctx.state.requestId }, 'rate-limit store unavailable; refusing the sign-in step');
    // The same answer as any other store outage on these pages (interactions/errors.ts).
    ctx.set('Retry-After', '30');
    throw temporarilyUnavailable();
  }
}
