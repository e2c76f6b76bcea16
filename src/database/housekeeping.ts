// Housekeeping deletes (expired protocol state, audit events past their retention, spent rate-limit
// counters) run a bounded batch at a time, the event loop turning between batches. One statement
// deleting every expired row held the embedded database's connection, and with it the event loop,
// for as long as it took: 1.1 s for 55,000 expired rows among 600,000 on a quiet machine, 3.8–6.3 s
// beside other load, and in a soak of 10⁵ sign-ins on a busy machine requests waited 13–15 s
// (issue 11). It also grew the write-ahead log past the point where a commit checkpoints on the
// event loop (checkpoints.ts). On PostgreSQL it was one long transaction holding every deleted row.
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Rows one batch deletes at most, of each kind it deletes (expired rows; the codes and tokens of the
 * expired grants among them): 7–18 ms of the embedded connection on a quiet machine here. Its
 * commit can wait longer when the disk is busy (the checkpoint thread syncing the log), up to ~0.15 s.
 */
const HOUSEKEEPING_BATCH_ROWS = 200;

/** One batch: how many rows it deleted, and whether it was full (so more may be waiting). */
export interface Batch {
  deleted: number;
  full: boolean;
}

/**
 * Runs `deleteBatch` until a batch is not full or deletes nothing (what is left then is another
 * instance's to delete, or the next round's), or until `stop` is aborted (the server closing);
 * returns how many rows went in all.
 */
export async function inBatches(
  deleteBatch: (limit: number) => Batch | Promise<Batch>,
  stop?: AbortSignal,
): Promise<number> {
  let deleted = 0;
  while (!stop?.aborted) {
    const batch = await deleteBatch(HOUSEKEEPING_BATCH_ROWS);
    deleted += batch.deleted;
    if (!batch.full || batch.deleted === 0) break;
    await nextTurn();
  }
  return deleted;
}

export interface Rounds {
  /** No more rounds; the one running stops after its batch. Resolves once it has. */
  stop(): Promise<void>;
}

/**
 * Runs `round` every `intervalMs` (and at once when `atStart`), never two at a time; it must not
 * reject (it logs its own failures). The timer does not keep the process alive.
 */
export function everyInterval(
  round: (stop: AbortSignal) => Promise<unknown>,
  intervalMs: number,
  { atStart = false } = {},
): Rounds {
  const stopping = new AbortController();
  let running: Promise<unknown> | undefined;
  const run = () => {
    running ??= round(stopping.signal).finally(() => (running = undefined));
  };
  if (atStart) run();
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      stopping.abort();
      await running;
    },
  };
}
