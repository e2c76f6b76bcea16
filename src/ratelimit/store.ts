// Where rate-limit counters live, so that every instance of a deployment counts together: the
// instance's shared Redis connection when Redis is configured (one key per counter, incremented by
// one Lua script, so it also runs on a cluster), otherwise the `rate_limits` table of the database:
// on the embedded SQLite file through its driver (sqlite.ts: one statement per count), on
// PostgreSQL through RateLimiterPrisma (an upsert with an in-database increment). Either way
// concurrent attempts on any number of instances are all counted. Never in process memory: that would let an attacker
// multiply the limits by the number of instances behind the load balancer.
import { RateLimiterPrisma, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Logger } from 'pino';
import type { Database } from '../database/client.js';
import type { RedisConnection } from '../redis/connection.js';
import { openSqlite } from '../database/sqlite.js';
import { RateLimiterSqlite } from './sqlite.js';
import { WriteBatch } from '../database/write-batch.js';
import { everyInterval, inBatches } from '../database/housekeeping.js';

// Database counters share the instance's own table; Redis counters go under the instance's
// REDIS_KEY_PREFIX (`twofold:` by default, giving the same keys as before the setting existed).
const DATABASE_KEY_PREFIX = 'twofold:ratelimit';
// Expired database counters are swept this often; a stale row is ignored when read anyway.
const SWEEP_INTERVAL_MS = 5 * 60 * 1000;

export interface LimiterStore {
  readonly kind: 'redis' | 'database';
  /** A counter family: at most `points` per `durationSeconds`, keys prefixed with `name`. */
  limiter(name: string, points: number, durationSeconds: number): RateLimiterAbstract;
  /** Deletes the database's expired counters now (the sweep's round); 0 on Redis, which expires them itself. */
  sweep(stop?: AbortSignal): Promise<number>;
  /** Stops the database sweep (the connections themselves belong to the server); on SQLite, once every counter written has committed. */
  close(): Promise<void>;
}

export function limiterStore(
  backing: {
    redis?: RedisConnection | undefined;
    redisKeyPrefix?: string;
    db: Database;
    sqliteFile?: string | undefined;
  },
  logger: Logger,
): LimiterStore {
  const { redis, db, redisKeyPrefix = 'twofold:' } = backing;
  if (redis) {
    return {
      kind: 'redis',
      limiter: (name, points, duration) =>
        new RateLimiterRedis({
          storeClient: redis,
          keyPrefix: `${redisKeyPrefix}ratelimit:${name}`,
          points,
          duration,
          // With Redis down, fail at once (and so fail closed) rather than wait on a dead socket.
          rejectIfRedisNotReady: true,
        }),
      sweep: () => Promise.resolve(0),
      // the connection belongs to the server; Redis expires the counters itself
      close: () => Promise.resolve(),
    };
  }
  // The library's own sweep logs through console.warn on a timer it never stops; ours logs
  // through pino, deletes a batch at a time, and stops between batches on close.
  const sweep = everyInterval(async (stop) => {
    await sweepExpiredCounters(db, stop).catch((error: unknown) => {
      logger.warn({ err: error }, 'sweeping expired rate-limit counters failed');
    });
  }, SWEEP_INTERVAL_MS);
  if (backing.sqliteFile) {
    const connection = openSqlite(backing.sqliteFile);
    const batch = new WriteBatch(connection);
    return {
      kind: 'database',
      limiter: (name, points, duration) =>
        new RateLimiterSqlite(connection, batch, { keyPrefix: `${DATABASE_KEY_PREFIX}:${name}`, points, duration }),
      sweep: (stop) => sweepExpiredCounters(db, stop),
      close: async () => {
        await sweep.stop();
        await batch.settled();
        connection.close();
      },
    };
  }
  return {
    kind: 'database',
    limiter: (name, points, duration) =>
      new RateLimiterPrisma({
        storeClient: db,
        // The Prisma client's delegate for `model RateLimit` (prisma/schema.prisma).
        tableName: 'rateLimit',
        keyPrefix: `${DATABASE_KEY_PREFIX}:${name}`,
        points,
        duration,
        clearExpiredByTimeout: false,
      }),
    sweep: (stop) => sweepExpiredCounters(db, stop),
    close: () => sweep.stop(),
  };
}

/**
 * Deletes the database's expired counters, a batch at a time in key order (housekeeping.ts), until
 * done or `stop` is aborted (the store closing); returns how many went. `expire` has no index (it
 * would cost every counted attempt a second index entry), so each batch goes on from the last key
 * the one before it saw: one pass over the table in all. Redis expires its counters itself.
 */
function sweepExpiredCounters(db: Database, stop?: AbortSignal): Promise<number> {
  const now = new Date();
  let after = '';
  return inBatches(async (limit) => {
    const rows = await db.rateLimit.findMany({
      where: { key: { gt: after }, expire: { lt: now } },
      orderBy: { key: 'asc' },
      select: { key: true },
      take: limit,
    });
    if (!rows.length) return { deleted: 0, full: false };
    after = rows.at(-1)!.key;
    const { count } = await db.rateLimit.deleteMany({
      where: { key: { in: rows.map(({ key }) => key) }, expire: { lt: now } },
    });
    return { deleted: count, full: rows.length === limit };
  }, stop);
}
