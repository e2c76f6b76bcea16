// Every event the audit trail records, and the shape of its `detail`: the one definition that the
// trail, its metrics (src/metrics/signin.ts), the notices shown to a person and `twofold audit`
// are keyed by. A new kind of event is one new entry here; a typo in a type or a detail field does
// not compile. A detail never holds a password, code or secret: identifiers, counts and reasons only.
import type { LimitName } from '../ratelimit/limits.js';

/** What allowed an app to be linked (src/signin/enrolment.ts). */
type EnrolmentGrantReason = 'new' | 'recovery' | 'link' | 'account';

/** Who did it, for events an operator causes. */
interface BySource<S extends string> {
  source: S;
}

export interface AuditEventDetails {
  // Accounts (the admin CLI).
  account_created: BySource<'cli'>;
  account_disabled: BySource<'cli'>;
  /** Every second factor of the account removed by an administrator. */
  mfa_reset: BySource<'cli'> & { removed: number; recoveryCodes: number };

  // The account page.
  /** The person changed their password; every other session and token of the account was ended. */
  password_changed: BySource<'account_page'> & { sessionsEnded: true };
  /** The person renamed one of their authenticator apps (`authenticator`: its id). */
  mfa_renamed: BySource<'account_page'> & { authenticator: string };
  /** The person removed one of their apps; `remaining`: how many they still have (never 0). */
  mfa_removed: BySource<'account_page'> & { authenticator: string; remaining: number };
  /** A password change refused because the current password was wrong. */
  password_change_failed: { reason: 'wrong_password' };
  /** The person ended one of their sessions, or every other one (`count`), with their tokens. */
  sessions_ended: BySource<'account_page'> & { which: 'one' | 'others'; count: number };
  /** The person revoked a connected app (the event's clientId): `grants` ended, with their tokens. */
  connected_app_revoked: BySource<'account_page'> & { grants: number };

  // Clients and keys (the admin CLI).
  client_added: BySource<'cli'> & { public: boolean; firstParty: boolean };
  client_removed: BySource<'cli'>;
  signing_keys_rotated: BySource<'cli'> & { kids: string[] };
  secret_key_rotated: BySource<'cli'> & { kid: string; reencrypted: number };

  // The protocol endpoints (oidc-provider's own events).
  /**
   * `sample`: the first failure of an address in a window that named an unregistered client_id;
   * the others of that window are counted in metrics only (src/ratelimit/token-endpoint.ts).
   */
  client_auth_failed: { endpoint: 'token' | 'introspection' | 'revocation' | 'par'; reason?: string; sample?: true };
  signed_out: { everywhere: boolean };

  // Sign-in.
  signin_password_failed: { reason: 'unknown_email' | 'wrong_password' | 'account_disabled' };
  signin_succeeded: { amr: string[] };
  signin_restarted: { reason: 'too_many_wrong_codes' };
  /** `interaction`: the sign-in it was typed in, so the notice at the next sign-in can leave out that sign-in's own. */
  otp_failed: { reason: 'wrong_code' | 'locked'; stage?: 'enrolment'; interaction?: string };
  /** The wrong code that locked the authenticator (the consecutive limit, or the guessing budget spent). */
  otp_locked: { interaction?: string };
  /** A code typed again after it was accepted; `interaction` is the sign-in it was typed in. */
  otp_replay: { interaction: string };
  /** An app was linked; `grant` says what allowed it, `replaced` how many apps it replaced. */
  mfa_enrolled: { grant: EnrolmentGrantReason; replaced: number };
  /** A confirmed code did not link the app: the grant no longer held (another enrolment won, …). */
  mfa_enrolment_refused: {
    reason: 'already_enrolled' | 'link_used' | 'window_closed' | 'too_many';
    grant: EnrolmentGrantReason;
  };
  /**
   * An enrolment page showed again the key an expired sign-in of this browser showed, because the
   * sign-in came from that page's "Start again" link (src/signin/kept-enrolment.ts).
   */
  mfa_enrolment_key_reshown: { grant: EnrolmentGrantReason };
  /** An administrator issued a set-up link (`user add`, `user reset-mfa`, `user enroll-link`). */
  enrollment_link_issued: BySource<'cli'> & { expiresAt: string };
  recovery_code_used: { remaining: number };
  recovery_code_failed: { reason: 'wrong_or_used' };
  recovery_codes_issued: { count: number };
  recovery_codes_regenerated: { count: number; source?: 'account_page' };
  consent_granted: undefined;
  consent_denied: undefined;

  /** A rate limit was reached (recorded once, by the attempt that reached it). */
  rate_limited: { limit: LimitName; retryAfterSeconds: number };
}

export type AuditEventType = keyof AuditEventDetails;

/** Who and where, common to every event. */
export interface AuditContext {
  accountId?: string | null | undefined;
  clientId?: string | null | undefined;
  ip?: string | null | undefined;
}

/** What happened: the type and a detail of the matching shape (none for some types). */
export type AuditEventBody<T extends AuditEventType = AuditEventType> = {
  [K in T]: { type: K } & (AuditEventDetails[K] extends undefined
    ? { detail?: undefined }
    : { detail: AuditEventDetails[K] });
}[T];

/** One event as recorded: what happened, and who/where. */
export type AuditEventInput<T extends AuditEventType = AuditEventType> = AuditContext & AuditEventBody<T>;

/** One event as read back from the trail. */
export type AuditEvent<T extends AuditEventType = AuditEventType> = {
  [K in T]: {
    id: string;
    at: Date;
    type: K;
    accountId: string | null;
    clientId: string | null;
    ip: string | null;
    detail: AuditEventDetails[K];
  };
}[T];
