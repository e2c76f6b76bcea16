// A newcomer's first `npm start`: keys appear with owner-only permissions, the server says in plain
// words where the data and keys are and which page to open, and with no account yet exactly how to
// create the first one (a command that asks for the password: none in the shell's history); once an
// account exists it stops saying so. The CLI, run with other settings than the server's, refuses to
// create a second, empty database.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freshEnvironment } from '../support/databases.js';
import { runCli, spawnCli } from '../support/cli.js';
import { spawnTwofold, type TwofoldProcess } from '../support/twofold-process.js';

describe('the first start', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let server: TwofoldProcess | undefined;
  beforeAll(async () => {
    ({ env, cleanup } = await freshEnvironment({ LOG_LEVEL: 'info' }));
  });
  afterAll(async () => {
    await server?.kill();
    await cleanup();
  });

  const stop = async () => {
    server!.child.kill('SIGTERM');
    expect((await server!.exited).code).toBe(0);
    server = undefined;
  };

  it('prints the command that creates the first account, and creates the keys 0600', async () => {
    server = await spawnTwofold(env);
    const hint = await server.waitForLog((line) => line.msg.includes('no account exists yet'));
    expect(hint.msg).toContain('npx twofold user add you@example.com (');
    expect(hint.msg).toContain('it asks for the password');
    expect(hint.msg).not.toMatch(/echo|password-stdin/);
    const listening = server.logs.find((line) => line.msg === 'twofold listening')!;
    const ready = server.logs.find((line) => line.msg.startsWith('ready: '))!;
    const database = `the SQLite file ${join(env.DATA_DIR!, 'twofold.db')}`;
    expect(ready.msg).toBe(
      `ready: open ${String(listening.issuer)}/account to sign in; the data is in ${database} and the keys in ${env.KEYS_DIR!} (back them up together: the keys decrypt the data)`,
    );
    expect(ready).toEqual(
      expect.objectContaining({ database, keysDir: env.KEYS_DIR, open: `${String(listening.issuer)}/account` }),
    );
    for (const file of ['jwks.json', 'cookies.json', 'secrets.json']) {
      expect(statSync(join(env.KEYS_DIR!, file)).mode & 0o777).toBe(0o600);
    }
    await stop();

    const added = await runCli(
      ['user', 'add', 'first@example.com', '--password-stdin'],
      env,
      'the very first passphrase\n',
    );
    expect(added.code).toBe(0);
    server = await spawnTwofold(env);
    const again = await server.waitForLog((line) => line.msg === 'twofold listening');
    // The hint is decided from the count on the listening line, which is written first.
    expect(again.accounts).toBe(1);
    const logs = server.logs;
    // Once it has exited, every line it wrote is in.
    await stop();
    expect(logs.some((line) => line.msg.includes('no account exists yet'))).toBe(false);
  });

  it('the CLI with another DATA_DIR than the server’s says which database it found empty, and creates none', async () => {
    const elsewhere = join(env.DATA_DIR!, '..', 'not-the-server');
    const result = await spawnCli(['user', 'list'], { ...env, DATA_DIR: elsewhere });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `twofold: the SQLite file ${join(elsewhere, 'twofold.db')} has no Twofold tables, so it is not your server's database: run this command with the DATA_DIR (or DATABASE_URL) the server uses, from the folder the server runs in; to create a new database here on purpose, run "twofold migrate" first\n`,
    );
    expect(existsSync(elsewhere)).toBe(false);
    // `twofold migrate` is the explicit way to make one.
    expect((await spawnCli(['migrate'], { ...env, DATA_DIR: elsewhere })).code).toBe(0);
    const list = await spawnCli(['user', 'list'], { ...env, DATA_DIR: elsewhere });
    expect(list).toEqual({ code: 0, stdout: 'no accounts yet\n', stderr: '' });
  });
});
