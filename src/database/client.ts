// Opens the Prisma client on the configured database: the embedded SQLite file by default, or a
// PostgreSQL server. Both generated clients expose the same models; the PostgreSQL one's types
// stand for both. Only the configured database's client and driver adapter are loaded (dynamic
// imports): each pair is tens of MiB of resident memory an instance on the other database never
// uses (issue 11: an idle worker within 150 MiB).
import type { Pool } from 'pg';
import type { DatabaseConfig } from '../config/index.js';
import type { PrismaClient as PostgresClient } from './generated/postgresql/client.js';
import { prepareSqliteFile } from './sqlite-file.js';
import { StoreUnavailableError } from '../outage/index.js';
import { databaseErrorKind } from './errors.js';

export type Database = PostgresClient;
export type { Prisma } from './generated/postgresql/client.js';

const postgresPools = new WeakMap<Database, Pool>();

/** The connection pool under a PostgreSQL client (none on SQLite). */
export function postgresPoolOf(db: Database): Pool | undefined {
  return postgresPools.get(db);
}

export async function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.kind === 'postgresql') {
    const [{ PrismaPg }, { PrismaClient }, { default: pg }] = await Promise.all([
      import('@prisma/adapter-pg'),
      import('./generated/postgresql/client.js'),
      import('pg'),
    ]);
    const queryTimeoutMs = config.queryTimeoutMs ?? 10_000;
    // Our pool, handed to Prisma (which ends it on $disconnect), so the hot account lookups
    // (src/database/fast-reads.ts) share its connections and settings.
    const pool = new pg.Pool({
      connectionString: config.url,
      max: config.poolSize,
      // A timed-out connection is discarded, so the next request opens a new one: its wait for a
      // server that stopped answering is bounded by the same operator setting, never longer.
      connectionTimeoutMillis: Math.min(5000, queryTimeoutMs),
      query_timeout: queryTimeoutMs,
    });
    // An idle connection the server ended (a restart, a failover, a dropped database) leaves the
    // pool; the next query opens another. Without a listener that would end the process, and
    // Prisma adds its own only once it first connects, which the lookups may precede.
    pool.on('error', () => undefined);
    const db = throwingOutages(new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }));
    postgresPools.set(db, pool);
    return db;
  }
  const [{ PrismaBetterSqlite3 }, { PrismaClient }, { withStatementCache }, { deferCheckpoints }] = await Promise.all([
    import('@prisma/adapter-better-sqlite3'),
    import('./generated/sqlite/client.js'),
    import('./statement-cache.js'),
    import('./checkpoints.js'),
  ]);
  prepareSqliteFile(config.file);
  // WAL lets the admin CLI write while the server reads; busy_timeout makes writers queue
  // instead of failing with SQLITE_BUSY.
  const adapter = withStatementCache(
    new PrismaBetterSqlite3({ url: config.file }, { timestampFormat: 'iso8601' }),
    deferCheckpoints,
  );
  return throwingOutages(new PrismaClient({ adapter }) as unknown as Database);
}

/**
 * The store boundary for outages: every query that fails because the database cannot be reached
 * throws StoreUnavailableError('database') (its driver error as the cause), which the edge answers
 * with 503. Any other error (a unique violation, a bug) passes through unchanged.
 */
function throwingOutages(client: Database): Database {
  return client.$extends({
    query: {
      async $allOperations({ args, query }) {
        try {
          return (await query(args)) as unknown;
        } catch (error) {
          if (databaseErrorKind(error) === 'unavailable') throw new StoreUnavailableError('database', { cause: error });
          throw error;
        }
      },
    },
  }) as unknown as Database;
}

/** True when the database answers a trivial query. */
export async function databaseReachable(db: Database): Promise<boolean> {
  try {
    await db.$queryRawUnsafe('SELECT 1');
    return true;
  } catch {
    return false;
  }
}
