// Signing-key rotation with `twofold keys rotate`: after a restart the server signs with the new
// key, publishes it first, and still publishes the old one, so tokens issued before keep verifying.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { runCli } from '../support/cli.js';
import { restartableTwofold, type RunningTwofold } from '../support/twofold.js';

const SLOW = 180_000;

/** An ID token signed in-process by the running provider, as its token endpoint would sign one. */
async function signIdToken(twofold: RunningTwofold, sub: string): Promise<string> {
  const client = await twofold.provider.Client.find('rp');
  const token = new twofold.provider.IdToken({ sub }, { ctx: undefined as never, client: client! });
  // The claims released follow the granted scope (a field @types/oidc-provider does not declare).
  Object.assign(token, { scope: 'openid' });
  return token.issue({ use: 'idtoken' });
}

async function publishedKids(twofold: RunningTwofold): Promise<string[]> {
  const { keys } = (await (await fetch(`${twofold.url}/jwks`)).json()) as { keys: { kid: string }[] };
  return keys.map((k) => k.kid);
}

describe('signing key rotation', () => {
  const server = restartableTwofold(SLOW);
  let twofold: RunningTwofold;

  it(
    'keeps a token signed before the rotation verifiable, and signs new tokens with the new key',
    async () => {
      twofold = await server.start();
      await twofold.clients.add({
        clientId: 'rp',
        redirectUris: ['https://rp.example/cb'],
        postLogoutRedirectUris: [],
        isPublic: false,
        firstParty: false,
        grants: [],
      });
      const before = await signIdToken(twofold, 'signed-before');
      const oldKid = decodeProtectedHeader(before).kid!;
      expect((await publishedKids(twofold))[0]).toBe(oldKid);

      const rotated = await runCli(['keys', 'rotate'], server.env);
      expect({ code: rotated.code, stderr: rotated.stderr }).toEqual({ code: 0, stderr: '' });
      const newKids = /^new signing keys: (.+)$/m.exec(rotated.stdout)![1]!.split(', ');
      expect(newKids).toHaveLength(2);
      expect(newKids).not.toContain(oldKid);

      twofold = await server.start();
      const kids = await publishedKids(twofold);
      expect(kids.slice(0, 2)).toEqual(newKids);
      expect(kids).toContain(oldKid);

      const jwks = createRemoteJWKSet(new URL(`${twofold.url}/jwks`));
      const { payload, protectedHeader } = await jwtVerify(before, jwks, { audience: 'rp' });
      expect(payload.sub).toBe('signed-before');
      expect(protectedHeader.kid).toBe(oldKid);

      const after = await signIdToken(twofold, 'signed-after');
      expect(decodeProtectedHeader(after).kid).toBe(newKids[0]);
      expect((await jwtVerify(after, jwks, { issuer: twofold.url, audience: 'rp' })).payload.sub).toBe('signed-after');
    },
    SLOW,
  );

  it('keeps every key file readable by its owner only', () => {
    for (const file of ['jwks.json', 'cookies.json', 'secrets.json']) {
      expect((statSync(join(server.env.KEYS_DIR!, file)).mode & 0o777).toString(8)).toBe('600');
    }
    expect((statSync(server.env.KEYS_DIR!).mode & 0o077).toString(8)).toBe('0');
  });
});
