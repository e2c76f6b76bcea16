// A private three-master Redis Cluster for one test file: redis-server processes on free ports in a
// temp folder, joined with `redis-cli --cluster create`, stopped (by their own handles) afterwards.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { tempDir } from './databases.js';

const run = promisify(execFile);

export interface RedisCluster {
  nodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

// A cluster node also listens on port + 10000 (the cluster bus), so both must be free.
async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function freeNodePort(taken: Set<number>): Promise<number> {
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 30000);
    if (taken.has(port) || taken.has(port + 10000) || taken.has(port - 10000)) continue;
    if ((await portFree(port)) && (await portFree(port + 10000))) return port;
  }
}

async function until(check: () => Promise<boolean>, what: string, ms = 15000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  const dir = tempDir('twofold-redis-cluster-');
  const taken = new Set<number>();
  const ports: number[] = [];
  for (let i = 0; i < size; i++) {
    const port = await freeNodePort(taken);
    taken.add(port);
    ports.push(port);
  }
  const processes: ChildProcess[] = ports.map((port) =>
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`, '--dir', dir, '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    ),
  );
  const stop = async () => {
    await Promise.all(
      processes.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    for (const port of ports) await until(async () => (await run('redis-cli', ['-p', String(port), 'ping'])).stdout.trim() === 'PONG', `redis on ${port}`);
    await run('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-replicas', '0', '--cluster-yes']);
    for (const port of ports) {
      await until(async () => (await run('redis-cli', ['-p', String(port), 'cluster', 'info'])).stdout.includes('cluster_state:ok'), `cluster state on ${port}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: ports.map((port) => ({ host: '127.0.0.1', port })), stop };
}
