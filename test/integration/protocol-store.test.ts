// The protocol store contract on the database (SQLite, or PostgreSQL under TEST_DATABASE=postgresql)
// and on the machine's Redis (127.0.0.1:6379, keys under a prefix of this run, deleted afterwards).
import { randomBytes, randomUUID } from 'node:crypto';
import type { AdapterPayload } from 'oidc-provider';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging.js';
import { openServices } from '../../src/services.js';
import {
  databaseProtocolStore,
  redisProtocolStore,
  sqliteProtocolStore,
  type ProtocolStore,
} from '../../src/oidc/adapters/index.js';
import { DatabaseAdapter } from '../../src/oidc/adapters/database.js';
import { openSqlite, type SqliteConnection } from '../../src/database/sqlite.js';
import { WriteBatch } from '../../src/database/write-batch.js';
import { openRedis, waitUntilReady } from '../../src/redis/connection.js';
import { freshEnvironment, TEST_REDIS_URL } from '../support/databases.js';
import { describeProtocolStoreContract, type ContractSubject } from '../contract/protocol-store.contract.js';

/** A migrated database with its client store, on the suite's kind of database. */
async function openDatabaseServices() {
  const { env, cleanup } = await freshEnvironment();
  const config = loadConfig(env);
  const services = await openServices(config, createLogger('silent'));
  return {
    ...services,
    dispose: async () => {
      await services.protocolStore.close();
      await services.db.$disconnect();
      await cleanup();
    },
  };
}

/** Deletes every key under the prefix (SCAN, not KEYS: the Redis may be shared). */
async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function openRedisSubject(prefix: string): Promise<ContractSubject & { redis: Redis }> {
  const services = await openDatabaseServices();
  // The production connection settings, on a connection of our own.
  const redis = openRedis({ redisUrl: TEST_REDIS_URL, redisClusterNodes: undefined }, createLogger('silent')) as Redis;
  expect(await waitUntilReady(redis)).toBe(true);
  const store = redisProtocolStore(redis, services.clients, { prefix });
  const inspector = new Redis(TEST_REDIS_URL);
  return {
    store,
    clients: services.clients,
    redis: inspector,
    dispose: async () => {
      await deleteKeys(inspector, prefix);
      await inspector.quit();
      await store.close();
      await services.dispose();
    },
  };
}

describeProtocolStoreContract('database', async () => {
  const services = await openDatabaseServices();
  return {
    store: databaseProtocolStore(services.db, services.clients),
    clients: services.clients,
    dispose: services.dispose,
  };
});

// The embedded default: SQLite through its driver, on the same table the Prisma adapter uses.
const sqliteWithBatch = (connection: SqliteConnection, clients: Parameters<typeof sqliteProtocolStore>[2]) =>
  sqliteProtocolStore(connection, new WriteBatch(connection), clients);

async function openSqliteSubject() {
  const { env, cleanup } = await freshEnvironment({ DATABASE_URL: '' });
  const config = loadConfig({ ...env, DATABASE_URL: '' });
  const services = await openServices(config, createLogger('silent'));
  if (config.database.kind !== 'sqlite') throw new Error('expected the embedded SQLite database');
  return {
    services,
    store: sqliteWithBatch(openSqlite(config.database.file), services.clients),
    dispose: async () => {
      await services.protocolStore.close();
      await services.db.$disconnect();
      await cleanup();
    },
  };
}

describeProtocolStoreContract('sqlite (driver)', async () => {
  const { services, store, dispose } = await openSqliteSubject();
  return {
    store,
    clients: services.clients,
    dispose: async () => {
      await store.close();
      await dispose();
    },
  };
});

