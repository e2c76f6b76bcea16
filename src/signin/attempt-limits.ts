// The sign-in's side of the rate limits (src/ratelimit): count an attempt before checking it, and
// when a limit is used up refuse it (the caller answers 429 with a page and Retry-After) instead of
// checking. The moment a limit is reached is audited (`rate_limited`, naming the limit). When the
// counters cannot be reached the attempt fails closed: the limit throws StoreUnavailableError,
// answered 503 like any outage (interactions/errors.ts). No limit, no guess.
import type { AuditLog } from '../audit/index.js';
import type { Limit } from '../ratelimit/limit.js';

/** What a page says was typed too often; `sign-in`: right passwords, which cost the server a check like wrong ones. */
export type AttemptKind = 'password' | 'code' | 'recovery code' | 'sign-in';

export interface LimitedAttempt {
  limit: Limit;
  key: string;
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

/** An attempt refused by a limit: what the 429 page says. */
export interface LimitRefusal {
  what: AttemptKind;
  scope: 'account' | 'network';
  retryAfterSeconds: number;
}

/** Where an attempt comes from, for the audit trail. */
export interface AttemptOrigin {
  clientId: string;
  ip: string;
}

/**
 * Null when every limit had a point for this attempt; otherwise the refusal, with the points
 * already taken given back: an attempt that is not checked is not a guess.
 */
export async function takePoints(
  audit: AuditLog,
  origin: AttemptOrigin,
  attempts: readonly LimitedAttempt[],
): Promise<LimitRefusal | null> {
  for (const [index, attempt] of attempts.entries()) {
    const verdict = await attempt.limit.attempt(attempt.key);
    if (verdict.allowed) continue;
    for (const taken of attempts.slice(0, index)) await taken.limit.giveBack(taken.key);
    if (verdict.limitReachedNow) {
      await audit.record({
        type: 'rate_limited',
        accountId: await attempt.accountId?.(),
        clientId: origin.clientId,
        ip: origin.ip,
        detail: { limit: attempt.limit.name, retryAfterSeconds: verdict.retryAfterSeconds },
      });
    }
    return { what: attempt.what, scope: attempt.scope, retryAfterSeconds: verdict.retryAfterSeconds };
  }
  return null;
}

/** A success gives the points back: all of the account's, its own of the network's. */
export async function succeeded(attempts: readonly LimitedAttempt[]): Promise<void> {
  for (const { limit, key, scope } of attempts) {
    await (scope === 'account' ? limit.reset(key) : limit.giveBack(key));
  }
}

/** Gives back the point each attempt took, whatever its scope: what was counted turned out not to count. */
export async function givenBack(attempts: readonly LimitedAttempt[]): Promise<void> {
  for (const { limit, key } of attempts) await limit.giveBack(key);
}
