// Group commit on one of our own SQLite connections (sqlite.ts): the writes issued in one turn of
// the event loop are committed together, in one transaction. A commit in WAL mode appends every
// page a write touched to the log — the row and each index of its table, seven for oidc_payloads —
// so one token's upsert alone cost ~150 µs of the main thread, four in one transaction ~65 µs each
// (issue 11). Nothing else changes: writes run in the order they were issued, a read through the
// same connection first commits what is waiting, or waits for a batch retrying behind another
// connection's write lock (so it sees every write issued before it, as when each write ran at
// once), and a write's promise settles only once its transaction has committed.
import type Sqlite from 'better-sqlite3';
import { isBusy, whenUnlocked } from './sqlite.js';

interface Waiting {
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

  /** Runs `run` (one statement) in this turn's transaction; resolves with its result once committed. */
  write<T>(run: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ run, resolve: resolve as (result: unknown) => void, reject });
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
   * Before every read, and before closing: commits what is waiting and, while a batch is retrying
   * (another connection holds the write lock), waits until it and everything issued before the read
   * settled, so the read sees every write issued before it (a code redeemed twice reads "consumed"
   * the second time) and closing loses none.
   */
  async settled(): Promise<void> {
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
