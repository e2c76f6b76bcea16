// The account lookups of every sign-in step and token request (oidc-provider's findAccount runs on
// each code exchange, refresh and userinfo) on PostgreSQL: one indexed query through Prisma's own
// connection pool with pg, instead of Prisma's query engine, ~0.12 ms of the event loop per lookup
// (issue 11: a refresh-token grant's largest cost on PostgreSQL + Redis). The rows are Prisma's
// shape: fields in camelCase, timestamps as Dates (Prisma stores UTC in `timestamp(3)` columns,
// which pg alone would read as local time); account-lookups.test.ts holds them to Prisma's own.
import pg from 'pg';
import { StoreUnavailableError } from '../outage/index.js';
import { databaseErrorKind } from '../database/errors.js';
import { fieldOf } from '../database/text.js';
import type { Account, AccountLookups } from './store.js';

const TIMESTAMP: number = pg.types.builtins.TIMESTAMP; // timestamp without time zone
const utc = (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
const parserOf = pg.types.getTypeParser as (oid: number, format?: 'text' | 'binary') => unknown;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMP ? utc : parserOf(oid, format)) as typeof pg.types.getTypeParser,
};

export function pgAccountLookups(pool: pg.Pool): AccountLookups {
  const read = async (column: 'id' | 'email', value: string): Promise<Account | null> => {
    let rows: Record<string, unknown>[];
    try {
      ({ rows } = await pool.query<Record<string, unknown>>({
        text: `SELECT * FROM accounts WHERE ${column} = $1`,
        values: [value],
        types,
      }));
    } catch (error) {
      // The same store boundary as the Prisma client's (src/database/client.ts): an outage is typed.
      if (databaseErrorKind(error) === 'unavailable') throw new StoreUnavailableError('database', { cause: error });
      throw error;
    }
    const [row] = rows;
    return row ? (Object.fromEntries(Object.entries(row).map(([key, v]) => [fieldOf(key), v])) as Account) : null;
  };
  return { byId: (id) => read('id', id), byEmail: (email) => read('email', email) };
}
