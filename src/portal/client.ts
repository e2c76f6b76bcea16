// The account portal's registration as a client of the provider itself. It is re-written at every
// start-up, so an operator who edits or removes it gets it back as the code says it should be.
import type { Config } from '../config/index.js';
import type { ClientStore } from '../clients/store.js';

export const PORTAL_CLIENT_ID = 'twofold-account';

/** Where the portal lives, relative to the issuer. */
export const PORTAL_PATHS = {
  home: '/account',
  callback: '/account/callback',
  signOut: '/account/sign-out',
  signedOut: '/account/signed-out',
  recoveryCodes: '/account/recovery-codes',
  password: '/account/password',
  endSession: '/account/sessions/end',
  endOtherSessions: '/account/sessions/end-others',
  revokeApp: '/account/apps/revoke',
  addAuthenticator: '/account/authenticators/add',
  renameAuthenticator: '/account/authenticators/rename',
  removeAuthenticator: '/account/authenticators/remove',
} as const;

export function portalUrl(config: Pick<Config, 'issuer'>, path: string): string {
  return `${config.issuer}${path}`;
}

export function portalClientMetadata(config: Pick<Config, 'issuer' | 'issuerName'>): Record<string, unknown> {
  return {
    client_id: PORTAL_CLIENT_ID,
    client_name: `${config.issuerName} account`,
    // A public client: its code is useless without the PKCE verifier, which never leaves the server.
    token_endpoint_auth_method: 'none',
    grant_types: ['authorization_code'],
    response_types: ['code'],
    redirect_uris: [portalUrl(config, PORTAL_PATHS.callback)],
    post_logout_redirect_uris: [portalUrl(config, PORTAL_PATHS.signedOut)],
  };
}

/** Creates or refreshes the portal client; first-party, so the person is never asked for consent. */
export function registerPortalClient(
  clients: ClientStore,
  config: Pick<Config, 'issuer' | 'issuerName'>,
): Promise<void> {
  return clients.ensure(portalClientMetadata(config), true);
}
