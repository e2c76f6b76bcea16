// A relying party for HTTP tests, built on openid-client (code flow + PKCE), registered in the
// running Twofold through its client store, as `twofold client add` would.
import * as client from 'openid-client';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import type { RunningTwofold } from './twofold.js';
import { runCli } from './cli.js';

export interface RelyingPartyOptions {
  clientId: string;
  name?: string;
  firstParty?: boolean;
  isPublic?: boolean;
  /** Where its callback and signed-out pages live (default CALLBACK_ORIGIN, which nobody serves). */
  callbackOrigin?: string;
}

export interface StartedAuthorization {
  url: URL;
  codeVerifier: string;
  state: string;
  nonce: string;
  maxAge?: number;
}

export const CALLBACK_ORIGIN = 'https://rp.example';

export class RelyingParty {
  readonly redirectUri: string;
  readonly postLogoutRedirectUri: string;

  private constructor(
    readonly issuer: string,
    readonly clientId: string,
    readonly config: client.Configuration,
    callbackOrigin = CALLBACK_ORIGIN,
  ) {
    this.redirectUri = `${callbackOrigin}/${clientId}/callback`;
    this.postLogoutRedirectUri = `${callbackOrigin}/${clientId}/signed-out`;
  }

  static async register(twofold: RunningTwofold, options: RelyingPartyOptions): Promise<RelyingParty> {
    const { clientId, callbackOrigin = CALLBACK_ORIGIN } = options;
    const { clientSecret } = await twofold.clients.add({
      clientId,
      name: options.name,
      redirectUris: [`${callbackOrigin}/${clientId}/callback`],
      postLogoutRedirectUris: [`${callbackOrigin}/${clientId}/signed-out`],
      isPublic: options.isPublic ?? false,
      firstParty: options.firstParty ?? false,
      grants: [],
    });
    return RelyingParty.discover(twofold.url, clientId, clientSecret, callbackOrigin);
  }

  /**
   * A first-party client added with `twofold client add` against the server's environment (a
   * server process, or several behind `issuer`), at https://rp.example/<id>/callback.
   */
  static async addedWithCli(
    issuer: string,
    env: Record<string, string>,
    clientId: string,
    extra: string[] = [],
  ): Promise<RelyingParty> {
    const added = await runCli(
      [
        'client',
        'add',
        '--id',
        clientId,
        '--first-party',
        '--redirect-uri',
        `https://rp.example/${clientId}/callback`,
        ...extra,
        '--json',
      ],
      env,
    );
    if (added.stderr) throw new Error(`client add failed: ${added.stderr}`);
    return RelyingParty.discover(
      issuer,
      clientId,
      (JSON.parse(added.stdout) as { client_secret: string }).client_secret,
    );
  }

  /** A client registered already (e.g. with `twofold client add`), talking to `issuer`. */
  static async discover(
    issuer: string,
    clientId: string,
    clientSecret?: string | null,
    callbackOrigin?: string,
  ): Promise<RelyingParty> {
    const config = await client.discovery(
      new URL(issuer),
      clientId,
      undefined,
      clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
      // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only to stand out: tests run on http
      { execute: [client.allowInsecureRequests] },
    );
    return new RelyingParty(issuer, clientId, config, callbackOrigin);
  }

  /** The /auth URL to send the browser to, and what the callback must be checked against. */
  async start(params: Record<string, string> = {}): Promise<StartedAuthorization> {
    const codeVerifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const url = client.buildAuthorizationUrl(this.config, {
      redirect_uri: this.redirectUri,
      scope: 'openid email',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
      ...params,
    });
    return { url, codeVerifier, state, nonce, ...(params.max_age ? { maxAge: Number(params.max_age) } : {}) };
  }

  /** Exchanges the code in the callback URL for tokens, checking state, nonce and the ID token. */
  finish(callback: URL, started: StartedAuthorization) {
    return client.authorizationCodeGrant(this.config, callback, {
      pkceCodeVerifier: started.codeVerifier,
      expectedState: started.state,
      expectedNonce: started.nonce,
      idTokenExpected: true,
      ...(started.maxAge !== undefined ? { maxAge: started.maxAge } : {}),
    });
  }

  refresh(refreshToken: string) {
    return client.refreshTokenGrant(this.config, refreshToken);
  }

  userinfo(accessToken: string, sub: string) {
    return client.fetchUserInfo(this.config, accessToken, sub);
  }

  logoutUrl(idToken: string): URL {
    return client.buildEndSessionUrl(this.config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: this.postLogoutRedirectUri,
    });
  }

  /** Verifies the ID token's signature against the published JWKS (openid-client checks its claims). */
  async verifyIdToken(idToken: string): Promise<JWTPayload> {
    const jwks = createRemoteJWKSet(new URL(this.config.serverMetadata().jwks_uri!));
    const { payload } = await jwtVerify(idToken, jwks, { issuer: this.issuer, audience: this.clientId });
    return payload;
  }
}
