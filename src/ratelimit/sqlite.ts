// rate-limiter-flexible's store contract on the embedded SQLite file through better-sqlite3, in the
// `rate_limits` table and date format that RateLimiterPrisma uses (so the schema, its migrations
// and the sweep stay one). RateLimiterPrisma needs two Prisma queries per count (delete an expired
// row, then upsert), each ~0.5 ms of CPU; every sign-in step counts and gives back a few points.
// Here a count is one statement, atomic in SQLite: an expired window starts afresh, a live one is
// incremented in place, so concurrent attempts from any process are all counted. The counts of one
// turn of the event loop (a sign-in step takes points from several limits at once) are committed
// together (src/database/write-batch.ts); a read commits what waits first.
import { createRequire } from 'node:module';
import { RateLimiterRes, type RateLimiterStoreAbstract as StoreAbstract } from 'rate-limiter-flexible';
import { sqliteTimestamp, type SqliteConnection } from '../database/sqlite.js';
import type { WriteBatch } from '../database/write-batch.js';

interface Row {
  points: number;
  expire: string | null;
}

// The package's types declare the base class of its stores, but its index does not export it.
const RateLimiterStoreAbstract = createRequire(import.meta.url)(
  'rate-limiter-flexible/lib/RateLimiterStoreAbstract.js',
) as typeof StoreAbstract;
type StoreOptions = ConstructorParameters<typeof StoreAbstract>[0];

const EXPIRED = 'rate_limits.expire IS NOT NULL AND rate_limits.expire <= @now';

export class RateLimiterSqlite extends RateLimiterStoreAbstract {
  private readonly count;
  private readonly replace;
  private readonly read;
  private readonly remove;

  /** `batch`: the group commit of `db`, shared by every limiter on that connection. */
  constructor(
    db: SqliteConnection,
    private readonly batch: WriteBatch,
    options: Omit<StoreOptions, 'storeClient'>,
  ) {
    super({ ...options, storeClient: db });
    this.count = db.prepare<[{ key: string; points: number; expire: string | null; now: string }], Row>(
      `INSERT INTO rate_limits (key, points, expire) VALUES (@key, @points, @expire)
       ON CONFLICT (key) DO UPDATE SET
         points = CASE WHEN ${EXPIRED} THEN excluded.points ELSE rate_limits.points + excluded.points END,
         expire = CASE WHEN ${EXPIRED} THEN excluded.expire ELSE rate_limits.expire END
       RETURNING points, expire`,
    );
    this.replace = db.prepare<[string, number, string | null], Row>(
      `INSERT INTO rate_limits (key, points, expire) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET points = excluded.points, expire = excluded.expire
       RETURNING points, expire`,
    );
    this.read = db.prepare<[string, string], Row>(
      'SELECT points, expire FROM rate_limits WHERE key = ? AND (expire IS NULL OR expire > ?)',
    );
    this.remove = db.prepare<[string]>('DELETE FROM rate_limits WHERE key = ?');
  }

  async _upsert(key: string, points: number, msDuration: number, forceExpire = false): Promise<Row> {
    const now = Date.now();
    const expire = msDuration > 0 ? sqliteTimestamp(now + msDuration) : null;
    const row = await this.batch.write(
      () =>
        forceExpire
          ? this.replace.get(key, points, expire)
          : this.count.get({ key, points, expire, now: sqliteTimestamp(now) }),
      { scope: 'rate_limits', key },
    );
    // An upsert with RETURNING always returns its row.
    if (!row) throw new Error(`rate-limit counter ${key} was not written`);
    return row;
  }

  async _get(key: string): Promise<Row | null> {
    await this.batch.settled({ scope: 'rate_limits', key });
    return this.read.get(key, sqliteTimestamp(Date.now())) ?? null;
  }

  async _delete(key: string): Promise<boolean> {
    return (await this.batch.write(() => this.remove.run(key), { scope: 'rate_limits', key })).changes > 0;
  }

  _getRateLimiterRes(_key: string, changedPoints: number, row: Row): RateLimiterRes {
    const msBeforeNext = row.expire !== null ? Math.max(Date.parse(row.expire) - Date.now(), 0) : -1;
    return new RateLimiterRes(
      Math.max(this.points - row.points, 0),
      msBeforeNext,
      row.points,
      row.points === changedPoints,
    );
  }
}
