// Applies the SQL migrations in prisma/migrations/<database>/ at start-up, recording each in
// `_prisma_migrations` exactly as `prisma migrate deploy` does, so `prisma migrate status` agrees.
// Runs through the same drivers the Prisma adapters use, so no Prisma engine ships in production.
// Concurrent start-ups are serialised: a PostgreSQL advisory lock, or SQLite's write lock.
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import type { DatabaseConfig } from '../config/index.js';
import { packageRoot } from '../paths.js';
import { prepareSqliteFile } from './sqlite-file.js';

export interface MigrationResult {
  applied: string[];
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** A migration whose checksum no longer matches what was applied, or that failed before. */
class MigrationError extends Error {
  override name = 'MigrationError';
}

// Any fixed 64-bit number; every Twofold instance uses the same one.
const ADVISORY_LOCK_ID = 7_245_001_337;

function migrationsFor(kind: DatabaseConfig['kind']): Migration[] {
  const dir = join(packageRoot, 'prisma', 'migrations', kind);
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'migration.sql')))
    .map((e) => e.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

export async function migrate(config: DatabaseConfig): Promise<MigrationResult> {
  const migrations = migrationsFor(config.kind);
  return config.kind === 'postgresql'
    ? migratePostgres(config.url, migrations)
    : migrateSqlite(config.file, migrations);
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

/** Names the migrations still to apply; refuses a history that was edited or left half-applied. */
function pending(migrations: Migration[], applied: AppliedRow[]): Migration[] {
  const done = new Map<string, AppliedRow>();
  for (const row of applied) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at)
      throw new MigrationError(`migration ${row.migration_name} failed earlier; resolve it before starting`);
    done.set(row.migration_name, row);
  }
  return migrations.filter((m) => {
    const row = done.get(m.name);
    if (row && row.checksum !== m.checksum)
      throw new MigrationError(`migration ${m.name} was modified after it was applied`);
    return !row;
  });
}

const POSTGRES_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`;

async function migratePostgres(url: string, migrations: Migration[]): Promise<MigrationResult> {
  // Loaded here, not at start: the embedded default never needs pg (an idle worker's memory, issue 11).
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [ADVISORY_LOCK_ID]);
    await client.query(POSTGRES_TABLE);
    const { rows } = await client.query<AppliedRow>(
      'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"',
    );
    const todo = pending(migrations, rows);
    for (const m of todo) {
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [id, m.checksum, m.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new MigrationError(`migration ${m.name} failed: ${(error as Error).message}`);
      }
    }
    return { applied: todo.map((m) => m.name) };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [ADVISORY_LOCK_ID]).catch(() => undefined);
    await client.end();
  }
}

const SQLITE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
  "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
  "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`;

function migrateSqlite(file: string, migrations: Migration[]): MigrationResult {
  prepareSqliteFile(file);
  const db = new Sqlite(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 10000');
    // BEGIN IMMEDIATE takes the write lock up front: a second process starting at the same moment
    // waits here, then finds the migrations already recorded.
    const run = db.transaction(() => {
      db.exec(SQLITE_TABLE);
      const rows = db
        .prepare('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"')
        .all() as AppliedRow[];
      const todo = pending(migrations, rows);
      const record = db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
         VALUES (?, ?, ?, ?, ?, 1)`,
      );
      for (const m of todo) {
        const started = sqliteTimestamp();
        try {
          db.exec(m.sql);
        } catch (error) {
          throw new MigrationError(`migration ${m.name} failed: ${(error as Error).message}`);
        }
        record.run(randomUUID(), m.checksum, m.name, started, sqliteTimestamp());
      }
      return todo.map((m) => m.name);
    });
    return { applied: run.immediate() };
  } finally {
    db.close();
  }
}

// The format Prisma's own engine writes into SQLite's _prisma_migrations.
function sqliteTimestamp(): string {
  return new Date().toISOString().replace('Z', '+00:00');
}
