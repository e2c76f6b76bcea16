// Group commit on one of our own SQLite connections (sqlite.ts): the writes issued in one turn of
// the event loop are committed together, in one transaction. A commit in WAL mode appends every
// page a write touched to the log — the row and each index of its table, seven for oidc_payloads —
// so one token's upsert alone cost ~150 µs of the main thread, four in one transaction ~65 µs each
// (issue 11). Nothing else changes: writes run in the order they were issued, a read through the
// same connection first commits what is waiting, or waits for a batch retrying behind another
// connection's write lock (so it sees every write issued before it, as when each write ran at
// once), and a write's promise settles only once its transaction has committed.
//
// A read commits early only what it could see: each write names the rows it may change, each read
// the rows it reads, and a read of rows no waiting write touches does not end the turn's batch. With
// eight refresh-token requests in flight, each one's reads had committed the others' writes, 1.8
// commits per refresh instead of one per turn (~90 µs each, issue 11). What a request sees is
// unchanged: a waiting write is one whose promise has not settled, issued by a request still
// running, and a read of its rows still sees it.
import type Sqlite from 'better-sqlite3';
import { isBusy, whenUnlocked } from './sqlite.js';

/**
 * Rows of one connection's database: one row (`key` within `scope`, e.g. a token by model and id),
 * or every row of `scope` (no `key`). A write or read that names none may touch anything.
 */
export interface Rows {
  scope: string;
  key?: string;
}

/** Whether what a write may change and what a read reads can meet. */
function overlap(written: Rows | undefined, read: Rows | undefined): boolean {
  if (!written || !read) return true;
  return (
    written.scope === read.scope && (written.key === undefined || read.key === undefined || written.key === read.key)
  );
}

interface Waiting {
  rows: Rows | undefined;
  run: () => unknown;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

export class WriteBatch {
  private waiting: Waiting[] = [];
  private scheduled = false;
  /** A batch that met another connection's write lock, retrying; later ones wait behind it. */
  private retrying: Promise<void> | undefined;
  private readonly commitAll: (batch: Waiting[]) => unknown[];

  constructor(db: Sqlite.Database) {
    this.commitAll = db.transaction((batch: Waiting[]) => batch.map((write) => write.run()));
  }

  /**
   * Runs `run` (one statement, changing at most `rows`) in this turn's transaction; resolves with its
   * result once committed.
   */
  write<T>(run: () => T, rows?: Rows): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ rows, run, resolve: resolve as (result: unknown) => void, reject });
      if (this.scheduled) return;
      this.scheduled = true;
      // After the I/O callbacks of this turn: the writes of every request they served, together.
      setImmediate(() => {
        this.scheduled = false;
        this.flush();
      });
    });
  }

  /** Commits what is waiting now, unless a batch is retrying (then after it); at the end of each turn. */
  flush(): void {
    if (this.retrying || !this.waiting.length) return;
    const batch = this.waiting;
    this.waiting = [];
    let results: unknown[];
    try {
      results = this.commitAll(batch);
    } catch (error) {
      this.behind(isBusy(error) ? this.retry(batch) : this.oneByOne(batch));
      return;
    }
    batch.forEach((write, i) => write.resolve(results[i]));
  }

  /**
   * Before every read of `rows` (all rows when not given), and before closing: commits what is
   * waiting if a waiting write may change those rows and, while a batch is retrying (another
   * connection holds the write lock), waits until it and everything issued before the read settled,
   * so the read sees every write issued before it (a code redeemed twice reads "consumed" the second
   * time) and closing loses none.
   */
  async settled(rows?: Rows): Promise<void> {
    if (!this.retrying && !this.waiting.some((write) => overlap(write.rows, rows))) return;
    this.flush();
    while (this.retrying) {
      await this.retrying;
      this.flush();
    }
  }

  /** Later batches wait behind `work` (`flush` skips while it runs), then go. */
  private behind(work: Promise<void>): void {
    const retrying = work.finally(() => {
      this.retrying = undefined;
      this.flush();
    });
    this.retrying = retrying;
  }

  /** Another connection holds the write lock: the same batch again between turns (sqlite.ts). */
  private async retry(batch: Waiting[]): Promise<void> {
    let results: unknown[];
    try {
      results = await whenUnlocked(() => this.commitAll(batch));
    } catch (error) {
      if (isBusy(error)) batch.forEach((write) => write.reject(error));
      else await this.oneByOne(batch);
      return;
    }
    batch.forEach((write, i) => write.resolve(results[i]));
  }

  /**
   * One write failed for its own reason (a constraint, a bug): each alone, with its own outcome,
   * one after another in the order issued, so a later write never lands before an earlier one
   * that met a lock.
   */
  private async oneByOne(batch: Waiting[]): Promise<void> {
    for (const write of batch) {
      try {
        write.resolve(await whenUnlocked(write.run));
      } catch (error) {
        write.reject(error);
      }
    }
  }
}
