import { startTwofold, type RunningTwofold } from '../support/twofold.js';

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
});
