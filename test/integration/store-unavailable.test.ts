// Which failures count as "a store is unreachable" (answered 503, retried by the person) and which
// stay bugs (answered 500 and logged with their stack). Real drivers, real errors.
import { join } from 'node:path';
import { Redis } from 'ioredis';
import Sqlite from 'better-sqlite3';
import { openDatabase } from '../../src/database/client.js';
import { asOutage, StoreUnavailableError } from '../../src/outage/index.js';

const unavailableStore = (error: unknown) => asOutage(error)?.store;
import { freeRedisPort } from '../support/redis-server.js';
import { tempDir } from '../support/databases.js';

const failure = (work: () => Promise<unknown>) =>
  work().then(
    () => undefined,
    (error: unknown) => error,
  );

describe('telling an outage from a bug', () => {
  it('an SQLite file that another writer keeps locked is the database being unavailable', () => {
    const file = join(tempDir(), 'locked.db');
    const holder = new Sqlite(file);
    const waiter = new Sqlite(file, { timeout: 0 });
    try {
      holder.exec('CREATE TABLE t (x INTEGER); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)');
      let busy: unknown;
      try {
        waiter.exec('INSERT INTO t VALUES (2)');
      } catch (error) {
        busy = error;
      }
      expect(unavailableStore(busy)).toBe('database');
      holder.exec('COMMIT');
    } finally {
      waiter.close();
      holder.close();
    }
  });

  it('a PostgreSQL server that refuses connections is the database being unavailable', async () => {
    const db = await openDatabase({
      kind: 'postgresql',
      url: `postgresql://postgres@127.0.0.1:${await freeRedisPort()}/none`,
      poolSize: 1,
    });
    try {
      // Thrown as an outage at the store boundary, the driver's error kept as the cause.
      const refused = await failure(() => db.account.findFirst());
      expect(refused).toBeInstanceOf(StoreUnavailableError);
      expect((refused as StoreUnavailableError).cause).toBeDefined();
      expect(unavailableStore(refused)).toBe('database');
      expect(unavailableStore(await failure(() => db.$queryRawUnsafe('SELECT 1')))).toBe('database');
    } finally {
      await db.$disconnect();
    }
  });

  it('a PostgreSQL server that stops answering is unavailable once the query timeout passes', async () => {
    const db = await openDatabase({
      kind: 'postgresql',
      url: 'postgresql://postgres@127.0.0.1:5432/test',
      poolSize: 1,
      queryTimeoutMs: 300,
    });
    try {
      const started = Date.now();
      expect(unavailableStore(await failure(() => db.$queryRawUnsafe('SELECT pg_sleep(3)')))).toBe('database');
      expect(Date.now() - started).toBeLessThan(2500);
    } finally {
      await db.$disconnect();
    }
  });

  it('a Redis that is not there is Redis being unavailable', async () => {
    const redis = new Redis(`redis://127.0.0.1:${await freeRedisPort()}`, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 1000,
    });
    redis.on('error', () => {});
    try {
      expect(unavailableStore(await failure(() => redis.get('anything')))).toBe('redis');
    } finally {
      redis.disconnect();
    }
  });

  it('a query against a missing table, or any other error, is not an outage', async () => {
    const db = await openDatabase({ kind: 'sqlite', file: join(tempDir(), 'empty.db'), url: '' });
    try {
      const missingTable = await failure(() => db.account.findFirst());
      expect(missingTable).toBeDefined();
      expect(unavailableStore(missingTable)).toBeUndefined();
    } finally {
      await db.$disconnect();
    }
    expect(unavailableStore(new Error('Cannot read properties of undefined'))).toBeUndefined();
    expect(unavailableStore(undefined)).toBeUndefined();
  });
});
