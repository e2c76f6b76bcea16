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
export function accountOf(payload: AdapterPayload): string | undefined {
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
export function grantOf(model: string, payload: AdapterPayload): string | undefined {
  return ISSUED_UNDER_A_GRANT.has(model) && payload.grantId ? payload.grantId : undefined;
}

/**
 * Grants, codes and tokens name the client they were issued to. Removing a client ends them all:
 * registering the same client_id again must not bring old refresh tokens back to life.
 */
export function clientOf(payload: AdapterPayload): string | undefined {
  const id = payload.clientId;
  return typeof id === 'string' && id ? id : undefined;
}
