// A person changes their own password on the account page. The current password is checked like a
// sign-in's (the same counters: wrong ones from an address, and per email and address, so the page
// is no way around the sign-in's limits), the new one against the same rules as `twofold user add`,
// and a change ends every session and token of the account (another browser, a relying party's
// refresh token, a sign-in half done with the old password), since whoever else knew the old
// password may be signed in with it. The page that asked keeps its own session (the caller's part).
import type { AuditLog } from '../audit/index.js';
import type { Limit } from '../ratelimit/limit.js';
import { ipKey, passwordKey } from '../ratelimit/limits.js';
import type { AccountStore } from './store.js';
import { hashPassword, passwordProblem, verifyPassword, type PasswordProblem } from './password.js';

export interface PasswordChangeRequest {
  accountId: string;
  current: string;
  next: string;
  /** The new password typed a second time. */
  confirmation: string;
  /** The client address, for the limits and the audit trail. */
  ip: string;
}

export type PasswordChangeResult =
  | { ok: true }
  | { ok: false; reason: 'missing' | 'mismatch' | 'wrong_password' | 'changed_elsewhere' }
  | { ok: false; reason: 'weak_password'; problem: PasswordProblem }
  /** `scope`: the address's count (`network`) or the email's from that address (`account`) ran out. */
  | { ok: false; reason: 'rate_limited'; scope: 'network' | 'account'; retryAfterSeconds: number };

export interface PasswordChangeDependencies {
  accounts: Pick<AccountStore, 'findById' | 'replacePasswordHash'>;
  bcryptCost: number;
  /** The sign-in's wrong-password limits: per client address, and per (email, client address). */
  limits: { perIp: Limit; perAccountIp: Limit };
  audit: Pick<AuditLog, 'record'>;
  /** Ends every session, grant and token of the account (the protocol store's revokeAccount). */
  endSessions: (accountId: string) => Promise<void>;
}

export class PasswordChange {
  constructor(private readonly deps: PasswordChangeDependencies) {}

  async change(request: PasswordChangeRequest): Promise<PasswordChangeResult> {
    const { accountId, current, next, confirmation, ip } = request;
    if (!current || !next || !confirmation) return { ok: false, reason: 'missing' };
    if (next !== confirmation) return { ok: false, reason: 'mismatch' };
    // The new password's rules first: a refusal for them costs no attempt, and says nothing about
    // the current password.
    const problem = passwordProblem(next);
    if (problem) return { ok: false, reason: 'weak_password', problem };

    const account = await this.deps.accounts.findById(accountId);
    if (!account || account.disabledAt) return { ok: false, reason: 'changed_elsewhere' };
    const counted = [
      { limit: this.deps.limits.perIp, key: ipKey(ip), scope: 'network' as const },
      { limit: this.deps.limits.perAccountIp, key: passwordKey(account.email, ip), scope: 'account' as const },
    ];
    for (const [index, { limit, key, scope }] of counted.entries()) {
      const verdict = await limit.attempt(key);
      if (verdict.allowed) continue;
      for (const taken of counted.slice(0, index)) await taken.limit.giveBack(taken.key);
      if (verdict.limitReachedNow) {
        await this.deps.audit.record({
          type: 'rate_limited',
          accountId,
          ip,
          detail: { limit: limit.name, retryAfterSeconds: verdict.retryAfterSeconds },
        });
      }
      return { ok: false, reason: 'rate_limited', scope, retryAfterSeconds: verdict.retryAfterSeconds };
    }

    if (!(await verifyPassword(current, account.passwordHash))) {
      await this.deps.audit.record({
        type: 'password_change_failed',
        accountId,
        ip,
        detail: { reason: 'wrong_password' },
      });
      return { ok: false, reason: 'wrong_password' };
    }
    // Like a right password at sign-in: the email's count is wiped, the address's own point returned.
    await this.deps.limits.perAccountIp.reset(passwordKey(account.email, ip));
    await this.deps.limits.perIp.giveBack(ipKey(ip));

    const hash = await hashPassword(next, this.deps.bcryptCost);
    // Only over the hash just checked: of two changes at once, one wins and the other is told.
    if (!(await this.deps.accounts.replacePasswordHash(accountId, account.passwordHash, hash)))
      return { ok: false, reason: 'changed_elsewhere' };
    await this.deps.endSessions(accountId);
    await this.deps.audit.record({
      type: 'password_changed',
      accountId,
      ip,
      detail: { source: 'account_page', sessionsEnded: true },
    });
    return { ok: true };
  }
}
