// What the operator reads when the server cannot start because its port is taken: the real process,
// one line on stderr in plain words naming the address and what to do, no stack, and exit code 2
// (like a bad setting: the operator's to fix, not a crash).
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

  it.each([
    ['json', '1'],
    ['pretty', '1'],
    ['json', '2'],
  ])('says so in one line and exits 2 (LOG_FORMAT=%s, WORKERS=%s)', async (format, workers) => {
    const { env, cleanup } = await freshEnvironment();
    try {
      const child = spawn(process.execPath, [join(packageRoot, 'dist', 'src', 'main.js')], {
        env: {
          PATH: process.env.PATH ?? '',
          ...env,
          HOST: '127.0.0.1',
          PORT: String(port),
          LOG_LEVEL: 'info',
          LOG_FORMAT: format,
          WORKERS: workers,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(2);
      // oidc-provider's own notice on Node 20 ("Unsupported runtime") is not ours to word.
      const lines = stderr.split('\n').filter((line) => line && !line.startsWith('oidc-provider WARNING'));
      expect(lines).toEqual([
        `twofold: cannot listen on 127.0.0.1:${port}: the port is already in use (another Twofold, or another program); stop it, or set PORT to a free port`,
      ]);
      expect(stdout).not.toMatch(/"level":60|FATAL|\bat .+:\d+:\d+/);
    } finally {
      await cleanup();
    }
  });
});
