// Housekeeping deletes (expired protocol state, audit events past their retention, spent rate-limit
// counters) run a bounded batch at a time, the event loop turning between batches. One statement
// deleting every expired row held the embedded database's connection, and with it the event loop,
// for as long as it took: 1.1 s for 45,000 expired rows among 500,000 on a quiet machine, and in a
// soak of 10⁵ sign-ins on a busy one, requests that waited 13–15 s (issue 11). It also grew the
// write-ahead log past the point where a commit checkpoints on the event loop (checkpoints.ts). On
// PostgreSQL it was one long transaction holding every deleted row's lock.
import { setImmediate as nextTurn } from 'node:timers/promises';

/** Rows one batch looks at: a few milliseconds of the embedded database's connection. */
export const HOUSEKEEPING_BATCH_ROWS = 200;

/** One batch: how many rows it looked at (at most its limit), and how many it deleted. */
export interface Batch {
  seen: number;
  deleted: number;
}

/**
 * Runs `deleteBatch` until a batch looks at fewer rows than its limit or deletes none (what is left
 * then is another instance's to delete, or the next round's), or until `stop` is aborted (the server
 * closing); returns how many rows went in all.
 */
export async function inBatches(
  deleteBatch: (limit: number) => Batch | Promise<Batch>,
  stop?: AbortSignal,
): Promise<number> {
  let deleted = 0;
  while (!stop?.aborted) {
    const batch = await deleteBatch(HOUSEKEEPING_BATCH_ROWS);
    deleted += batch.deleted;
    if (batch.seen < HOUSEKEEPING_BATCH_ROWS || batch.deleted === 0) break;
    await nextTurn();
  }
  return deleted;
}
