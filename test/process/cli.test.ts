// The compiled `twofold` as an administrator's shell runs it: its own process, a real pipe on stdin,
// the exit status the shell sees, and nothing on stderr but the one line it means to write (no
// stack trace, no runtime warning), even for a failure nobody planned for. One command per exit
// code; test/integration/cli.test.ts covers every command and refusal in-process. At a real
// terminal (a pseudo-terminal made by util-linux's `script`), `user add` asks for the password
// twice and shows none of it.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
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
    // The server's first start (or `twofold migrate`) creates the database the CLI works on.
    expect((await spawnCli(['migrate'], env)).code).toBe(0);
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
    expect({ code: added.code, stderr: added.stderr }).toEqual({ code: 0, stderr: '' });
    expect(added.stdout.split('\n')[0]).toBe('account created: pipe@example.com');
    expect(added.stdout).toMatch(/\n {2}http:\/\/\S+\/setup\?token=[A-Za-z0-9_-]{43}\n$/);
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

  describe('at a terminal', () => {
    /**
     * `twofold …args` in a pseudo-terminal: each answer is typed once its prompt is on the screen,
     * as a person would. Resolves with the exit code and everything the terminal showed.
     */
    const atTerminal = (args: string[], answers: string[]) =>
      new Promise<{ code: number | null; screen: string }>((resolve, reject) => {
        const command = ['node', join(packageRoot, 'dist', 'src', 'cli', 'main.js'), ...args]
          .map((word) => `'${word.replace(/'/g, "'\\''")}'`)
          .join(' ');
        const child = spawn('script', ['-q', '-e', '-c', command, '/dev/null'], {
          cwd: packageRoot,
          env: { PATH: process.env.PATH ?? '', ...env },
          stdio: ['pipe', 'pipe', 'pipe'],
        });
        let screen = '';
        let prompts = 0;
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          screen += chunk;
          const seen = (screen.match(/Password for the new account: |The same password again: /g) ?? []).length;
          while (prompts < seen && prompts < answers.length) child.stdin.write(`${answers[prompts++]!}\r`);
        });
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, screen }));
      });

    it('asks for the password twice, shows none of it, and creates the account', async () => {
      const { code, screen } = await atTerminal(['user', 'add', 'typed@example.com'], [PASSWORD, PASSWORD]);
      expect(screen).toContain('Password for the new account: ');
      expect(screen).toContain('The same password again: ');
      expect(screen).toContain('account created: typed@example.com');
      expect(screen).not.toContain(PASSWORD);
      expect(screen).not.toContain('*');
      expect(code).toBe(0);
      const listed = JSON.parse((await spawnCli(['user', 'list', '--json'], env)).stdout) as { email: string }[];
      expect(listed.map((account) => account.email)).toContain('typed@example.com');
    });

    it('creates nothing when the two passwords differ', async () => {
      const { code, screen } = await atTerminal(['user', 'add', 'typo@example.com'], [PASSWORD, `${PASSWORD}x`]);
      expect(screen).toContain('twofold: the two passwords differ; nothing was created');
      expect(screen).not.toContain(PASSWORD);
      expect(code).toBe(1);
      const listed = JSON.parse((await spawnCli(['user', 'list', '--json'], env)).stdout) as { email: string }[];
      expect(listed.map((account) => account.email)).not.toContain('typo@example.com');
    });
  });

  it('exits 2 with one line when there is no terminal to ask on and no --password-stdin', async () => {
    expectOneLine(await spawnCli(['user', 'add', 'piped@example.com'], env, `${PASSWORD}\n`), 2, /--password-stdin/);
  });
});
