// A newcomer's first `npm start`: keys appear with owner-only permissions, and with no account yet
// the server says exactly how to create the first one; once an account exists it stops saying so.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { freshEnvironment } from '../support/databases.js';
import { runCli } from '../support/cli.js';
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
    expect(hint.msg).toContain('npx twofold user add you@example.com --password-stdin');
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
    const listening = await server.waitForLog((line) => line.msg === 'twofold listening');
    // The hint is decided from the count on the listening line, which is written first.
    expect(listening.accounts).toBe(1);
    expect(server.logs.some((line) => line.msg.includes('no account exists yet'))).toBe(false);
    await stop();
  });
});
