// Tells "a store is unreachable right now" apart from a bug. The drivers report an outage in their
// own words (Prisma error codes and driver-adapter kinds, pg messages and SQLSTATE class 08/57P,
// ioredis refusing commands while disconnected); the edges use this to answer 503 "temporarily
// unavailable" (a page for a person, an OAuth error for a client) instead of a generic failure, and
// to log one line instead of a stack. Nothing here retries: the connections reconnect by themselves
// (src/redis/connection.ts, the pg pool), so the next request after the outage succeeds.

export type Store = 'database' | 'redis';

/** What a client of the protocol endpoints is told during an outage (RFC 6749 §4.1.2.1), everywhere. */
export const TEMPORARILY_UNAVAILABLE = Object.freeze({
  error: 'temporarily_unavailable',
  error_description: 'the service is temporarily unavailable; try again shortly',
});

// Prisma: can't reach, timed out, server closed the connection, pool timeout, not initialised.
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
// Prisma driver adapters (@prisma/adapter-pg) classify socket-level failures with these kinds.
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// pg (when an error reaches us unwrapped).
// "Query read timeout": DATABASE_QUERY_TIMEOUT passed with no answer from the server.
const PG_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout)/;
// SQLSTATE: 08xxx connection exceptions, 57P01-57P03 server shutting down / starting up.
const PG_SQLSTATE = /^(08|57P0[123])/;
// ioredis while disconnected (we disable its offline queue, so commands fail at once), or slow.
const REDIS_MESSAGES =
  /enableOfflineQueue options is false|^Connection is closed|^Command timed out|None of startup nodes is available|Failed to refresh slots cache/;
const REDIS_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);

interface Inspectable {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown } } };
  cause?: unknown;
}

/** Which store `error` says is unreachable, or undefined when it is some other failure. */
export function unavailableStore(error: unknown): Store | undefined {
  // Follow `cause` a few levels: wrappers (ours or a library's) keep the driver's error there.
  for (let depth = 0, current = error; depth < 5 && current && typeof current === 'object'; depth++) {
    const e = current as Inspectable;
    const name = typeof e.name === 'string' ? e.name : '';
    const message = typeof e.message === 'string' ? e.message : '';
    const code = typeof e.code === 'string' ? e.code : '';
    if (name.startsWith('PrismaClientInitializationError')) return 'database';
    if (name.startsWith('PrismaClient') && PRISMA_CODES.has(code)) return 'database';
    const adapter = e.meta?.driverAdapterError?.cause;
    if (
      adapter &&
      (ADAPTER_KINDS.has(String(adapter.kind)) ||
        PG_SQLSTATE.test(typeof adapter.code === 'string' ? adapter.code : ''))
    )
      return 'database';
    if (PG_MESSAGES.test(message) || (typeof e.code === 'string' && PG_SQLSTATE.test(code) && 'severity' in e))
      return 'database';
    if (REDIS_NAMES.has(name) || REDIS_MESSAGES.test(message)) return 'redis';
    current = e.cause;
  }
  return undefined;
}
