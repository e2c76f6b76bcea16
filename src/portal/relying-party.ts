// The account portal as an OpenID Connect relying party, with openid-client: authorization code +
// PKCE + state + nonce, exactly what an outside application does. Nothing here trusts that it
// runs inside the provider; the only shortcut is the network path (see self-fetch.ts).
import * as oidc from 'openid-client';
import type { Config } from '../config/index.js';
import { PORTAL_CLIENT_ID, PORTAL_PATHS, portalUrl } from './client.js';
import type { FetchLike } from './self-fetch.js';

/** What the browser must bring back to finish a sign-in; kept server-side, never in the URL. */
export interface PortalAuthorization {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** Who signed in, and how, from a verified ID token and the userinfo endpoint. */
export interface PortalIdentity {
  sub: string;
  email: string | null;
  amr: string[];
  acr: string | null;
  authTime: number | null;
  /** The ID token's `iat`, on the provider's clock like `authTime`: their difference is the sign-in's age. */
  issuedAt: number | null;
  idToken: string;
}

export type SignInFailure =
  /** The person (or the provider on their behalf) declined. */
  | 'denied'
  /** The response did not pass the checks: wrong state, replayed or forged callback, bad token. */
  | 'invalid'
  /** The provider could not be reached or described itself badly. */
  | 'unavailable';

/** A sign-in that cannot complete; `reason` picks the page, `detail` goes to the log only. */
export class PortalSignInError extends Error {
  override name = 'PortalSignInError';
  constructor(
    readonly reason: SignInFailure,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`account portal sign-in failed (${reason}): ${detail}`, options);
  }
}

export class PortalRelyingParty {
  private configuration: Promise<oidc.Configuration> | undefined;

  constructor(
    private readonly config: Pick<Config, 'issuer'>,
    private readonly fetch: FetchLike,
  ) {}

  /** Discovery happens on first use, once the server is listening; a failure is retried next time. */
  private discover(): Promise<oidc.Configuration> {
    if (!this.configuration) {
      const insecure = new URL(this.config.issuer).protocol === 'http:';
      this.configuration = oidc
        .discovery(new URL(this.config.issuer), PORTAL_CLIENT_ID, undefined, oidc.None(), {
          [oidc.customFetch]: this.fetch,
          // A plain-http issuer is a development set-up; openid-client refuses http unless told.
          // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only to stand out; this is that case
          execute: insecure ? [oidc.allowInsecureRequests] : [],
        })
        .catch((error: unknown) => {
          this.configuration = undefined;
          throw new PortalSignInError('unavailable', `discovery failed: ${describe(error)}`, { cause: error });
        });
    }
    return this.configuration;
  }

  /**
   * Starts a sign-in: the authorization URL to send the browser to, and what to keep until it
   * returns. `again`: both factors are asked for even while the provider's session lasts.
   */
  async begin(options: { again?: boolean } = {}): Promise<{ url: URL; pending: PortalAuthorization }> {
    const configuration = await this.discover();
    const pending: PortalAuthorization = {
      state: oidc.randomState(),
      nonce: oidc.randomNonce(),
      codeVerifier: oidc.randomPKCECodeVerifier(),
    };
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: portalUrl(this.config, PORTAL_PATHS.callback),
      scope: 'openid email',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      ...(options.again ? { prompt: 'login' } : {}),
    });
    return { url, pending };
  }

  /** Finishes a sign-in from the callback URL (as the issuer sees it, not as the proxy forwarded it). */
  async complete(callbackUrl: URL, pending: PortalAuthorization): Promise<PortalIdentity> {
    const configuration = await this.discover();
    try {
      const tokens = await oidc.authorizationCodeGrant(configuration, callbackUrl, {
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        pkceCodeVerifier: pending.codeVerifier,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      // With the code flow, oidc-provider puts scope claims (email) in userinfo, not the ID token.
      const userinfo = await oidc.fetchUserInfo(configuration, tokens.access_token, claims.sub);
      return {
        sub: claims.sub,
        email: typeof userinfo.email === 'string' ? userinfo.email : null,
        amr: Array.isArray(claims.amr) ? claims.amr.map(String) : [],
        acr: typeof claims.acr === 'string' ? claims.acr : null,
        authTime: typeof claims.auth_time === 'number' ? claims.auth_time : null,
        issuedAt: typeof claims.iat === 'number' ? claims.iat : null,
        idToken: tokens.id_token!,
      };
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) {
        throw new PortalSignInError(
          error.error === 'access_denied' ? 'denied' : 'invalid',
          `authorization error ${error.error}`,
          { cause: error },
        );
      }
      throw new PortalSignInError('invalid', describe(error), { cause: error });
    }
  }

  /** RP-initiated logout: where to send the browser so the provider ends its session too. */
  async endSessionUrl(idToken: string): Promise<URL> {
    const configuration = await this.discover();
    return oidc.buildEndSessionUrl(configuration, {
      id_token_hint: idToken,
      post_logout_redirect_uri: portalUrl(this.config, PORTAL_PATHS.signedOut),
    });
  }
}

function describe(error: unknown): string {
  if (error instanceof oidc.ClientError) return `${error.code ?? 'client error'}: ${error.message}`;
  if (error instanceof oidc.ResponseBodyError) return `${error.error}: ${error.error_description ?? ''}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