describe('sqlite protocol store beside the Prisma adapter (one table, one format)', () => {
  let subject: Awaited<ReturnType<typeof openSqliteSubject>>;
  beforeAll(async () => {
    subject = await openSqliteSubject();
  });
  afterAll(async () => {
    await subject.store.close();
    await subject.dispose();
  });

  it('reads what Prisma wrote and Prisma reads what it wrote, expiry and consumption included', async () => {
    const prisma = new DatabaseAdapter(subject.services.db, 'RefreshToken');
    const direct = subject.store.adapter('RefreshToken');
    const grantId = randomUUID();
    const byPrisma = { jti: randomUUID(), kind: 'RefreshToken', grantId, accountId: 'acc-p' } as AdapterPayload;
    const byDriver = { jti: randomUUID(), kind: 'RefreshToken', grantId, accountId: 'acc-d' } as AdapterPayload;
    await prisma.upsert(byPrisma.jti!, byPrisma, 600);
    await direct.upsert(byDriver.jti!, byDriver, 600);
    expect(await direct.find(byPrisma.jti!)).toEqual(byPrisma);
    expect(await prisma.find(byDriver.jti!)).toEqual(byDriver);
    await direct.consume(byPrisma.jti!);
    await prisma.consume(byDriver.jti!);
    expect((await prisma.find(byPrisma.jti!))!.consumed).toEqual(expect.any(Number));
    expect((await direct.find(byDriver.jti!))!.consumed).toEqual(expect.any(Number));
    // Expiry written by one is honoured by the other, and by the purge of expired rows.
    const expired = { jti: randomUUID(), kind: 'RefreshToken' } as AdapterPayload;
    await direct.upsert(expired.jti!, expired, 1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await prisma.find(expired.jti!)).toBeUndefined();
    await subject.store.purge();
    expect(await subject.services.db.oidcPayload.count({ where: { id: expired.jti! } })).toBe(0);
    await subject.store.adapter('AccessToken').revokeByGrantId(grantId);
    expect(await prisma.find(byPrisma.jti!)).toBeUndefined();
    expect(await prisma.find(byDriver.jti!)).toBeUndefined();
  });
});

// A grant lives 14 days from consent, a rotated refresh token 14 days from its rotation: once the
// grant has expired its codes and tokens are refused, and only the purge can still reach them.
// More than the 200 rows a housekeeping batch deletes (src/database/housekeeping.ts).
const A_BATCH = 200;

describe.each([
  [
    'sqlite (driver)',
    async () => {
      const subject = await openSqliteSubject();
      return {
        store: subject.store,
        db: subject.services.db,
        dispose: async () => {
          await subject.store.close();
          await subject.dispose();
        },
      };
    },
  ],
  [
    'database',
    async () => {
      const services = await openDatabaseServices();
      return {
        store: databaseProtocolStore(services.db, services.clients),
        db: services.db,
        dispose: services.dispose,
      };
    },
  ],
] as const)('the purge on %s', (_name, open) => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('deletes every expired row, more than a batch, and with an expired grant its codes and tokens', async () => {
    const { store, db, dispose } = await open();
    try {
      const [live, expiring] = [randomUUID(), randomUUID()];
      const grant = (jti: string) => ({ jti, kind: 'Grant', accountId: 'a1', clientId: 'app' }) as AdapterPayload;
      await store.adapter('Grant').upsert(live, grant(live), 600);
      await store.adapter('Grant').upsert(expiring, grant(expiring), 1);
      const token = (grantId: string) =>
        ({ jti: randomUUID(), kind: 'RefreshToken', grantId, accountId: 'a1', clientId: 'app' }) as AdapterPayload;
      const kept = token(live);
      await store.adapter('RefreshToken').upsert(kept.jti!, kept, 600);
      // Every rotated refresh token is kept for its own 14 days: more under one grant than a batch.
      const rotated = Array.from({ length: A_BATCH + 30 }, () => token(expiring));
      const refreshTokens = store.adapter('RefreshToken');
      await Promise.all(rotated.map((t) => refreshTokens.upsert(t.jti!, t, 600)));
      const expired = Array.from({ length: 2 * A_BATCH + 50 }, () => randomUUID());
      const interactions = store.adapter('Interaction');
      await Promise.all(expired.map((id) => interactions.upsert(id, { jti: id, kind: 'Interaction' }, 1)));
      await sleep(1100);

      expect(await store.purge()).toBe(expired.length + rotated.length + 1);
      expect(await store.adapter('RefreshToken').find(kept.jti!)).toEqual(kept);
      expect(await db.oidcPayload.count({ where: { id: { in: [live, kept.jti!] } } })).toBe(2);
      const gone = [expiring, ...rotated.map((t) => t.jti!), ...expired];
      expect(await db.oidcPayload.count({ where: { id: { in: gone } } })).toBe(0);
    } finally {
      await dispose();
    }
  });

  it('stops between batches once told to', async () => {
    const { store, db, dispose } = await open();
    try {
      const expired = Array.from({ length: 2 * A_BATCH + 50 }, () => randomUUID());
      const interactions = store.adapter('Interaction');
      await Promise.all(expired.map((id) => interactions.upsert(id, { jti: id, kind: 'Interaction' }, 1)));
      await sleep(1100);
      const closing = new AbortController();
      // Told while its first batch is on its way: that batch is the last.
      const purged = store.purge(closing.signal);
      setImmediate(() => closing.abort());
      const first = await purged;
      expect(first).toBeGreaterThan(0);
      expect(first).toBeLessThan(expired.length);
      const left = expired.length - first;
      expect(await db.oidcPayload.count({ where: { id: { in: expired } } })).toBe(left);
      expect(await store.purge(closing.signal)).toBe(0);
      expect(await store.purge()).toBe(left);
    } finally {
      await dispose();
    }
  });
});

