// Opens the Prisma client on the configured database: the embedded SQLite file by default, or a
// PostgreSQL server. Both generated clients expose the same models; the PostgreSQL one's types
// stand for both.
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { DatabaseConfig } from '../config/index.js';
import { PrismaClient as PostgresClient } from './generated/postgresql/client.js';
import { PrismaClient as SqliteClient } from './generated/sqlite/client.js';
import { prepareSqliteFile } from './sqlite-file.js';

export type Database = PostgresClient;
export type { Prisma } from './generated/postgresql/client.js';

export function openDatabase(config: DatabaseConfig): Database {
  if (config.kind === 'postgresql') {
    const queryTimeoutMs = config.queryTimeoutMs ?? 10_000;
    const adapter = new PrismaPg({
      connectionString: config.url,
      max: config.poolSize,
      // A timed-out connection is discarded, so the next request opens a new one: its wait for a
      // server that stopped answering is bounded by the same operator setting, never longer.
      connectionTimeoutMillis: Math.min(5000, queryTimeoutMs),
      query_timeout: queryTimeoutMs,
    });
    return new PostgresClient({ adapter });
  }
  prepareSqliteFile(config.file);
  // WAL lets the admin CLI write while the server reads; busy_timeout makes writers queue
  // instead of failing with SQLITE_BUSY.
  const adapter = new PrismaBetterSqlite3({ url: config.file }, { timestampFormat: 'iso8601' });
  const client = new SqliteClient({ adapter }) as unknown as Database;
  return client;
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
