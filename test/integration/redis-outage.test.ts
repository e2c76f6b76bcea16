// When Redis goes away, whatever needs it gets a prompt error (never a request that hangs), /readyz
// says so, and everything works again by itself once Redis is back. A private redis-server is
// stopped and restarted for this.
import type { AdapterPayload } from 'oidc-provider';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging.js';
import { openServices } from '../../src/services.js';
import { redisProtocolStore, type ProtocolStore } from '../../src/oidc/adapters/index.js';
import { openRedis, waitUntilReady } from '../../src/redis/connection.js';
import { freshEnvironment } from '../support/databases.js';
import { startRedisServer, until, type RedisServer } from '../support/redis-server.js';
import { startTwofold } from '../support/twofold.js';

const token = (jti: string) => ({ jti, kind: 'AccessToken', accountId: 'a1', grantId: 'g1' }) as AdapterPayload;

/** The call fails, and within the 2 s the connection allows a command: never a hanging request. */
async function expectPromptFailure(work: Promise<unknown>): Promise<void> {
  const started = Date.now();
  await expect(work).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(2500);
}

describe('a Redis outage', () => {
  let redisServer: RedisServer;
  beforeAll(async () => {
    redisServer = await startRedisServer();
  });
  afterAll(() => redisServer.stop());

  it('fails store calls promptly while Redis is down, and recovers without a restart', async () => {
    const { env, cleanup } = await freshEnvironment();
    const services = await openServices(loadConfig(env), createLogger('silent'));
    const redis = openRedis({ redisUrl: redisServer.url, redisClusterNodes: undefined }, createLogger('silent'))!;
    expect(await waitUntilReady(redis)).toBe(true);
    const store: ProtocolStore = redisProtocolStore(redis, services.clients);
    try {
      await store.adapter('AccessToken').upsert('before', token('before'), 60);
      expect(await store.adapter('AccessToken').find('before')).toEqual(token('before'));

      await redisServer.stop();
      await expectPromptFailure(store.adapter('AccessToken').upsert('during', token('during'), 60));
      await expectPromptFailure(store.adapter('AccessToken').find('before'));
      await expectPromptFailure(store.adapter('AuthorizationCode').consume('before'));
      const asked = Date.now();
      expect(await store.ready()).toBe(false);
      expect(Date.now() - asked).toBeLessThan(3000);

      await redisServer.restart();
      await until(() => store.ready(), 'the store to reconnect', 10000);
      await store.adapter('AccessToken').upsert('after', token('after'), 60);
      expect(await store.adapter('AccessToken').find('after')).toEqual(token('after'));
    } finally {
      await store.close();
      await services.protocolStore.close();
      await services.db.$disconnect();
      await cleanup();
    }
  });

  it('turns /readyz to 503 naming redis, and back to 200 when Redis returns', async () => {
    const twofold = await startTwofold({ REDIS_URL: redisServer.url });
    const readyz = async () => {
      const response = await fetch(`${twofold.url}/readyz`);
      return {
        status: response.status,
        checks: ((await response.json()) as { checks: Record<string, boolean> }).checks,
      };
    };
    try {
      expect(await readyz()).toEqual({ status: 200, checks: { database: true, redis: true } });
      await redisServer.stop();
      expect(await readyz()).toEqual({ status: 503, checks: { database: true, redis: false } });
      await redisServer.restart();
      await until(async () => (await readyz()).status === 200, '/readyz to recover', 10000);
    } finally {
      await twofold.stop();
    }
  });
});