describeProtocolStoreContract('redis', () => openRedisSubject(`twofold-test-${randomBytes(6).toString('hex')}:`));

describe('redis protocol store: keys and their lifetimes', () => {
  const prefix = `twofold-test-${randomBytes(6).toString('hex')}:`;
  let subject: Awaited<ReturnType<typeof openRedisSubject>>;
  let store: ProtocolStore;
  beforeAll(async () => {
    subject = await openRedisSubject(prefix);
    store = subject.store;
  });
  afterAll(() => subject.dispose());

  const entry = (kind: string, fields: Record<string, unknown>) =>
    ({ jti: randomUUID(), kind, ...fields }) as AdapterPayload;

  it('writes every key under its prefix, with the lifetime oidc-provider gave', async () => {
    const token = entry('AccessToken', { grantId: 'g1', accountId: 'a1' });
    await store.adapter('AccessToken').upsert(token.jti!, token, 300);
    const keys = (await subject.redis.keys(`${prefix}*`)).sort();
    // A token under a grant is indexed by its grant alone; the grant is in the account's index.
    expect(keys).toEqual([`${prefix}AccessToken:${token.jti}`, `${prefix}grant:g1`]);
    const grant = entry('Grant', { jti: 'g1', accountId: 'a1', clientId: 'app' });
    await store.adapter('Grant').upsert(grant.jti!, grant, 300);
    expect((await subject.redis.keys(`${prefix}*`)).sort()).toEqual(
      [
        `${prefix}AccessToken:${token.jti}`,
        `${prefix}Grant:g1`,
        `${prefix}account:a1`,
        `${prefix}client:app`,
        `${prefix}grant:g1`,
      ].sort(),
    );
    const ttl = await subject.redis.ttl(`${prefix}AccessToken:${token.jti}`);
    expect(ttl).toBeGreaterThan(295);
    expect(ttl).toBeLessThanOrEqual(300);
  });

  it('keeps a grant index alive as long as its longest-lived member, and no longer', async () => {
    const grantId = `g-${randomUUID()}`;
    const long = entry('RefreshToken', { grantId });
    const short = entry('AccessToken', { grantId });
    await store.adapter('RefreshToken').upsert(long.jti!, long, 3600);
    await store.adapter('AccessToken').upsert(short.jti!, short, 60);
    const ttl = await subject.redis.ttl(`${prefix}grant:${grantId}`);
    expect(ttl).toBeGreaterThanOrEqual(3600);
    expect(ttl).toBeLessThanOrEqual(3602);
  });

  it('keeps an index forever while it lists an entry that never expires', async () => {
    const accountId = `a-${randomUUID()}`;
    const forever = entry('Grant', { accountId });
    await store.adapter('Grant').upsert(forever.jti!, forever);
    expect(await subject.redis.ttl(`${prefix}Grant:${forever.jti}`)).toBe(-1);
    expect(await subject.redis.ttl(`${prefix}account:${accountId}`)).toBe(-1);
  });

  it('drops expired members from an index as new ones arrive', async () => {
    const accountId = `a-${randomUUID()}`;
    const first = entry('Session', { accountId, uid: randomUUID() });
    await store.adapter('Session').upsert(first.jti!, first, 1);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const second = entry('Session', { accountId, uid: randomUUID() });
    await store.adapter('Session').upsert(second.jti!, second, 60);
    expect(await subject.redis.zrange(`${prefix}account:${accountId}`, '0', '-1')).toEqual([
      `${prefix}Session:${second.jti}`,
    ]);
  });

  it('leaves no key behind when an unknown code is consumed', async () => {
    const unknown = randomUUID();
    await store.adapter('AuthorizationCode').consume(unknown);
    expect(await subject.redis.exists(`${prefix}AuthorizationCode:${unknown}`)).toBe(0);
  });

  it('reports not ready, promptly, once its connection is closed', async () => {
    const services = await openDatabaseServices();
    const redis = openRedis({ redisUrl: TEST_REDIS_URL, redisClusterNodes: undefined }, createLogger('silent'))!;
    await waitUntilReady(redis);
    const closing = redisProtocolStore(redis, services.clients, { prefix });
    expect(await closing.ready()).toBe(true);
    await closing.close();
    const started = Date.now();
    expect(await closing.ready()).toBe(false);
    expect(Date.now() - started).toBeLessThan(3000);
    await services.dispose();
  });
});
