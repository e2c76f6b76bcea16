// The protocol store contract on a real three-node Redis Cluster (REDIS_CLUSTER_NODES), where
// entries, lookups and indexes of one grant or account land on different nodes; and a server on it.
import { Cluster } from 'ioredis';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging.js';
import { openServices } from '../../src/services.js';
import { redisProtocolStore } from '../../src/oidc/adapters/index.js';
import { openRedis, waitUntilReady } from '../../src/redis/connection.js';
import { freshEnvironment } from '../support/databases.js';
import { startRedisCluster, type RedisCluster } from '../support/redis-cluster.js';
import { startTwofold } from '../support/twofold.js';
import { describeProtocolStoreContract } from '../contract/protocol-store.contract.js';

let cluster: RedisCluster;
beforeAll(async () => {
  cluster = await startRedisCluster();
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
afterAll(() => cluster?.stop());

const nodeList = () => cluster.nodes.map(({ host, port }) => `${host}:${port}`).join(',');

describeProtocolStoreContract('redis cluster', async () => {
  const { env, cleanup } = await freshEnvironment();
  const services = await openServices(loadConfig(env), createLogger('silent'));
  const config = loadConfig({ REDIS_CLUSTER_NODES: nodeList() });
  const redis = openRedis(config, createLogger('silent'))!;
  expect(redis).toBeInstanceOf(Cluster);
  expect(await waitUntilReady(redis, 5000)).toBe(true);
  const store = redisProtocolStore(redis, services.clients);
  return {
    store,
    clients: services.clients,
    dispose: async () => {
      await store.close();
      await services.protocolStore.close();
      await services.db.$disconnect();
      await cleanup();
    },
  };
});

describe('a server on a Redis Cluster', () => {
  it('reports the cluster ready and issues tokens stored in it', async () => {
    const twofold = await startTwofold({ REDIS_CLUSTER_NODES: nodeList() });
    try {
      const ready = await fetch(`${twofold.url}/readyz`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { checks: Record<string, boolean> }).checks).toEqual({
        database: true,
        redis: true,
      });

      const { clientId, clientSecret } = await twofold.clients.add({
        clientId: 'cluster-service',
        redirectUris: [],
        postLogoutRedirectUris: [],
        isPublic: false,
        firstParty: false,
        grants: ['client_credentials'],
      });
      const token = await fetch(`${twofold.url}/token`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret!)}`).toString('base64')}`,
        },
        body: new URLSearchParams({ grant_type: 'client_credentials' }),
      });
      expect(token.status).toBe(200);
      const { access_token: accessToken } = (await token.json()) as { access_token: string };
      const inspector = new Cluster(cluster.nodes);
      try {
        expect(await inspector.exists(`${twofold.config.redisKeyPrefix}ClientCredentials:${accessToken}`)).toBe(1);
      } finally {
        await inspector.quit();
      }
    } finally {
      await twofold.stop();
    }
  });
});
