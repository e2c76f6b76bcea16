// What a person may change about their own security on /account, and the rule every change shares:
// a full sign-in (password and second factor) within ACCOUNT_REAUTH_WINDOW (recent-sign-in.ts).
// The authenticator apps' own rules are in authenticators.ts. Each change is audited; the page
// only parses a form, calls one of these and shows the outcome.
import type { AuditLog } from '../audit/index.js';
import type { PasswordChange, PasswordChangeRequest, PasswordChangeResult } from '../accounts/password-change.js';
import type { RecoveryCodeStore } from '../mfa/recovery-codes/store.js';
import type { AccountSessions, AccountSession } from './sessions.js';
import type { ConnectedApp, ConnectedApps } from './connected-apps.js';
import type { RecentSignIn } from './recent-sign-in.js';
import type { AuthenticatorView } from '../mfa/totp-app/store.js';
import type {
  AuthenticatorChanges,
  BeginAddResult,
  ConfirmAddResult,
  RemoveAppResult,
  RenameAppResult,
} from './authenticators.js';

/** The person asking, as the account page knows them. */
export interface Person {
  accountId: string;
  /** When they last proved both factors (our clock, ms), or null. */
  fullSignInAt: number | null;
  /** The uid of the provider session their browser holds, if known. */
  providerSession: string | undefined;
  /** The id of the account-page session they ask from (kept when sessions end). */
  portalSession?: string | undefined;
  ip: string;
}

/** A change refused because the last full sign-in is too old: both factors again first. */
export interface SignInAgain {
  ok: false;
  reason: 'sign_in_again';
}

export interface SecurityOverview {
  /** The authenticator apps linked to the account. */
  authenticators: AuthenticatorView[];
  sessions: AccountSession[];
  apps: ConnectedApp[];
  recoveryCodesLeft: number;
  /** Names the current set of recovery codes: the form that replaces it carries it. */
  recoveryCodeSet: string;
}

export interface AccountSecurityDependencies {
  recentSignIn: RecentSignIn;
  passwordChange: Pick<PasswordChange, 'change'>;
  recoveryCodes: Pick<RecoveryCodeStore, 'replaceSeen' | 'currentSet' | 'remaining'>;
  sessions: Pick<AccountSessions, 'list' | 'end' | 'endOthers'>;
  apps: Pick<ConnectedApps, 'list' | 'revoke'>;
  authenticators: Pick<AuthenticatorChanges, 'list' | 'beginAdd' | 'confirmAdd' | 'rename' | 'remove'>;
  audit: Pick<AuditLog, 'record' | 'recordIn' | 'committed'>;
}

const SIGN_IN_AGAIN: SignInAgain = { ok: false, reason: 'sign_in_again' };

export class AccountSecurity {
  constructor(private readonly deps: AccountSecurityDependencies) {}

  /** Everything the account page shows about sessions, apps and recovery codes. */
  async overview(person: Person): Promise<SecurityOverview> {
    const { accountId } = person;
    const [authenticators, sessions, apps, recoveryCodesLeft, recoveryCodeSet] = await Promise.all([
      this.deps.authenticators.list(accountId),
      this.deps.sessions.list(accountId, person.providerSession),
      this.deps.apps.list(accountId),
      this.deps.recoveryCodes.remaining(accountId),
      this.deps.recoveryCodes.currentSet(accountId),
    ]);
    return { authenticators, sessions, apps, recoveryCodesLeft, recoveryCodeSet };
  }

  async changePassword(
    person: Person,
    request: Omit<PasswordChangeRequest, 'accountId' | 'ip'>,
  ): Promise<PasswordChangeResult | SignInAgain> {
    if (!this.recent(person)) return SIGN_IN_AGAIN;
    return this.deps.passwordChange.change({ ...request, accountId: person.accountId, ip: person.ip });
  }

