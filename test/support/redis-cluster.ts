// A private three-master Redis Cluster for one test file: private redis-servers joined with
// `redis-cli --cluster create`, stopped afterwards.
import { freeRedisPort, run, startRedisServer, until, type RedisServer } from './redis-server.js';

export interface RedisCluster {
  nodes: { host: string; port: number }[];
  stop(): Promise<void>;
}

export async function startRedisCluster(size = 3): Promise<RedisCluster> {
  const taken = new Set<number>();
  const servers: RedisServer[] = [];
  const stop = async () => {
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    for (let i = 0; i < size; i++) {
      // A cluster node also listens on port + 10000 (the cluster bus).
      const port = await freeRedisPort(taken, true);
      taken.add(port);
      servers.push(
        await startRedisServer(port, ['--cluster-enabled', 'yes', '--cluster-config-file', `nodes-${port}.conf`]),
      );
    }
    const ports = servers.map((server) => server.port);
    await run('redis-cli', [
      '--cluster',
      'create',
      ...ports.map((port) => `127.0.0.1:${port}`),
      '--cluster-replicas',
      '0',
      '--cluster-yes',
    ]);
    for (const port of ports) {
      await until(
        async () =>
          (await run('redis-cli', ['-p', String(port), 'cluster', 'info'])).stdout.includes('cluster_state:ok'),
        `cluster state on ${port}`,
      );
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes: servers.map((server) => ({ host: '127.0.0.1', port: server.port })), stop };
}
