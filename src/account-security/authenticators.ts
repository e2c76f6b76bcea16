// The person's own authenticator apps on /account: add another (up to MAX_AUTHENTICATORS), rename
// one, remove one. AccountSecurity (service.ts) checks the recent full sign-in first; these own the
// rest. Adding is the sign-in's enrolment under an `account` grant (src/signin/enrolment.ts): the
// key waits server-side, sealed (pending-app.ts), and only a right first code links the app, its
// time step stored as used so the same code cannot then sign in (the replay guard). Removing one
// ends nothing else (sessions, tokens and recovery codes stay) and never takes the last one.
import type { AuditLog } from '../audit/index.js';
import type { Clock } from '../clock.js';
import type { Enrolments } from '../signin/enrolment.js';
import type { AuthenticatorStore, AuthenticatorView } from '../mfa/totp-app/store.js';
import { checkAppName } from '../mfa/totp-app/name.js';
import { normalizeCode, verifyTotp } from '../mfa/totp-app/totp.js';
import type { PendingApps } from './pending-app.js';
import type { Limit } from '../ratelimit/limit.js';
import { codeKey } from '../ratelimit/limits.js';

/** Who asks, as far as these changes need. */
interface Asker {
  accountId: string;
  ip: string;
}

export type BeginAddResult = { ok: true; secret: string } | { ok: false; reason: 'too_many' };

export type ConfirmAddResult =
  /** `app` null: this key's app was linked already (the form sent again): nothing more was done. */
  | { ok: true; app: AuthenticatorView | null }
  /** `expired`: the key shown is no longer pending (its time ran out): a new one is shown. */
  | { ok: false; reason: 'invalid_name' | 'malformed' | 'wrong' | 'too_many' | 'expired' }
  /** The sign-in's wrong-code count for this account from this address ran out. */
  | { ok: false; reason: 'rate_limited'; retryAfterSeconds: number };

export type RenameAppResult = { ok: true } | { ok: false; reason: 'invalid_name' | 'not_found' };

export type RemoveAppResult = { ok: true; remaining: number } | { ok: false; reason: 'not_found' | 'last_factor' };

export interface AuthenticatorChangesDependencies {
  authenticators: Pick<AuthenticatorStore, 'list' | 'rename' | 'remove'>;
  enrolments: Pick<Enrolments, 'grantForAccount' | 'confirm'>;
  pendingApps: Pick<PendingApps, 'secret' | 'find' | 'linked'>;
  audit: Pick<AuditLog, 'record' | 'recordIn' | 'committed'>;
  /** The sign-in's wrong codes per (account, client address): this page is no way around it. */
  codeLimit: Limit;
  clock: Clock;
}

export class AuthenticatorChanges {
  constructor(private readonly deps: AuthenticatorChangesDependencies) {}

  /** The account's linked apps, oldest first. */
  async list(accountId: string): Promise<AuthenticatorView[]> {
    return (await this.deps.authenticators.list(accountId)).filter((a) => a.confirmedAt);
  }

  /** The key of the app being added (the same one on a reload), unless the account holds the most it may. */
  async beginAdd(accountId: string): Promise<BeginAddResult> {
    const grant = await this.deps.enrolments.grantForAccount(accountId);
    if (!grant.ok) return grant;
    return { ok: true, secret: await this.deps.pendingApps.secret(accountId) };
  }

  /**
   * The first code of the app being added: right, and the app is linked with its name. `app` is
   * null when this form had already linked it (sent twice): nothing more to do.
   */
  async confirmAdd(asker: Asker, typedName: string, code: string): Promise<ConfirmAddResult> {
    const { accountId, ip } = asker;
    const name = checkAppName(typedName);
    if (name === null) return { ok: false, reason: 'invalid_name' };
    if (normalizeCode(code) === null) return { ok: false, reason: 'malformed' };
    const pending = await this.deps.pendingApps.find(accountId);
    if (pending === undefined) return { ok: false, reason: 'expired' };
    if (pending.linked) return { ok: true, app: null };
    const { secret } = pending;
    // Counted before the check, as at sign-in; a right code resets the count.
    const key = codeKey(accountId, ip);
    const verdict = await this.deps.codeLimit.attempt(key);
    if (!verdict.allowed) {
      if (verdict.limitReachedNow)
        await this.deps.audit.record({
          type: 'rate_limited',
          accountId,
          ip,
          detail: { limit: this.deps.codeLimit.name, retryAfterSeconds: verdict.retryAfterSeconds },
        });
      return { ok: false, reason: 'rate_limited', retryAfterSeconds: verdict.retryAfterSeconds };
    }
    const acceptedStep = verifyTotp(secret, code, this.deps.clock.now());
    if (acceptedStep === null) {
      await this.deps.audit.record({
        type: 'otp_failed',
        accountId,
        ip,
        detail: { stage: 'enrolment', reason: 'wrong_code' },
      });
      return { ok: false, reason: 'wrong' };
    }
    await this.deps.codeLimit.reset(key);
    const grant = await this.deps.enrolments.grantForAccount(accountId);
    // Recorded in the link's own transaction: no app linked unrecorded.
    const enrolled = { type: 'mfa_enrolled', accountId, ip, detail: { grant: 'account', replaced: 0 } } as const;
    const result = grant.ok
      ? await this.deps.enrolments.confirm(accountId, grant.grant, { label: name, secret, acceptedStep }, (tx) =>
          this.deps.audit.recordIn(tx, enrolled),
        )
      : grant;
    if (!result.ok && result.reason === 'linked_by_this_sign_in') return { ok: true, app: null };
    // An `account` grant replaces nothing: only the limit can refuse it.
    if (!result.ok) {
      await this.deps.audit.record({
        type: 'mfa_enrolment_refused',
        accountId,
        ip,
        detail: { reason: 'too_many', grant: 'account' },
      });
      return { ok: false, reason: 'too_many' };
    }
    this.deps.audit.committed(enrolled);
    await this.deps.pendingApps.linked(accountId);
    return { ok: true, app: result.app };
  }

  async rename(asker: Asker, id: string, name: string): Promise<RenameAppResult> {
    const result = await this.deps.authenticators.rename(asker.accountId, id, name);
    if (!result.ok) return result;
    await this.deps.audit.record({
      type: 'mfa_renamed',
      accountId: asker.accountId,
      ip: asker.ip,
      detail: { source: 'account_page', authenticator: result.app.id },
    });
    return { ok: true };
  }

  async remove(asker: Asker, id: string): Promise<RemoveAppResult> {
    const event = (removed: { id: string; remaining: number }) =>
      ({
        type: 'mfa_removed',
        accountId: asker.accountId,
        ip: asker.ip,
        detail: { source: 'account_page', authenticator: removed.id, remaining: removed.remaining },
      }) as const;
    // Recorded in the removal's own transaction: no app removed unrecorded.
    const result = await this.deps.authenticators.remove(asker.accountId, id, (tx, removed) =>
      this.deps.audit.recordIn(tx, event(removed)),
    );
    if (!result.ok) return result;
    this.deps.audit.committed(event({ id: result.removed.id, remaining: result.remaining }));
    return { ok: true, remaining: result.remaining };
  }
}
