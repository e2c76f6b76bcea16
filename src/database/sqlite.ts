// A connection of our own to the embedded SQLite file, for the stores that skip Prisma on the hot
// path (oidc-provider's state, rate-limit counters): better-sqlite3 with statements prepared once.
// They read and write the tables of prisma/schema.prisma, in the formats Prisma's adapter uses.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Sqlite from 'better-sqlite3';
import { deferCheckpoints } from './checkpoints.js';
import { fieldOf } from './text.js';

export type SqliteConnection = Sqlite.Database;

// Each synchronous wait for a lock (a checkpoint, another process's write: microseconds, usually).
const LOCK_WAIT_STEP_MS = 5;
// How long a write waits for the lock in all before the database counts as unavailable.
const LOCK_WAIT_MS = 10_000;

export const isBusy = (error: unknown) => String((error as { code?: unknown } | null)?.code).startsWith('SQLITE_BUSY');

/**
 * Runs one write of this connection; while another connection holds the write lock (a Prisma
 * transaction of this process, another worker, the admin CLI), tries again after a short, growing,
 * jittered pause that lets the event loop run, for up to LOCK_WAIT_MS. After that the SQLITE_BUSY
 * error is thrown, an outage like any other (src/database/errors.ts).
 */
export async function whenUnlocked<T>(write: () => T): Promise<T> {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      return write();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      await sleep(Math.min(2 ** attempt, 50) * (0.5 + Math.random() / 2));
    }
  }
}

export function openSqlite(file: string): SqliteConnection {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Sqlite(file);
  // WAL lets the admin CLI and other workers write while this one reads. better-sqlite3 waits for a
  // lock synchronously, blocking the event loop; a Prisma transaction of this very process that
  // holds the write lock (src/database/serializable.ts) could then not go on to commit, and both
  // would stand still until the wait ran out. So the wait here is short, and writes wait for the
  // lock between turns of the event loop (`whenUnlocked`).
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${LOCK_WAIT_STEP_MS}`);
  // In WAL mode, NORMAL skips the fsync at each commit (SQLite's own advice for WAL): the file
  // stays consistent whatever happens, and only a power loss or OS crash can lose the last moments
  // of writes (sessions, tokens, counters, audit rows written on their own: SECURITY.md says so); a
  // crash of Twofold itself loses nothing. FULL would fsync each commit on the event loop.
  db.pragma('synchronous = NORMAL');
  deferCheckpoints(db);
  return db;
}

/** How Prisma's SQLite adapter writes a DateTime (`timestampFormat: 'iso8601'`), so both compare alike. */
export function sqliteTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

type Value = string | number | bigint | Buffer | null;

/**
 * A prepared SELECT whose rows come back as Prisma returns the model's rows: fields named as in
 * prisma/schema.prisma (the camelCase of the snake_case columns), DATETIME as a Date, BOOLEAN as a
 * boolean. For the hot reads on the embedded database; a test compares them with Prisma's own.
 */
export function preparedRead(db: SqliteConnection, sql: string): (...params: unknown[]) => object | undefined;
export function preparedRead(db: SqliteConnection, sql: string, rows: 'all'): (...params: unknown[]) => object[];
export function preparedRead(
  db: SqliteConnection,
  sql: string,
  rows: 'one' | 'all' = 'one',
): (...params: unknown[]) => object | object[] | undefined {
  const statement = db.prepare<unknown[], Value[]>(sql).raw(true);
  const fields = statement.columns().map(({ name, type }) => {
    const field = fieldOf(name);
    const kind = (type ?? '').toUpperCase();
    const convert =
      kind === 'DATETIME'
        ? (value: Value) => (value === null ? null : new Date(String(value)))
        : kind === 'BOOLEAN'
          ? (value: Value) => (value === null ? null : Boolean(value))
          : (value: Value) => value;
    return { field, convert };
  });
  const toRow = (values: Value[]) => {
    const row: Record<string, unknown> = {};
    fields.forEach(({ field, convert }, i) => (row[field] = convert(values[i] ?? null)));
    return row;
  };
  if (rows === 'all') return (...params) => statement.all(...params).map(toRow);
  return (...params) => {
    const values = statement.get(...params);
    return values ? toRow(values) : undefined;
  };
}
