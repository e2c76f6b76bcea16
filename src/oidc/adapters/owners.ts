// Whom a stored protocol record belongs to, so that all of it can be ended at once: an account
// (revokeAccount: disable, reset-mfa, a recovery code used), a grant (revokeByGrantId: logout,
// refresh-token reuse, a revoked token) and a client (revokeClient: `twofold client remove`).
import type { AdapterPayload } from 'oidc-provider';

/**
 * Sessions, grants and tokens carry `accountId` themselves; an interaction whose sign-in is
 * finished carries it only inside its result. Without that, an interaction that had passed both
 * factors but not yet returned to /auth would survive the revocation and still mint a session for
 * whoever holds it. (An unfinished interaction is left alone, even one begun from the account's old
 * session: a recovery in progress runs in one, and resuming it can only use the session that was
 * revoked.)
 */
function accountOf(payload: AdapterPayload): string | undefined {
  const result = (payload as { result?: { login?: { accountId?: unknown } } }).result;
  const id = payload.accountId ?? result?.login?.accountId;
  return typeof id === 'string' && id ? id : undefined;
}

const ISSUED_UNDER_A_GRANT = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

/**
 * Only the codes and tokens issued under a grant go with it, as in oidc-provider's own example
 * adapters. An interaction also names the grant it may extend, but it belongs to the sign-in in
 * progress, not to the grant: deleting it with the grant broke `prompt=login` as another person,
 * where oidc-provider ends the previous person's session (and grants) in the middle of the new
 * person's interaction, then resumes that interaction.
 */
function grantOf(model: string, payload: AdapterPayload): string | undefined {
  return ISSUED_UNDER_A_GRANT.has(model) && payload.grantId ? payload.grantId : undefined;
}

/**
 * Grants, codes and tokens name the client they were issued to. Removing a client ends them all:
 * registering the same client_id again must not bring old refresh tokens back to life.
 */
function clientOf(payload: AdapterPayload): string | undefined {
  const id = payload.clientId;
  return typeof id === 'string' && id ? id : undefined;
}

/**
 * What a stored record is filed under. A code or token issued under a grant is filed under its
 * grant alone: ending an account or a client ends its grants, and their codes and tokens with them
 * (every store's revokeAccount and revokeClient do both). Filing each one under its account and
 * client too cost every token write two more index entries (two more pages of a SQLite commit, two
 * more Redis scripts), and bought nothing: oidc-provider refuses a code or token whose grant is gone.
 */
export function ownersOf(
  model: string,
  payload: AdapterPayload,
): { grantId?: string; accountId?: string; clientId?: string } {
  const grantId = grantOf(model, payload);
  return grantId ? { grantId } : { accountId: accountOf(payload), clientId: clientOf(payload) };
}

/** The SQL that ends the codes and tokens of the grants an account or a client owns (one `?`). */
export const deleteUnderGrantsOf = (column: 'account_id' | 'client_id') =>
  `DELETE FROM oidc_payloads WHERE grant_id IN (SELECT id FROM oidc_payloads WHERE model = 'Grant' AND ${column} = ?)`;

/**
 * The grants among a batch of expired rows the purge deletes: each takes its codes and tokens with
 * it. A grant lives 14 days from consent, a rotated refresh token 14 days from its rotation, so a
 * grant can expire before its tokens do; oidc-provider then refuses them, and ending the account
 * could no longer reach them. Every other way a grant ends (logout, revocation, reuse of a rotated
 * refresh token, ending an account, a client, a session or an app's access) deletes them too, and
 * ours delete them before the grant.
 */
export function grantsAmong(rows: readonly { model: string; id: string }[]): string[] {
  return rows.filter((row) => row.model === 'Grant').map((row) => row.id);
}
