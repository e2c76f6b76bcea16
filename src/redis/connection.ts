// The one Redis connection of an instance (a single server from REDIS_URL, or a cluster from
// REDIS_CLUSTER_NODES). Tuned so a Redis outage shows as a prompt error on the requests that need
// it, never as requests that hang, and so the instance recovers by itself when Redis returns.
import { Redis, Cluster, type RedisOptions } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';

export type RedisConnection = Redis | Cluster;

/** How long a request may wait for Redis before it gets an error (connect, or one command). */
const TIMEOUT_MS = 2000;

// Reconnect forever, backing off to one attempt every 2 s: an outage must end without a restart.
const retry = (times: number) => Math.min(100 * times, 2000);

// Auto-pipelining: the commands a request issues in one turn of the event loop (an upsert's entry,
// its indexes, a rate limit's script) leave in one write and come back in one read, rather than one
// socket write each: a sign-in's Redis traffic was most of its CPU on PostgreSQL + Redis (issue 11).
const failFast = {
  // Commands sent while disconnected fail at once instead of waiting in a queue.
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  connectTimeout: TIMEOUT_MS,
  // A server that accepts the connection but stops answering must not hold requests either.
  commandTimeout: TIMEOUT_MS,
} satisfies RedisOptions;

/** The configured connection, or undefined when protocol state lives in the database. */
export function openRedis(
  config: Pick<Config, 'redisUrl' | 'redisClusterNodes'>,
  logger: Logger,
): RedisConnection | undefined {
  let connection: RedisConnection;
  if (config.redisClusterNodes) {
    connection = new Cluster(
      config.redisClusterNodes.map(({ host, port }) => ({ host, port })),
      {
        enableOfflineQueue: false,
        enableAutoPipelining: true,
        clusterRetryStrategy: retry,
        redisOptions: { ...failFast, ...credentials(config.redisUrl) },
      },
    );
  } else if (config.redisUrl) {
    connection = new Redis(config.redisUrl, { ...failFast, enableAutoPipelining: true, retryStrategy: retry });
  } else {
    return undefined;
  }
  reportOutages(connection, logger);
  return connection;
}

/** Resolves once the connection is ready, or after `ms` (start-up goes on; /readyz tells the truth). */
export async function waitUntilReady(connection: RedisConnection, ms = TIMEOUT_MS): Promise<boolean> {
  if (connection.status === 'ready') return true;
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(false), ms);
    const onReady = () => done(true);
    function done(ready: boolean) {
      clearTimeout(timer);
      connection.off('ready', onReady);
      resolve(ready);
    }
    connection.once('ready', onReady);
  });
}

// With a cluster, REDIS_URL carries only what every node shares: user, password and TLS.
function credentials(url: string | undefined): RedisOptions {
  if (!url) return {};
  const parsed = new URL(url);
  return {
    ...(parsed.username ? { username: decodeURIComponent(parsed.username) } : {}),
    ...(parsed.password ? { password: decodeURIComponent(parsed.password) } : {}),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

// One warning when Redis goes away and one note when it is back, not one line per retry.
function reportOutages(connection: RedisConnection, logger: Logger): void {
  let down = false;
  connection.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: { message: error.message } }, 'redis unavailable; retrying');
  });
  connection.on('ready', () => {
    if (!down) return;
    down = false;
    logger.info('redis available again');
  });
}
