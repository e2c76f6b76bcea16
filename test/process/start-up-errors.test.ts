// What the operator reads when the server cannot start because its port is taken: the real
// process, one JSON line naming the error's code (log redaction used to print "[redacted]" for
// every field called `code`), exit code 1.
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { freshEnvironment } from '../support/databases.js';

describe('start-up on a port already in use', () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    port = (taken.address() as { port: number }).port;
  });
  afterAll(() => new Promise<void>((resolve) => taken.close(() => resolve())));

  it('logs EADDRINUSE as the error code and exits 1', async () => {
    const { env, cleanup } = await freshEnvironment();
    try {
      const child = spawn(process.execPath, [join(packageRoot, 'dist', 'src', 'main.js')], {
        env: { PATH: process.env.PATH ?? '', ...env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      const fatal = stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { level: number; msg: string; err?: { code?: string } })
        .find((line) => line.msg === 'start-up failed');
      expect(fatal).toEqual(
        expect.objectContaining({ level: 60, err: expect.objectContaining({ code: 'EADDRINUSE' }) }),
      );
    } finally {
      await cleanup();
    }
  });
});
