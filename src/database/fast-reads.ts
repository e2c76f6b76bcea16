// The reads of every sign-in step and token request (an account by id or email, an account's
// authenticator apps), beside Prisma: one indexed SELECT through the embedded database's own
// connection with a statement prepared once, or through Prisma's own PostgreSQL pool with pg,
// instead of ~0.5–0.9 ms of Prisma's client per query (issue 11). The rows are Prisma's shape:
// fields in camelCase, timestamps as Dates (Prisma stores UTC in PostgreSQL's `timestamp(3)`
// columns, which pg alone would read as local time), booleans as booleans; fast-reads.test.ts holds
// them to Prisma's own. Writes stay with Prisma. The SQL is written once, with `?` placeholders.
import type pg from 'pg';
import { StoreUnavailableError } from '../outage/index.js';
import { databaseErrorKind } from './errors.js';
import { preparedRead, type SqliteConnection } from './sqlite.js';
import { fieldOf } from './text.js';

export interface FastReads {
  /** The first row the query returns, or null. */
  one<T>(sql: string, ...params: unknown[]): Promise<T | null>;
  all<T>(sql: string, ...params: unknown[]): Promise<T[]>;
}

/** The same store boundary as the Prisma client's (src/database/client.ts): an outage is typed. */
function typed(error: unknown): Error {
  if (databaseErrorKind(error) === 'unavailable') return new StoreUnavailableError('database', { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

export function sqliteReads(db: SqliteConnection): FastReads {
  // Prepared at the first call of each SQL text, for each kind of answer.
  const prepared = {
    one: new Map<string, (...params: unknown[]) => unknown>(),
    all: new Map<string, (...params: unknown[]) => unknown>(),
  };
  const run = <R>(sql: string, rows: 'one' | 'all', params: unknown[]): Promise<R> => {
    try {
      let read = prepared[rows].get(sql);
      if (!read) {
        read = rows === 'all' ? preparedRead(db, sql, 'all') : preparedRead(db, sql);
        prepared[rows].set(sql, read);
      }
      return Promise.resolve(read(...params) as R);
    } catch (error) {
      return Promise.reject(typed(error));
    }
  };
  return {
    one: async <T>(sql: string, ...params: unknown[]) => (await run<T | undefined>(sql, 'one', params)) ?? null,
    all: <T>(sql: string, ...params: unknown[]) => run<T[]>(sql, 'all', params),
  };
}

const utc = (value: string) => new Date(`${value.replace(' ', 'T')}Z`);

/** pg is loaded only on PostgreSQL (the embedded default never needs it: an idle worker's memory). */
export async function pgReads(pool: pg.Pool): Promise<FastReads> {
  const { default: pgModule } = await import('pg');
  const TIMESTAMP: number = pgModule.types.builtins.TIMESTAMP; // timestamp without time zone
  const parserOf = pgModule.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => unknown;
  const types = {
    getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
      oid === TIMESTAMP ? utc : parserOf(oid, format)) as typeof pg.types.getTypeParser,
  };
  // Every `?` is a parameter: the SQL given here is constant and holds no literal `?` (nor jsonb's).
  const texts = new Map<string, string>();
  const all = async <T>(sql: string, ...params: unknown[]): Promise<T[]> => {
    let text = texts.get(sql);
    if (!text) {
      let n = 0;
      texts.set(sql, (text = sql.replace(/\?/g, () => `$${++n}`)));
    }
    let rows: Record<string, unknown>[];
    try {
      ({ rows } = await pool.query<Record<string, unknown>>({ text, values: params, types }));
    } catch (error) {
      throw typed(error);
    }
    return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, v]) => [fieldOf(key), v])) as T);
  };
  return { all, one: async <T>(sql: string, ...params: unknown[]) => (await all<T>(sql, ...params))[0] ?? null };
}
