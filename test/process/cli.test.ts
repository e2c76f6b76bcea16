// The compiled `twofold` as an administrator's shell runs it: its own process, a real pipe on stdin,
// the exit status the shell sees, and nothing on stderr but the one line it means to write (no
// stack trace, no runtime warning), even for a failure nobody planned for. One command per exit
// code; test/integration/cli.test.ts covers every command and refusal in-process.
import { freshEnvironment } from '../support/databases.js';
import { freePort } from '../support/ports.js';
import { spawnCli, type CliResult } from '../support/cli.js';
import { expectNoLeak } from '../support/hostile-values.js';

const PASSWORD = 'a passphrase from a real pipe';

describe('the twofold command', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ env, cleanup } = await freshEnvironment());
  });
  afterAll(() => cleanup());

  const expectOneLine = (result: CliResult, code: number, message: RegExp) => {
    expect({ code: result.code, stdout: result.stdout }).toEqual({ code, stdout: '' });
    expect(result.stderr).toMatch(/^twofold: [^\n]+\n$/);
    expect(result.stderr).toMatch(message);
    expectNoLeak('stderr', result.stderr);
    expect(result.stderr).not.toMatch(/WARNING/);
  };

  it('exits 0 after reading the password from its stdin pipe, and writes nothing on stderr', async () => {
    const added = await spawnCli(['user', 'add', 'Pipe@Example.com', '--password-stdin'], env, `${PASSWORD}\n`);
    expect(added).toEqual({ code: 0, stdout: 'account created: pipe@example.com\n', stderr: '' });
    const listed = await spawnCli(['user', 'list', '--json'], env);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ email: 'pipe@example.com' })]);
  });

  it('exits 1 with one line when it refuses the input (two lines on stdin)', async () => {
    const result = await spawnCli(['user', 'add', 'two@example.com', '--password-stdin'], env, `${PASSWORD}\nmore\n`);
    expectOneLine(result, 1, /single line/);
  });

  it('exits 2 with one line for a usage mistake and for a configuration error', async () => {
    expectOneLine(await spawnCli(['users', 'list'], env), 2, /unknown command 'users'/);
    expectOneLine(
      await spawnCli(['user', 'list'], { ...env, BCRYPT_COST: '99' }),
      2,
      /^twofold: configuration error: BCRYPT_COST /,
    );
  });

  it('exits 1 with the cause in one line, no stack trace, when the database does not answer', async () => {
    const nowhere = `postgresql://postgres@127.0.0.1:${await freePort()}/twofold`;
    const result = await spawnCli(['user', 'list'], { ...env, DATABASE_URL: nowhere });
    expectOneLine(result, 1, /./);
  });
});
