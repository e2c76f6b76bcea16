// What the database's errors mean, on the real database of the run (SQLite, or PostgreSQL with
// TEST_DATABASE=postgresql), as the driver adapters really report them: a taken email, an update
// that matches nothing, and on PostgreSQL two serializable transactions that cannot both commit —
// which `serializable` retries until each has committed once.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { DatabaseConfig } from '../../src/config/index.js';
import { openDatabase, type Database } from '../../src/database/client.js';
import { databaseErrorKind } from '../../src/database/errors.js';
import { migrate } from '../../src/database/migrate.js';
import { serializable } from '../../src/database/serializable.js';
import { openSqlite, type SqliteConnection } from '../../src/database/sqlite.js';
import { createPostgresDatabase, dropPostgresDatabase, tempDir, testDatabaseKind } from '../support/databases.js';

const failure = (work: () => Promise<unknown>) =>
  work().then(
    () => undefined,
    (error: unknown) => error,
  );

let db: Database;
let drop = async () => {};
/** The SQLite file, when the run is on SQLite. */
let sqliteFile = '';

beforeAll(async () => {
  let config: DatabaseConfig;
  if (testDatabaseKind() === 'postgresql') {
    const url = await createPostgresDatabase();
    config = { kind: 'postgresql', url, poolSize: 4 };
    drop = () => dropPostgresDatabase(url);
  } else {
    const file = (sqliteFile = join(tempDir(), 'twofold.db'));
    config = { kind: 'sqlite', file, url: `file:${file}` };
  }
  await migrate(config);
  db = await openDatabase(config);
});
afterAll(async () => {
  await db.$disconnect();
  await drop();
});

const newAccount = (email = `${randomUUID()}@example.com`) =>
  db.account.create({ data: { id: randomUUID(), email, passwordHash: 'x' } });

describe('what a database error means', () => {
  it('a second account with a taken email is a unique violation', async () => {
    const { email } = await newAccount();
    expect(databaseErrorKind(await failure(() => newAccount(email)))).toBe('unique_violation');
  });

  it('an update whose filters match no row is "not found"', async () => {
    const error = await failure(() =>
      db.authenticator.update({ where: { id: randomUUID() }, data: { failedCodes: { increment: 1 } } }),
    );
    expect(databaseErrorKind(error)).toBe('not_found');
  });

  it('anything else is none of these', () => {
    expect(databaseErrorKind(new Error('Cannot read properties of undefined'))).toBeUndefined();
    expect(databaseErrorKind(undefined)).toBeUndefined();
  });
});

// Two transactions that each count an account's codes and then add one, both having read before
// either wrote: under SERIALIZABLE, PostgreSQL lets only one of them commit.
async function countThenInsert(
  tx: Parameters<Parameters<typeof serializable>[1]>[0],
  accountId: string,
  both: Barrier,
) {
  await tx.recoveryCode.count({ where: { accountId } });
  await both.arrive();
  await tx.recoveryCode.create({ data: { id: randomUUID(), accountId, digest: randomUUID() } });
}

/** Lets each of two parties wait until both have reached it (once; later arrivals pass). */
class Barrier {
  private waiting = 0;
  private release: (() => void) | undefined;
  private readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  arrive(): Promise<void> {
    if (++this.waiting >= 2) this.release?.();
    return Promise.race([this.opened, new Promise<void>((resolve) => setTimeout(resolve, 2000))]);
  }
}

(testDatabaseKind() === 'postgresql' ? describe : describe.skip)('serialization conflicts on PostgreSQL', () => {
  it('arrive as a serialization failure through the driver adapter', async () => {
    const { id } = await newAccount();
    const both = new Barrier();
    const results = await Promise.allSettled(
      [1, 2].map(() => db.$transaction((tx) => countThenInsert(tx, id, both), { isolationLevel: 'Serializable' })),
    );
    const rejected = results.filter((r) => r.status === 'rejected');
    expect(rejected).toHaveLength(1);
    expect(databaseErrorKind(rejected[0]!.reason)).toBe('serialization_failure');
  });

  it('are retried by serializable(), so both writes land, and each retry is logged', async () => {
    const { id } = await newAccount();
    const both = new Barrier();
    const retries: unknown[] = [];
    const logger = { info: (detail: unknown) => void retries.push(detail) };
    await Promise.all([1, 2].map(() => serializable(db, (tx) => countThenInsert(tx, id, both), { logger })));
    expect(await db.recoveryCode.count({ where: { accountId: id } })).toBe(2);
    expect(retries.length).toBeGreaterThanOrEqual(1);
  });
});

(testDatabaseKind() === 'sqlite' ? describe : describe.skip)('serialization conflicts on SQLite', () => {
  // Another connection to the file (the server's own one for protocol state, another worker, the
  // admin CLI) writes after a transaction has read and before it writes: in WAL mode the transaction
  // cannot write on what it read (SQLITE_BUSY_SNAPSHOT), SQLite's serialization failure.
  let other: SqliteConnection;
  beforeAll(() => {
    other = openSqlite(sqliteFile);
  });
  afterAll(() => other.close());

  const readThenWrite = async (
    tx: Parameters<Parameters<typeof serializable>[1]>[0],
    accountId: string,
    meddle: () => void,
  ) => {
    await tx.recoveryCode.count({ where: { accountId } });
    meddle();
    await tx.recoveryCode.create({ data: { id: randomUUID(), accountId, digest: randomUUID() } });
  };
  const meddleOnce = (accountId: string) => {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      other
        .prepare('INSERT INTO recovery_codes (id, account_id, digest) VALUES (?, ?, ?)')
        .run(randomUUID(), accountId, randomUUID());
    };
  };

  it('arrive as a serialization failure, not as an outage', async () => {
    const { id } = await newAccount();
    const error = await failure(() =>
      db.$transaction((tx) => readThenWrite(tx, id, meddleOnce(id)), { isolationLevel: 'Serializable' }),
    );
    expect(databaseErrorKind(error)).toBe('serialization_failure');
  });

  it('are retried by serializable(), so the write lands after the other one, and the retry is logged', async () => {
    const { id } = await newAccount();
    const retries: unknown[] = [];
    const logger = { info: (detail: unknown) => void retries.push(detail) };
    const meddle = meddleOnce(id);
    await serializable(db, (tx) => readThenWrite(tx, id, meddle), { logger });
    expect(await db.recoveryCode.count({ where: { accountId: id } })).toBe(2);
    expect(retries).toEqual([{ attempt: 1 }]);
  });
});