  /**
   * A new set of recovery codes in place of the set the person's page showed (`seenSet`), with its
   * audit row in the same transaction. `already_replaced`: that set was replaced since (the form was
   * sent twice, or the page showing the new codes reloaded): no other set is issued.
   */
  async newRecoveryCodes(
    person: Person,
    seenSet: string,
  ): Promise<{ ok: true; codes: string[] } | { ok: false; reason: 'already_replaced' } | SignInAgain> {
    if (!this.recent(person)) return SIGN_IN_AGAIN;
    const { accountId, ip } = person;
    const event = (count: number) =>
      ({
        type: 'recovery_codes_regenerated',
        accountId,
        ip,
        detail: { source: 'account_page', count },
      }) as const;
    const codes = await this.deps.recoveryCodes.replaceSeen(accountId, seenSet, (tx, count) =>
      this.deps.audit.recordIn(tx, event(count)),
    );
    if (!codes) return { ok: false, reason: 'already_replaced' };
    this.deps.audit.committed(event(codes.length));
    return { ok: true, codes };
  }

  /** Ends one session of the account, with everything issued in it. */
  async endSession(
    person: Person,
    uid: string,
  ): Promise<{ ok: true } | { ok: false; reason: 'not_found' } | SignInAgain> {
    if (!this.recent(person)) return SIGN_IN_AGAIN;
    const ended = await this.deps.sessions.end(person.accountId, uid, person.portalSession);
    if (!ended) return { ok: false, reason: 'not_found' };
    await this.audit(person, { type: 'sessions_ended', detail: { source: 'account_page', which: 'one', count: 1 } });
    return { ok: true };
  }

  /** Ends every session of the account but the asking browser's. */
  async endOtherSessions(person: Person): Promise<{ ok: true; count: number } | SignInAgain> {
    if (!this.recent(person)) return SIGN_IN_AGAIN;
    const count = await this.deps.sessions.endOthers(person.accountId, person.providerSession, person.portalSession);
    await this.audit(person, { type: 'sessions_ended', detail: { source: 'account_page', which: 'others', count } });
    return { ok: true, count };
  }

  /** Revokes a connected app: its grants, codes and tokens of this account end. */
  async revokeApp(
    person: Person,
    clientId: string,
  ): Promise<{ ok: true; name: string } | { ok: false; reason: 'not_found' } | SignInAgain> {
    if (!this.recent(person)) return SIGN_IN_AGAIN;
    const app = (await this.deps.apps.list(person.accountId)).find((a) => a.clientId === clientId);
    const grants = app ? await this.deps.apps.revoke(person.accountId, clientId) : 0;
    if (!app || !grants) return { ok: false, reason: 'not_found' };
    await this.deps.audit.record({
      type: 'connected_app_revoked',
      accountId: person.accountId,
      clientId,
      ip: person.ip,
      detail: { source: 'account_page', grants },
    });
    return { ok: true, name: app.name ?? app.clientId };
  }

  /** The key of another app to add (the same on a reload), unless the account holds MAX_AUTHENTICATORS. */
  async beginAddAuthenticator(person: Person): Promise<BeginAddResult | SignInAgain> {
    if (!this.recent(person)) return SIGN_IN_AGAIN;
    return this.deps.authenticators.beginAdd(person.accountId);
  }

  /** Links the app being added once its first code is right, with the name the person gave it. */
  async confirmAddAuthenticator(person: Person, name: string, code: string): Promise<ConfirmAddResult | SignInAgain> {
    if (!this.recent(person)) return SIGN_IN_AGAIN;
    return this.deps.authenticators.confirmAdd(person, name, code);
  }

  async renameAuthenticator(person: Person, id: string, name: string): Promise<RenameAppResult | SignInAgain> {
    if (!this.recent(person)) return SIGN_IN_AGAIN;
    return this.deps.authenticators.rename(person, id, name);
  }

  /** Removes one app, never the last second factor; ends nothing else. */
  async removeAuthenticator(person: Person, id: string): Promise<RemoveAppResult | SignInAgain> {
    if (!this.recent(person)) return SIGN_IN_AGAIN;
    return this.deps.authenticators.remove(person, id);
  }

  private recent(person: Person): boolean {
    return this.deps.recentSignIn.holds(person.fullSignInAt);
  }

  private audit(
    person: Person,
    event: { type: 'sessions_ended'; detail: { source: 'account_page'; which: 'one' | 'others'; count: number } },
  ): Promise<void> {
    return this.deps.audit.record({ ...event, accountId: person.accountId, ip: person.ip });
  }
}
