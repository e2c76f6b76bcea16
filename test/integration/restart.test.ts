// A restarted server (same environment) is the same deployment: accounts, clients and signing keys
// survive, and the second start finds no migration left to apply.
import { verifyPassword } from '../../src/accounts/password.js';
import { runCli } from '../support/cli.js';
import { clientCredentialsToken } from '../support/client-credentials.js';
import { restartableTwofold, type RunningTwofold } from '../support/twofold.js';

const SLOW = 180_000;

const appliedMigrations = (twofold: RunningTwofold) =>
  twofold.db.$queryRawUnsafe<{ id: string; migration_name: string }[]>(
    'SELECT id, migration_name FROM "_prisma_migrations" ORDER BY migration_name',
  );

const jwks = async (twofold: RunningTwofold) => (await fetch(`${twofold.url}/jwks`)).json();

describe('a restarted server', () => {
  const server = restartableTwofold(SLOW);
  let twofold: RunningTwofold;

  it(
    'keeps accounts, clients and keys, and applies no migration the second time',
    async () => {
      twofold = await server.start();
      const added = await runCli(
        ['user', 'add', 'stays@example.com', '--password-stdin'],
        server.env,
        'still here after a restart\n',
      );
      expect(added.code).toBe(0);
      const client = await runCli(
        ['client', 'add', '--id', 'batch', '--grant', 'client_credentials', '--json'],
        server.env,
      );
      expect(client.code).toBe(0);
      const { client_secret: secret } = JSON.parse(client.stdout) as { client_secret: string };
      const keysBefore = await jwks(twofold);
      const migrationsBefore = await appliedMigrations(twofold);
      expect(migrationsBefore.length).toBeGreaterThan(0);

      twofold = await server.start();
      expect(await appliedMigrations(twofold)).toEqual(migrationsBefore);
      expect(await jwks(twofold)).toEqual(keysBefore);
      const account = await twofold.accounts.findByEmail('stays@example.com');
      expect(await verifyPassword('still here after a restart', account!.passwordHash)).toBe(true);
      const token = await clientCredentialsToken(twofold.url, 'batch', secret);
      expect(token.status).toBe(200);
      expect(token.body.access_token).toEqual(expect.any(String));

      const migrate = await runCli(['migrate'], server.env);
      expect({ code: migrate.code, stdout: migrate.stdout }).toEqual({ code: 0, stdout: 'database is up to date\n' });
    },
    SLOW,
  );
});
