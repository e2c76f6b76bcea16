// The sign-in steps' side of the rate limits (src/ratelimit): count an attempt before checking it,
// and when a limit is used up answer 429 with a page and Retry-After instead of checking. The
// moment a limit is reached is audited (`rate_limited`, naming the limit). When the counters cannot
// be reached the step fails closed: the limit throws StoreUnavailableError, answered 503 like any
// outage (interactions/errors.ts). No limit, no guess.
import type { RouterContext } from '@koa/router';
import type { Limit } from '../../src/ratelimit/limit.js';
import { tooManyAttemptsPage, type AttemptKind } from '../pages/rate-limited.js';
import { renderPage, type Step, type StepServices } from './context.js';

export interface LimitedAttempt {
  limit: Limit;
  key: string;
  /** What the page says was typed too often. */
  what: AttemptKind;
  /**
   * `account`: one email's or account's attempts from this address, wiped by a success.
   * `network`: every attempt from this address; a success gives back only its own point, or an
   * attacker's own account would wipe the count of their guesses at everyone else's.
   */
  scope: 'account' | 'network';
  /** The account the attempt is about, for the audit trail (looked up only when needed). */
  accountId?: () => Promise<string | undefined>;
}

/**
 * True when every limit had a point for this attempt; otherwise the 429 page has been rendered, and
 * the points already taken are given back: an attempt that is not checked is not a guess.
 */
export async function withinLimits(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  attempts: LimitedAttempt[],
): Promise<boolean> {
  for (const [index, attempt] of attempts.entries()) {
    const verdict = await attempt.limit.attempt(attempt.key);
    if (verdict.allowed) continue;
    for (const taken of attempts.slice(0, index)) await taken.limit.giveBack(taken.key);
    if (verdict.limitReachedNow) {
      await deps.audit.record({
        type: 'rate_limited',
        accountId: await attempt.accountId?.(),
        clientId: step.clientId,
        ip: ctx.ip,
        detail: { limit: attempt.limit.name, retryAfterSeconds: verdict.retryAfterSeconds },
      });
    }
    ctx.set('Retry-After', String(verdict.retryAfterSeconds));
    renderPage(ctx, tooManyAttemptsPage(step.frame, attempt.what, attempt.scope, verdict.retryAfterSeconds), 429);
    return false;
  }
  return true;
}

/** A success gives the points back: all of the account's, its own of the network's. */
export async function succeeded(ctx: RouterContext, deps: StepServices, attempts: LimitedAttempt[]): Promise<void> {
  for (const { limit, key, scope } of attempts) {
    await (scope === 'account' ? limit.reset(key) : limit.giveBack(key));
  }
}
