// oidc-provider configured for Twofold: code flow with PKCE (S256) for every client, rotating
// refresh tokens, asymmetric signatures only, clients from the database, our own pages.
// oidc-provider owns the protocol; this file only chooses its options.
import Provider, { type Adapter, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { Config } from '../config/index.js';
import type { KeySet } from '../keys/index.js';
import type { AccountStore } from '../accounts/store.js';
import { clientSecretMatches } from '../clients/secret.js';
import { ACR_VALUES } from './acr.js';
import { twofoldInteractionPolicy } from './policy.js';
import { registeredOriginsOnly } from './cors.js';
import { INTERACTION_LIFETIME_SECONDS, SESSION_LIFETIME_SECONDS } from './lifetimes.js';
import { LOCALES } from '../i18n/locales.js';

/**
 * The pages oidc-provider renders itself (its error page, the logout confirmation, "signed out"),
 * in our look: made by the pages layer and passed in by the server. Without them (the admin CLI,
 * which serves nothing) oidc-provider keeps its own.
 */
export interface ProviderPages {
  error: NonNullable<Configuration['renderError']>;
  logout: NonNullable<NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>['logoutSource']>;
  loggedOut: NonNullable<
    NonNullable<NonNullable<Configuration['features']>['rpInitiatedLogout']>['postLogoutSuccessSource']
  >;
}

export interface ProviderDependencies {
  config: Readonly<Config>;
  pages?: ProviderPages | undefined;
  keys: KeySet;
  accounts: AccountStore;
  /** Storage for oidc-provider's models, by model name ("Client" reads the clients table). */
  adapter: (model: string) => Adapter;
}

// Asymmetric algorithms only: client secrets are stored as digests, so nothing can be keyed by them.
const SIGNING_ALGS = ['RS256', 'ES256', 'PS256'] as const;

const ownTokensOnly = (
  _ctx: KoaContextWithOIDC,
  client: { clientId: string },
  token: { clientId?: string | undefined },
) => token.clientId === client.clientId;

export function createProvider({ config, pages, keys, accounts, adapter }: ProviderDependencies): Provider {
  const configuration: Configuration = {
    adapter,
    jwks: keys.jwks,
    cookies: {
      keys: keys.cookieKeys,
      long: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies },
      short: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies },
    },
    acrValues: [...ACR_VALUES],
    // The languages of our pages, for relying parties choosing ui_locales (OpenID Discovery §3).
    discovery: { ui_locales_supported: [...LOCALES] },
    scopes: ['openid', 'email', 'profile', 'offline_access'],
    claims: {
      // acr, amr and auth_time in every ID token: a relying party can always see that (and when)
      // the person proved both factors, without asking for them in a claims parameter.
      openid: ['sub', 'acr', 'amr', 'auth_time'],
      email: ['email'],
      profile: ['name'],
      acr: null,
      amr: null,
      auth_time: null,
      sid: null,
    },
    responseTypes: ['code'],
    clientAuthMethods: ['client_secret_basic', 'client_secret_post', 'none'],
    pkce: { required: () => true },
    enabledJWA: {
      idTokenSigningAlgValues: [...SIGNING_ALGS],
      userinfoSigningAlgValues: [...SIGNING_ALGS],
      introspectionSigningAlgValues: [...SIGNING_ALGS],
      authorizationSigningAlgValues: [...SIGNING_ALGS],
      requestObjectSigningAlgValues: [...SIGNING_ALGS],
      clientAuthSigningAlgValues: [...SIGNING_ALGS],
    },
    clientDefaults: {
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
      token_endpoint_auth_method: 'client_secret_basic',
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      // A client may introspect or revoke only the tokens issued to it: one relying party must not
      // learn about another's users by presenting their tokens. A foreign token is answered like an
      // unknown one (inactive; 200 with nothing revoked), not with oidc-provider's default error,
      // which would tell the caller the token is real.
      introspection: { enabled: true, allowedPolicy: ownTokensOnly },
      revocation: { enabled: true, allowedPolicy: ownTokensOnly },
      rpInitiatedLogout: {
        enabled: true,
        ...(pages ? { logoutSource: pages.logout, postLogoutSuccessSource: pages.loggedOut } : {}),
      },
    },
    // Browsers may call the credentialed endpoints only from an origin their client registered (cors.ts).
    clientBasedCORS: registeredOriginsOnly,
    // Reusing a rotated refresh token is treated by oidc-provider as theft: the grant is revoked.
    rotateRefreshToken: () => true,
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      ClientCredentials: 600,
      IdToken: 3600,
      Interaction: INTERACTION_LIFETIME_SECONDS,
      Grant: 14 * 24 * 3600,
      RefreshToken: 14 * 24 * 3600,
      Session: SESSION_LIFETIME_SECONDS,
    },
    interactions: { policy: twofoldInteractionPolicy(), url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    ...(pages ? { renderError: pages.error } : {}),
    findAccount: async (_ctx, sub) => {
      const account = await accounts.findById(sub);
      if (!account || account.disabledAt) return undefined;
      return {
        accountId: account.id,
        claims: () => ({
          sub: account.id,
          email: account.email,
          ...(account.displayName ? { name: account.displayName } : {}),
        }),
      };
    },
  };

  const provider = new Provider(config.issuer, configuration);
  provider.proxy = config.trustProxy;
  // Koa would otherwise take the leftmost X-Forwarded-For entry as the client IP, which the client
  // itself writes (a proxy appends to what it received): anyone could pick their own address and
  // escape the per-address rate limits. Count from the right, past the trusted proxies only.
  provider.maxIpsCount = config.trustProxyHops;
  // oidc-provider compares the presented secret with the stored one; ours stores only a SHA-256
  // digest (in `client_secret`), so compare digests, in constant time.
  provider.Client.prototype.compareClientSecret = function compareClientSecret(
    this: { clientSecret?: string },
    actual: string,
  ) {
    return Promise.resolve(clientSecretMatches(actual, this.clientSecret));
  };
  return provider;
}

export type { KoaContextWithOIDC };
