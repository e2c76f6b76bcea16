// Which grant a stored protocol record is revoked with (revokeByGrantId: logout, refresh-token
// reuse, a revoked token, a removed client). Only the codes and tokens issued under a grant go with
// it, as in oidc-provider's own example adapters: an interaction also names the grant it may extend,
// but it belongs to the sign-in in progress, not to the grant. Deleting it with the grant broke
// `prompt=login` as another person: oidc-provider ends the previous person's session (and grants)
// in the middle of the new person's interaction, then resumes that interaction.
import type { AdapterPayload } from 'oidc-provider';

const ISSUED_UNDER_A_GRANT = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

export function grantOf(model: string, payload: AdapterPayload): string | undefined {
  return ISSUED_UNDER_A_GRANT.has(model) && payload.grantId ? payload.grantId : undefined;
}
