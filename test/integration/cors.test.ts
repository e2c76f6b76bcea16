// What a hostile web page can read from a browser (CORS). Discovery and JWKS are public: any page
// may fetch them. The endpoints that take a credential answer a page only on an origin that the
// client registered, and only for a client that belongs in a browser (public, or any client's
// access token at userinfo): a page elsewhere is not even let through the preflight.
import { RelyingParty, CALLBACK_ORIGIN } from '../support/relying-party.js';
import { createPerson, firstSignIn } from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { UserAgent } from '../support/user-agent.js';

const EVIL = 'https://evil.example';
const ALLOW_ORIGIN = 'access-control-allow-origin';

describe('cross-origin requests from browsers', () => {
  let twofold: RunningTwofold;
  let spa: RelyingParty;
  let accessToken: string;
  let notesSecret: string;
  beforeAll(async () => {
    twofold = await startTwofold();
    // A browser app (public client, PKCE): its pages live at CALLBACK_ORIGIN.
    spa = await RelyingParty.register(twofold, { clientId: 'spa', isPublic: true, firstParty: true });
    // A server-side app with a secret, whose pages live at another origin.
    notesSecret = (
      await twofold.clients.add({
        clientId: 'notes',
        redirectUris: ['https://notes.example/callback'],
        postLogoutRedirectUris: [],
        isPublic: false,
        firstParty: true,
        grants: [],
      })
    ).clientSecret!;
    const { tokens } = await firstSignIn(new UserAgent(twofold.url), spa, await createPerson(twofold));
    accessToken = tokens.access_token;
  });
  afterAll(() => twofold.stop());

  const from = (origin: string, path: string, init: RequestInit = {}) =>
    fetch(`${twofold.url}${path}`, { ...init, headers: { origin, ...(init.headers as Record<string, string>) } });
  const preflight = (origin: string, path: string) =>
    from(origin, path, {
      method: 'OPTIONS',
      headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
  const form = (body: Record<string, string>, headers: Record<string, string> = {}): RequestInit => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(body).toString(),
  });

  it('any page may read discovery and the signing keys', async () => {
    for (const path of ['/.well-known/openid-configuration', '/jwks']) {
      const response = await from(EVIL, path);
      expect([path, response.status, response.headers.get(ALLOW_ORIGIN)]).toEqual([path, 200, EVIL]);
    }
  });

  it('a page on an origin no client registered fails the preflight of every credentialed endpoint', async () => {
    for (const path of ['/token', '/token/introspection', '/token/revocation', '/me', '/request']) {
      const response = await preflight(EVIL, path);
      expect([path, response.headers.get(ALLOW_ORIGIN)]).toEqual([path, null]);
    }
  });

  it("the browser app's own origin passes the preflight and reads the token endpoint's answer", async () => {
    expect((await preflight(CALLBACK_ORIGIN, '/token')).headers.get(ALLOW_ORIGIN)).toBe(CALLBACK_ORIGIN);
    const response = await from(
      CALLBACK_ORIGIN,
      '/token',
      form({ grant_type: 'authorization_code', code: 'not-a-code', client_id: 'spa', redirect_uri: spa.redirectUri }),
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_grant');
    expect(response.headers.get(ALLOW_ORIGIN)).toBe(CALLBACK_ORIGIN);
  });

  it("another page using the browser app's client_id reads nothing", async () => {
    const response = await from(
      EVIL,
      '/token',
      form({ grant_type: 'authorization_code', code: 'not-a-code', client_id: 'spa', redirect_uri: spa.redirectUri }),
    );
    expect(response.headers.get(ALLOW_ORIGIN)).toBeNull();
  });

  it("a confidential client's secret is never accepted from a page, even on its own origin", async () => {
    const basic = `Basic ${Buffer.from(`notes:${notesSecret}`).toString('base64')}`;
    const response = await from(
      'https://notes.example',
      '/token',
      form({ grant_type: 'refresh_token', refresh_token: 'not-a-token' }, { authorization: basic }),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get(ALLOW_ORIGIN)).toBeNull();
  });

  it('a page sending a made-up client_id reads nothing of the refusal', async () => {
    const response = await from(EVIL, '/token', form({ grant_type: 'client_credentials', client_id: 'nobody' }));
    expect(response.status).toBe(401);
    expect(response.headers.get(ALLOW_ORIGIN)).toBeNull();
  });

  it("userinfo answers the browser app's origin with the person's claims, and no other page", async () => {
    const own = await from(CALLBACK_ORIGIN, '/me', { headers: { authorization: `Bearer ${accessToken}` } });
    expect(own.status).toBe(200);
    expect(own.headers.get(ALLOW_ORIGIN)).toBe(CALLBACK_ORIGIN);
    const stolen = await from(EVIL, '/me', { headers: { authorization: `Bearer ${accessToken}` } });
    expect(stolen.headers.get(ALLOW_ORIGIN)).toBeNull();
    expect(await stolen.text()).not.toContain('@example.com');
  });
});
