// A check-then-write that must hold against concurrent requests on any number of instances, as one
// SERIALIZABLE transaction. Of two that touch the same rows PostgreSQL aborts one (SQLSTATE 40001,
// or 40P01 for a deadlock), whichever way the driver adapter reports it (src/database/errors.ts);
// the loser is retried after a short, jittered wait and then sees the winner's write. When the
// conflicts go on past the last attempt, the database counts as unavailable for this request:
// StoreUnavailableError, answered 503 like any outage, and nothing of the transaction is kept.
// SQLite runs write transactions one at a time; its one conflict is a transaction that read, then
// found the file written by another connection (SQLITE_BUSY_SNAPSHOT in WAL mode), retried alike.
import type { Logger } from 'pino';
import type { Database, Prisma } from './client.js';
import { databaseErrorKind } from './errors.js';
import { StoreUnavailableError } from '../outage/index.js';

// Of k transactions racing for the same rows, each round commits one: the last may need k attempts.
// Eight apps linked to one account at once, on a machine busy enough that a transaction outlasts
// the first waits, had used up six (the test of MAX_AUTHENTICATORS, in CI beside a benchmark).
const ATTEMPTS = 10;
// The n-th retry waits a random time up to BASE_DELAY_MS × 2^n, at most MAX_DELAY_MS ("full
// jitter"): simultaneous losers do not collide again in lockstep. At most ~0.75 s in all.
const BASE_DELAY_MS = 10;
const MAX_DELAY_MS = 100;

export interface SerializableOptions {
  /** Told of each retry (a log line operators and tests can see). */
  logger?: Pick<Logger, 'info'> | undefined;
}

export async function serializable<T>(
  db: Database,
  work: (tx: Prisma.TransactionClient) => Promise<T>,
  { logger }: SerializableOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, { isolationLevel: 'Serializable' });
    } catch (error) {
      if (databaseErrorKind(error) !== 'serialization_failure') throw error;
      if (attempt >= ATTEMPTS) throw new StoreUnavailableError('database', { cause: error });
      logger?.info({ attempt }, 'serializable transaction retried after a serialization conflict');
      await new Promise((resolve) =>
        setTimeout(resolve, Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt)),
      );
    }
  }
}
