// `twofold keys rotate-secret` while a server runs: every TOTP secret is re-encrypted under a new
// key, the rotation is audited, and the person's codes keep working, on the running server (which
// re-reads the key file) and after a restart.
import { runCli } from '../support/cli.js';
import { RelyingParty } from '../support/relying-party.js';
import { createPerson, firstSignIn, signIn } from '../support/sign-in.js';
import { restartableTwofold, type RunningTwofold } from '../support/twofold.js';
import { UserAgent } from '../support/user-agent.js';
import { readSecretKeys } from '../../src/keys/index.js';

const SLOW = 180_000;

describe('rotating the secret-encryption key', () => {
  const server = restartableTwofold(SLOW);
  let twofold: RunningTwofold;

  it(
    're-encrypts every secret under the new key, and codes keep verifying without and after a restart',
    async () => {
      twofold = await server.start();
      const rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
      const person = await createPerson(twofold);
      const { app } = await firstSignIn(new UserAgent(twofold.url), rp, person);
      const [before] = await twofold.db.authenticator.findMany({ where: { accountId: person.id } });
      const oldKid = readSecretKeys(server.env.KEYS_DIR!)[0]!.kid;
      expect(before!.secretKeyId).toBe(oldKid);

      const rotated = await runCli(['keys', 'rotate-secret'], twofold.env);
      expect({ code: rotated.code, stderr: rotated.stderr }).toEqual({ code: 0, stderr: '' });
      const newKid = /^new secret-encryption key: (\S+)$/m.exec(rotated.stdout)![1]!;
      expect(rotated.stdout).toMatch(/^authenticator secrets re-encrypted: 1$/m);
      expect(readSecretKeys(server.env.KEYS_DIR!).map((k) => k.kid)).toEqual([newKid, oldKid]);

      const [after] = await twofold.db.authenticator.findMany({ where: { accountId: person.id } });
      expect(after!.secretKeyId).toBe(newKid);
      expect(after!.secretCiphertext).not.toBe(before!.secretCiphertext);
      expect(after!.secretCiphertext).not.toContain(app.secret);

      const events = (await twofold.audit.list({})).filter((e) => e.type === 'secret_key_rotated');
      expect(events.map((e) => e.detail)).toEqual([{ source: 'cli', kid: newKid, reencrypted: 1 }]);

      // The running server meets a key id it did not load at start and re-reads the key file.
      const live = await signIn(new UserAgent(twofold.url), rp, person, app);
      expect(live.tokens.claims()?.sub).toBe(person.id);

      // A server started after the rotation loads both keys and verifies with the new one.
      twofold = await server.start();
      expect(await twofold.authenticators.verify(person.id, await app.nextCode(), 'a sign-in')).toMatchObject({
        ok: true,
      });
    },
    SLOW,
  );
});
