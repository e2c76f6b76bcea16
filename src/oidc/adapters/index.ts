// Where oidc-provider's short-lived state lives: Redis when REDIS_URL is set (shared by every
// instance), otherwise our database (the embedded SQLite file through its driver directly, or
// PostgreSQL through Prisma). Clients always come from the database.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Database } from '../../database/client.js';
import type { ClientStore } from '../../clients/store.js';
import { ClientAdapter } from './clients.js';
import { DatabaseAdapter, listAccountState, purgeExpired, revokeAccountState, revokeClientState } from './database.js';
import { SqliteProtocolState } from './sqlite.js';
import type { SqliteConnection } from '../../database/sqlite.js';
import type { WriteBatch } from '../../database/write-batch.js';
import { RedisAdapter, RedisKeys, defineScripts, listIndex, revokeIndex } from './redis.js';
import type { RedisConnection } from '../../redis/connection.js';
import { SESSION_LIFETIME_SECONDS } from '../lifetimes.js';
import { honouringEndedSessions, type SessionRef } from './ended-sessions.js';

export interface ProtocolStore {
  /** Where the state lives: `/readyz` names Redis when it is Redis. */
  readonly kind: 'database' | 'redis';
  /** The adapter for one oidc-provider model (or one of our own short-lived models). */
  adapter(model: string): Adapter;
  /**
   * The live entries of one model that belong to the account (its sessions, its grants), each with
   * its id: what /account lists. oidc-provider's adapter contract has no such lookup; our stores keep
   * an index by account anyway (for revokeAccount), which this reads.
   */
  listByAccount(model: string, accountId: string): Promise<StoredEntry[]>;
  /**
   * Ends sessions for good (ended-sessions.ts): none of them is found or stored again, under any id.
   * Their grants and tokens are the caller's to end.
   */
  endSessions(sessions: SessionRef[]): Promise<void>;
  /** Ends every session (for good), grant, code and token that belongs to the account. */
  revokeAccount(accountId: string): Promise<void>;
  /** Ends every grant, code and token issued to the client (consents are grants). */
  revokeClient(clientId: string): Promise<void>;
  /**
   * Periodic housekeeping: deletes expired rows, a batch at a time, until done or `stop` is aborted;
   * returns how many went (0 where the store expires entries itself).
   */
  purge(stop?: AbortSignal): Promise<number>;
  /** True when the store answers. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

/** One stored entry: its id (the adapter's key) and payload. */
export interface StoredEntry {
  id: string;
  payload: AdapterPayload;
}

/** One adapter per model, made on first use; clients always come from the database. */
function adaptersOf(clients: ClientStore, make: (model: string) => Adapter): (model: string) => Adapter {
  const adapters = new Map<string, Adapter>([['Client', new ClientAdapter(clients)]]);
  return (model) => {
    let adapter = adapters.get(model);
    if (!adapter) adapters.set(model, (adapter = make(model)));
    return adapter;
  };
}

export function databaseProtocolStore(db: Database, clients: ClientStore): ProtocolStore {
  return honouringEndedSessions(
    {
      kind: 'database',
      adapter: adaptersOf(clients, (model) => new DatabaseAdapter(db, model)),
      listByAccount: (model, accountId) => listAccountState(db, model, accountId),
      revokeAccount: (accountId) => revokeAccountState(db, accountId),
      revokeClient: (clientId) => revokeClientState(db, clientId),
      purge: (stop) => purgeExpired(db, stop),
      // The database's own readiness is checked beside this (/readyz names both).
      ready: () => Promise.resolve(true),
      // The database connection belongs to the server, which closes it.
      close: () => Promise.resolve(),
    },
    SESSION_LIFETIME_SECONDS,
  );
}

/**
 * Protocol state in the embedded SQLite file, through better-sqlite3 with prepared statements (the
 * same table the Prisma adapter uses; sqlite.ts says why), its writes in `batch`, the group commit
 * of that connection. It owns the connection: `close()` ends it.
 */
export function sqliteProtocolStore(
  connection: SqliteConnection,
  batch: WriteBatch,
  clients: ClientStore,
): ProtocolStore {
  const state = new SqliteProtocolState(connection, batch);
  return honouringEndedSessions(
    {
      kind: 'database',
      adapter: adaptersOf(clients, (model) => state.adapter(model)),
      listByAccount: (model, accountId) => state.listByAccount(model, accountId),
      revokeAccount: (accountId) => state.revokeAccount(accountId),
      revokeClient: (clientId) => state.revokeClient(clientId),
      purge: (stop) => state.purge(stop),
      ready: () => Promise.resolve(true),
      close: () => state.close(),
    },
    SESSION_LIFETIME_SECONDS,
  );
}

/** How long /readyz waits for Redis to answer a PING. */
const REDIS_READY_TIMEOUT_MS = 1000;

/**
 * Protocol state in Redis (shared by every instance; Redis expires it). `prefix` (REDIS_KEY_PREFIX)
 * namespaces the keys so a shared Redis is safe (tests use a prefix per server). `close()` quits the
 * connection.
 */
export function redisProtocolStore(
  redis: RedisConnection,
  clients: ClientStore,
  { prefix = 'twofold:' } = {},
): ProtocolStore {
  defineScripts(redis);
  const keys = new RedisKeys(prefix);
  return honouringEndedSessions(
    {
      kind: 'redis',
      adapter: adaptersOf(clients, (model) => new RedisAdapter(redis, keys, model)),
      listByAccount: (model, accountId) => listIndex(redis, keys, keys.account(accountId), model),
      revokeAccount: (accountId) => revokeIndex(redis, keys, keys.account(accountId)),
      revokeClient: (clientId) => revokeIndex(redis, keys, keys.client(clientId)),
      // Redis expires entries itself.
      purge: () => Promise.resolve(0),
      ready: async () => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<false>(
          (resolve) => (timer = setTimeout(() => resolve(false), REDIS_READY_TIMEOUT_MS)),
        );
        const ping = redis.ping().then(
          () => true,
          () => false,
        );
        try {
          return await Promise.race([ping, timeout]);
        } finally {
          clearTimeout(timer);
        }
      },
      close: async () => {
        await redis.quit().catch(() => redis.disconnect());
      },
    },
    SESSION_LIFETIME_SECONDS,
  );
}
