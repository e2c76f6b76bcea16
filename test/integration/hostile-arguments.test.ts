// The admin CLI's arguments fed what an attacker (or a careless script) passes: every value an
// argument can carry, in every argument an administrator types. Each is refused with exit code 1 or
// 2 and one line on stderr, no stack trace or file path, and nothing is written to the database.
import { runCli } from '../support/cli.js';
import { freshEnvironment } from '../support/databases.js';
import { HOSTILE_VALUES, expectNoLeak, type HostileValue } from '../support/hostile-values.js';
import { startTwofoldWith, type RunningTwofold } from '../support/twofold.js';

describe('hostile arguments to the admin CLI', () => {
  let env: Record<string, string>;
  let twofold: RunningTwofold;
  let before: string;
  // Accounts, clients, authenticators, recovery codes and audit events, row by row.
  const snapshot = async () =>
    JSON.stringify([
      await twofold.db.account.findMany({ orderBy: { id: 'asc' } }),
      await twofold.db.client.findMany({ orderBy: { clientId: 'asc' } }),
      await twofold.db.authenticator.findMany({ orderBy: { id: 'asc' } }),
      await twofold.db.recoveryCode.findMany({ orderBy: { id: 'asc' } }),
      await twofold.db.auditEvent.findMany({ orderBy: { id: 'asc' } }),
    ]);

  beforeAll(async () => {
    let cleanup: () => Promise<void>;
    ({ env, cleanup } = await freshEnvironment());
    // The deployment the administrator works on: its server running, an account and a client in it.
    twofold = await startTwofoldWith(env, cleanup);
    await twofold.accounts.create({ email: 'admin@example.com', password: 'a long passphrase nobody guesses 42' });
    before = await snapshot();
  });
  afterAll(async () => {
    try {
      expect(await snapshot()).toBe(before);
    } finally {
      await twofold.stop();
    }
  });

  // Every value an argument can carry (argv cannot hold a NUL byte, and raw percent escapes mean
  // nothing there), in every argument an administrator types.
  const cliValues = HOSTILE_VALUES.filter((v) => v.argv);
  // A word or a number (`null`, `NaN`, `12345`) is a fine client_id, and is refused everywhere else.
  const word = (v: HostileValue) => /^[\w.+-]+$/.test(v.text);
  const slots: [string, (value: string) => string[], HostileValue[]][] = [
    ['user add EMAIL', (v) => ['user', 'add', v, '--password-stdin'], cliValues],
    ['user disable EMAIL', (v) => ['user', 'disable', v], cliValues],
    ['user reset-mfa EMAIL', (v) => ['user', 'reset-mfa', v], cliValues],
    ['user enroll-link EMAIL', (v) => ['user', 'enroll-link', v], cliValues],
    [
      'client add --id',
      (v) => ['client', 'add', '--id', v, '--redirect-uri', 'https://rp.example/cb'],
      cliValues.filter((v) => !word(v)),
    ],
    ['client add --redirect-uri', (v) => ['client', 'add', '--id', 'hostile-uri', '--redirect-uri', v], cliValues],
    ['client add --grant', (v) => ['client', 'add', '--id', 'hostile-grant', '--grant', v], cliValues],
    ['client remove ID', (v) => ['client', 'remove', v], cliValues],
    ['audit --user', (v) => ['audit', '--user', v], cliValues],
    ['audit --since', (v) => ['audit', '--since', v], cliValues],
  ];

  describe.each(slots)('%s', (_slot, args, values) => {
    it.each(values.map((v) => [v.name, v] as const))('%s is refused with one line on stderr', async (name, value) => {
      const result = await runCli(args(value.text), env, 'a long passphrase nobody guesses 42\n');
      expect([name, result.code === 1 || result.code === 2]).toEqual([name, true]);
      expect([name, result.stdout]).toEqual([name, '']);
      expect(result.stderr).toMatch(/^twofold: [^\n]+\n$/);
      expectNoLeak(name, result.stderr);
    });
  });
});
