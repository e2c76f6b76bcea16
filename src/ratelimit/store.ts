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
import { inBatches } from '../database/housekeeping.js';

// Database counters share the instance's own table; Redis counters go under the instance's
// REDIS_KEY_PREFIX (`twofold:` by default, giving the same keys as before the setting existed).
const DATABASE_KEY_PREFIX = 'twofold:ratelimit';
// Expired database counters are swept this often; a stale row is ignored when read anyway.
const SWEEP_INTERVAL_MS = 5 * 60 * 1000;

export interface LimiterStore {
  readonly kind: 'redis' | 'database';
  /** A counter family: at most `points` per `durationSeconds`, keys prefixed with `name`. */
  limiter(name: string, points: number, durationSeconds: number): RateLimiterAbstract;
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
      // the connection belongs to the server; Redis expires the counters itself
      close: () => Promise.resolve(),
    };
  }
  // The library's own sweep logs through console.warn on a timer it never stops; ours logs
  // through pino, deletes a batch at a time, and stops between batches on close.
  const closing = new AbortController();
  let sweeping: Promise<unknown> | undefined;
  const sweep = setInterval(() => {
    sweeping ??= sweepExpiredCounters(db, closing.signal)
      .catch((error: unknown) => {
        logger.warn({ err: error }, 'sweeping expired rate-limit counters failed');
      })
      .finally(() => (sweeping = undefined));
  }, SWEEP_INTERVAL_MS);
  sweep.unref();
  const stopSweeping = async () => {
    clearInterval(sweep);
    closing.abort();
    await sweeping;
  };
  if (backing.sqliteFile) {
    const connection = openSqlite(backing.sqliteFile);
    const batch = new WriteBatch(connection);
    return {
      kind: 'database',
      limiter: (name, points, duration) =>
        new RateLimiterSqlite(connection, batch, { keyPrefix: `${DATABASE_KEY_PREFIX}:${name}`, points, duration }),
      close: async () => {
        await stopSweeping();
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
    close: stopSweeping,
  };
}

/**
 * Deletes the database's expired counters, a batch at a time (housekeeping.ts), until done or `stop`
 * is aborted (the store closing); returns how many went. Redis expires its counters itself.
 */
export function sweepExpiredCounters(db: Database, stop?: AbortSignal): Promise<number> {
  return inBatches(async (limit) => {
    const now = new Date();
    const rows = await db.rateLimit.findMany({ where: { expire: { lt: now } }, select: { key: true }, take: limit });
    if (!rows.length) return { seen: 0, deleted: 0 };
    const { count } = await db.rateLimit.deleteMany({
      where: { key: { in: rows.map(({ key }) => key) }, expire: { lt: now } },
    });
    return { seen: rows.length, deleted: count };
  }, stop);
}
