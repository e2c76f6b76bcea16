import { startTwofold, startTwofoldWith, type RunningTwofold } from '../support/twofold.js';
import { rotateSigningKeys } from '../../src/keys/index.js';
import { freshEnvironment } from '../support/databases.js';

// What differs from one answer to the next by design.
const PER_REQUEST = ['date', 'x-request-id', 'etag', 'cache-control', 'connection', 'keep-alive'];
const headersOf = (response: Response) =>
  Object.fromEntries([...response.headers].filter(([name]) => !PER_REQUEST.includes(name)));

describe('discovery', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold();
  });
  afterAll(() => twofold.stop());

  it('describes a code-flow provider that requires S256 PKCE', async () => {
    const response = await fetch(`${twofold.url}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const doc = (await response.json()) as Record<string, unknown>;
    expect(doc.issuer).toBe(twofold.url);
    expect(doc.code_challenge_methods_supported).toEqual(['S256']);
    expect(doc.response_types_supported).toEqual(['code']);
    expect(doc.grant_types_supported).toEqual(
      expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']),
    );
    expect(doc.acr_values_supported).toEqual(['urn:twofold:acr:pwd+otp']);
    for (const endpoint of [
      'authorization_endpoint',
      'token_endpoint',
      'userinfo_endpoint',
      'jwks_uri',
      'end_session_endpoint',
      'revocation_endpoint',
      'introspection_endpoint',
    ]) {
      expect(String(doc[endpoint])).toMatch(new RegExp(`^${twofold.url}/`));
    }
    expect(doc.id_token_signing_alg_values_supported).toEqual(expect.arrayContaining(['RS256', 'ES256']));
    expect(JSON.stringify(doc)).not.toMatch(/HS256/);
  });

  it('publishes RSA and P-256 signing keys without their private parts', async () => {
    const { keys } = (await (await fetch(`${twofold.url}/jwks`)).json()) as { keys: Record<string, string>[] };
    expect(keys.map((k) => k.kty).sort()).toEqual(['EC', 'RSA']);
    for (const key of keys) expect(key.d).toBeUndefined();
    expect(new Set(keys.map((k) => k.kid)).size).toBe(keys.length);
  });

  it.each(['/.well-known/openid-configuration', '/jwks'])(
    '%s can be cached by a relying party: an ETag, a lifetime, and 304 when unchanged',
    async (path) => {
      const first = await fetch(`${twofold.url}${path}`);
      const body = await first.text();
      expect(first.status).toBe(200);
      const etag = first.headers.get('etag');
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
      expect(first.headers.get('cache-control')).toBe('public, max-age=300');

      const again = await fetch(`${twofold.url}${path}`, { headers: { 'if-none-match': `"other", ${etag}` } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(etag);
      const changed = await fetch(`${twofold.url}${path}`, { headers: { 'if-none-match': '"other"' } });
      expect([changed.status, await changed.text()]).toEqual([200, body]);

      // The same document and headers as oidc-provider answers itself (a query takes the ordinary way).
      const fromProvider = await fetch(`${twofold.url}${path}?direct`);
      expect(await fromProvider.text()).toBe(body);
      expect(fromProvider.headers.get('etag')).toBeNull();
      expect(headersOf(first)).toEqual(headersOf(fromProvider));
      expect(first.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");

      // A browser app on another origin may read them (CORS), and HEAD answers without a body.
      const cors = await fetch(`${twofold.url}${path}`, { headers: { origin: 'https://app.example' } });
      expect(cors.headers.get('access-control-allow-origin')).toBe('https://app.example');
      const head = await fetch(`${twofold.url}${path}`, { method: 'HEAD' });
      expect([head.status, head.headers.get('etag'), await head.text()]).toEqual([200, etag, '']);
    },
  );

  it('publishes a rotated key, under a new ETag, once the server restarts', async () => {
    const { env, cleanup } = await freshEnvironment();
    let server = await startTwofoldWith(env);
    try {
      const before = await fetch(`${server.url}/jwks`);
      const kids = ((await before.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
      await server.close();
      await rotateSigningKeys(server.config.keysDir);
      server = await startTwofoldWith(env);
      const after = await fetch(`${server.url}/jwks`, { headers: { 'if-none-match': before.headers.get('etag')! } });
      expect(after.status).toBe(200);
      const newKids = ((await after.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid);
      expect(newKids).toEqual(expect.arrayContaining(kids));
      expect(newKids.length).toBeGreaterThan(kids.length);
      expect(after.headers.get('etag')).not.toBe(before.headers.get('etag'));
    } finally {
      await server.close();
      await cleanup();
    }
  }, 60_000);
});
