// The audit rows a sign-in writes and reads (its success, the notices since the last one) on the
// embedded SQLite file through its driver: statements prepared once, the insert committed with the
// other writes of its turn (src/database/write-batch.ts), instead of ~0.5 ms of Prisma per query
// (issue 11). Same table, same formats as Prisma's adapter (its ISO-8601 dates), so Prisma reads
// what these write and the other way round; a test holds the two alike.
import { preparedRead, sqliteTimestamp, type SqliteConnection } from '../database/sqlite.js';
import type { WriteBatch } from '../database/write-batch.js';
import { databaseErrorKind } from '../database/errors.js';
import { StoreUnavailableError } from '../outage/index.js';

/** A row as Prisma's `auditEvent` gives it. */
export interface AuditRow {
  id: string;
  at: Date;
  type: string;
  accountId: string | null;
  clientId: string | null;
  ip: string | null;
  detail: string | null;
}

export interface AuditRows {
  insert(row: Omit<AuditRow, 'at'>): Promise<void>;
  /** The account's rows of these types, newest first, after `after` when given, at most `limit`. */
  recent(accountId: string, types: readonly string[], after: Date | undefined, limit: number): Promise<AuditRow[]>;
}

/** The same store boundary as the Prisma client's (src/database/client.ts): an outage is typed. */
function typed(error: unknown): Error {
  if (databaseErrorKind(error) === 'unavailable') return new StoreUnavailableError('database', { cause: error });
  return error instanceof Error ? error : new Error(String(error));
}

export function sqliteAuditRows(db: SqliteConnection, batch: WriteBatch): AuditRows {
  const insert = db.prepare<[string, string, string, string | null, string | null, string | null, string | null]>(
    'INSERT INTO audit_events (id, at, type, account_id, client_id, ip, detail) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  // One statement per shape (how many types, with or without `after`): a handful in all.
  const reads = new Map<string, (...params: unknown[]) => object[]>();
  const readFor = (types: number, after: boolean) => {
    const key = `${types}:${after}`;
    let read = reads.get(key);
    if (!read) {
      const sql = `SELECT * FROM audit_events WHERE account_id = ? AND type IN (${Array(types).fill('?').join(', ')})${
        after ? ' AND at > ?' : ''
      } ORDER BY at DESC, id DESC LIMIT ?`;
      read = preparedRead(db, sql, 'all');
      reads.set(key, read);
    }
    return read;
  };
  return {
    async insert(row) {
      const at = sqliteTimestamp(Date.now());
      try {
        await batch.write(() => insert.run(row.id, at, row.type, row.accountId, row.clientId, row.ip, row.detail), {
          scope: 'audit_events',
          key: row.id,
        });
      } catch (error) {
        throw typed(error);
      }
    },
    async recent(accountId, types, after, limit) {
      try {
        await batch.settled({ scope: 'audit_events' });
        const read = readFor(types.length, after !== undefined);
        const params = [accountId, ...types, ...(after ? [sqliteTimestamp(after.getTime())] : []), limit];
        return read(...params) as AuditRow[];
      } catch (error) {
        throw typed(error);
      }
    },
  };
}
