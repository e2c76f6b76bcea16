// Private redis-server processes for tests that need a Redis of their own: one to stop and restart
// (outages), or several joined into a cluster. Each runs in a temp folder, without persistence, and
// is stopped through its own process handle.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { tempDir } from './databases.js';

export const run = promisify(execFile);

export interface RedisServer {
  port: number;
  url: string;
  /** Stops the server (SIGTERM) and waits for it to exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  restart(): Promise<void>;
}

async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port; with `bus`, port + 10000 (a cluster node's bus) is free as well. */
export async function freeRedisPort(taken = new Set<number>(), bus = false): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 30000);
    if (taken.has(port) || taken.has(port + 10000) || taken.has(port - 10000)) continue;
    if ((await portFree(port)) && (!bus || (await portFree(port + 10000)))) return port;
  }
}

export async function until(check: () => Promise<boolean>, what: string, ms = 15000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function startRedisServer(port?: number, extraArgs: string[] = []): Promise<RedisServer> {
  const dir = tempDir('twofold-redis-');
  const boundPort = port ?? (await freeRedisPort());
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      'redis-server',
      [
        '--port',
        String(boundPort),
        '--bind',
        '127.0.0.1',
        '--dir',
        dir,
        '--save',
        '',
        '--appendonly',
        'no',
        ...extraArgs,
      ],
      {
        stdio: 'ignore',
      },
    );
    await until(
      async () => (await run('redis-cli', ['-p', String(boundPort), 'ping'])).stdout.trim() === 'PONG',
      `redis on ${boundPort}`,
    );
  };
  const stop = async () => {
    const running = child;
    if (running?.exitCode !== null || running.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve());
      running.kill('SIGTERM');
    });
  };
  try {
    await start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { port: boundPort, url: `redis://127.0.0.1:${boundPort}`, stop, restart: start };
}
