// The account lookups of every sign-in step and token request (oidc-provider's findAccount runs on
// each code exchange, refresh and userinfo) on the embedded SQLite file through its driver: one
// indexed read with a statement prepared once, instead of ~0.5 ms of Prisma per lookup. The rows
// are Prisma's shape (preparedRead); writes stay with Prisma.
import { preparedRead, type SqliteConnection } from '../database/sqlite.js';
import { StoreUnavailableError } from '../outage/index.js';
import { databaseErrorKind } from '../database/errors.js';
import type { Account, AccountLookups } from './store.js';

export function sqliteAccountLookups(db: SqliteConnection): AccountLookups {
  // Prisma's shape for the model's rows, which account-lookups.test.ts holds to.
  const byId = preparedRead(db, 'SELECT * FROM accounts WHERE id = ?') as (id: string) => Account | undefined;
  const byEmail = preparedRead(db, 'SELECT * FROM accounts WHERE email = ?') as (email: string) => Account | undefined;
  // The same store boundary as the Prisma client's (src/database/client.ts): an outage is typed.
  const read = (lookup: () => Account | undefined) => {
    try {
      return Promise.resolve(lookup() ?? null);
    } catch (error) {
      if (databaseErrorKind(error) === 'unavailable')
        return Promise.reject(new StoreUnavailableError('database', { cause: error }));
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  };
  return { byId: (id) => read(() => byId(id)), byEmail: (email) => read(() => byEmail(email)) };
}
