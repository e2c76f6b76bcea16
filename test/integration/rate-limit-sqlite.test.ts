// The rate-limit counters of the embedded default, through SQLite's driver: what RateLimiterPrisma
// promised (counted before checked, a window that ends starts afresh, nothing lost to concurrency),
// in the same table and date format, so the sweep of expired counters (through Prisma) still finds them.
import { RateLimiterRes } from 'rate-limiter-flexible';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging.js';
import { openServices } from '../../src/services.js';
import { openSqlite } from '../../src/database/sqlite.js';
import { RateLimiterSqlite } from '../../src/ratelimit/sqlite.js';
import { WriteBatch } from '../../src/database/write-batch.js';
import { freshEnvironment } from '../support/databases.js';
import { limiterStore } from '../../src/ratelimit/store.js';

describe('rate-limit counters on SQLite', () => {
  let services: Awaited<ReturnType<typeof openServices>>;
  let connection: ReturnType<typeof openSqlite>;
  let file: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await freshEnvironment({ DATABASE_URL: '' });
    cleanup = fresh.cleanup;
    const config = loadConfig({ ...fresh.env, DATABASE_URL: '' });
    services = await openServices(config, createLogger('silent'));
    if (config.database.kind !== 'sqlite') throw new Error('expected SQLite');
    file = config.database.file;
    connection = openSqlite(file);
  });
  afterAll(async () => {
    connection.close();
    await services.protocolStore.close();
    await services.db.$disconnect();
    await cleanup();
  });

  const limiter = (points: number, duration: number) =>
    new RateLimiterSqlite(connection, new WriteBatch(connection), {
      keyPrefix: `test-${Math.random()}`,
      points,
      duration,
    });

  it('allows the points, refuses the next, and a given-back point can be used again', async () => {
    const limit = limiter(2, 60);
    expect((await limit.consume('k')).consumedPoints).toBe(1);
    expect((await limit.consume('k')).remainingPoints).toBe(0);
    await expect(limit.consume('k')).rejects.toBeInstanceOf(RateLimiterRes);
    await limit.reward('k', 2);
    expect((await limit.consume('k')).consumedPoints).toBe(2);
    expect(await limit.delete('k')).toBe(true);
    expect(await limit.get('k')).toBeNull();
  });

  it('counts every one of a burst of simultaneous attempts', async () => {
    const limit = limiter(5, 60);
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => limit.consume('burst')));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(5);
    expect((await limit.get('burst'))!.consumedPoints).toBe(12);
  });

  it('starts a window afresh once it has ended, and the sweep deletes what expired, a batch at a time', async () => {
    const limit = limiter(1, 1);
    await limit.consume('short');
    await expect(limit.consume('short')).rejects.toBeInstanceOf(RateLimiterRes);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await limit.consume('short')).consumedPoints).toBe(1);
    // More expired counters than one batch of the sweep (200: src/database/housekeeping.ts), beside one that still runs.
    const many = limiter(1, 1);
    const keys = Array.from({ length: 220 }, (_, i) => `many-${i}`);
    await Promise.all(keys.map((key) => many.consume(key)));
    const lasting = limiter(1, 600);
    await lasting.consume('lasting');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const store = limiterStore({ db: services.db, sqliteFile: file }, createLogger('silent'));
    try {
      expect(await store.sweep()).toBeGreaterThanOrEqual(keys.length + 1);
    } finally {
      await store.close();
    }
    expect(await services.db.rateLimit.count({ where: { expire: { lt: new Date() } } })).toBe(0);
    expect((await lasting.get('lasting'))!.consumedPoints).toBe(1);
  });
});
