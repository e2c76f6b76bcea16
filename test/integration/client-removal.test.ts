// An administrator removes a relying party with `twofold client remove`, and later someone
// registers the same client_id again (a typo fixed, an app re-created, or an attacker who got the
// id). Whatever the old client was given — refresh tokens, access tokens, the consents people gave
// it — is gone, on the database and on Redis: nothing of it works for the new registration.
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout } from 'node:timers/promises';
import { CLIENT_CACHE_SECONDS } from '../../src/clients/store.js';
import { packageRoot } from '../../src/paths.js';
import { migrationsOnDisk } from '../support/migrations.js';
import { runCli } from '../support/cli.js';
import { clientCredentialsToken, introspect } from '../support/client-credentials.js';
import { createPostgresDatabase, dropPostgresDatabase, tempDir } from '../support/databases.js';
import { RelyingParty } from '../support/relying-party.js';
import { createPerson, firstSignIn } from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { UserAgent } from '../support/user-agent.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SLOW = 180_000;
/** What a token endpoint answers for a refresh token that must not work, the client known or not. */
const REFUSED = expect.stringMatching(/^invalid_(client|grant)$/);

describe.each([
  ['the database', {}],
  ['Redis', { REDIS_URL }],
])('removing a client ends what it was given (protocol state in %s)', (_where, extra: Record<string, string>) => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold(extra);
  }, SLOW);
  afterAll(() => twofold.stop());

  const cli = (...args: string[]) => runCli(args, twofold.env);

  it(
    "a re-registered client_id does not bring back the old client's refresh and access tokens",
    async () => {
      const app = await RelyingParty.register(twofold, { clientId: 'tmp', isPublic: true, firstParty: true });
      const person = await createPerson(twofold);
      const { tokens } = await firstSignIn(new UserAgent(twofold.url), app, person, {
        scope: 'openid offline_access',
        prompt: 'consent',
      });
      expect(tokens.refresh_token).toEqual(expect.any(String));

      const removal = await cli('client', 'remove', 'tmp');
      expect({ code: removal.code, stderr: removal.stderr }).toEqual({ code: 0, stderr: '' });
      expect(removal.stdout).toContain('client removed: tmp');
      // Refused either way. Once the removal has reached this server's client cache (within
      // CLIENT_CACHE_SECONDS: the CLI is another process) the client is unknown, `invalid_client`;
      // a server that still has it cached finds no grant behind the token, `invalid_grant`.
      await expect(app.refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: REFUSED });
      // Past that second every server has forgotten the client: it no longer exists.
      await setTimeout(CLIENT_CACHE_SECONDS * 1000 + 100);
      await expect(app.refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_client' });

      // The same id registered again, even with the same redirect URI.
      await RelyingParty.register(twofold, { clientId: 'tmp', isPublic: true, firstParty: true });
      await expect(app.refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      const userinfo = await fetch(`${twofold.url}/me`, {
        headers: { authorization: `Bearer ${tokens.access_token}` },
      });
      expect(userinfo.status).toBe(401);
    },
    SLOW,
  );

  it(
    "a machine client's access token does not come back either",
    async () => {
      const secretOf = (added: { clientSecret: string | null }) => added.clientSecret!;
      const machine = { clientId: 'nightly', redirectUris: [], postLogoutRedirectUris: [], isPublic: false };
      const first = secretOf(
        await twofold.clients.add({ ...machine, firstParty: false, grants: ['client_credentials'] }),
      );
      const token = String((await clientCredentialsToken(twofold.url, 'nightly', first)).body.access_token);

      expect((await cli('client', 'remove', 'nightly')).code).toBe(0);
      const again = secretOf(
        await twofold.clients.add({ ...machine, firstParty: false, grants: ['client_credentials'] }),
      );
      expect((await introspect(twofold.url, 'nightly', again, token)).body).toEqual({ active: false });
    },
    SLOW,
  );

  it(
    'the built-in account page cannot be removed, and keeps working',
    async () => {
      const refused = await cli('client', 'remove', 'twofold-account');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^twofold: twofold-account is the built-in account page: it cannot be removed/);
      expect(await twofold.clients.find('twofold-account')).not.toBeNull();
      const account = await fetch(`${twofold.url}/account`, { redirect: 'manual' });
      expect(account.status).toBe(302);
    },
    SLOW,
  );
});

describe('protocol state stored before the upgrade is ended too', () => {
  const client = 'old-app';
  const rows = [
    ['RefreshToken', { jti: 'rt-1', kind: 'RefreshToken', clientId: client, grantId: 'g-1', accountId: 'a-1' }],
    ['Grant', { jti: 'g-1', kind: 'Grant', clientId: client, accountId: 'a-1' }],
    ['Session', { jti: 's-1', kind: 'Session', uid: 'u-1', accountId: 'a-1' }],
  ] as const;
  /** The SQL of the migrations before the one that added the column, and of that one. */
  const aroundUpgrade = (kind: 'sqlite' | 'postgresql') => {
    const dir = join(packageRoot, 'prisma', 'migrations', kind);
    const all = migrationsOnDisk(kind).map(({ name }) => ({
      name,
      sql: readFileSync(join(dir, name, 'migration.sql'), 'utf8'),
    }));
    const at = all.findIndex((m) => m.name.endsWith('_oidc_payload_client'));
    return { earlier: all.slice(0, at), migration: all[at]! };
  };

  it('on SQLite, the upgrade finds the client of every stored grant and token', () => {
    const { earlier, migration } = aroundUpgrade('sqlite');
    const db = new Sqlite(join(tempDir(), 'old.db'));
    try {
      for (const m of earlier) db.exec(m.sql);
      const insert = db.prepare('INSERT INTO oidc_payloads (model, id, payload) VALUES (?, ?, ?)');
      for (const [model, payload] of rows) insert.run(model, payload.jti, JSON.stringify(payload));
      db.exec(migration.sql);
      const found = db.prepare('SELECT model, client_id FROM oidc_payloads ORDER BY model').all();
      expect(found).toEqual([
        { model: 'Grant', client_id: client },
        { model: 'RefreshToken', client_id: client },
        { model: 'Session', client_id: null },
      ]);
    } finally {
      db.close();
    }
  });

  it('on PostgreSQL, the same', async () => {
    const { earlier, migration } = aroundUpgrade('postgresql');
    const url = await createPostgresDatabase();
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      for (const m of earlier) await db.query(m.sql);
      for (const [model, payload] of rows)
        await db.query('INSERT INTO oidc_payloads (model, id, payload) VALUES ($1, $2, $3)', [
          model,
          payload.jti,
          JSON.stringify(payload),
        ]);
      await db.query(migration.sql);
      const { rows: found } = await db.query('SELECT model, client_id FROM oidc_payloads ORDER BY model');
      expect(found).toEqual([
        { model: 'Grant', client_id: client },
        { model: 'RefreshToken', client_id: client },
        { model: 'Session', client_id: null },
      ]);
    } finally {
      await db.end();
      await dropPostgresDatabase(url);
    }
  });
});
