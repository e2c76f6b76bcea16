// Housekeeping's loop: bounded batches until one comes back short or deletes nothing, or until told
// to stop (the stores themselves are exercised in protocol-store, audit-retention and rate-limit tests).
import { HOUSEKEEPING_BATCH_ROWS, inBatches } from '../../src/database/housekeeping.js';

/** A table of `rows` rows whose batches delete what they see, recording each batch's limit. */
function table(rows: number) {
  const limits: number[] = [];
  let left = rows;
  return {
    limits,
    left: () => left,
    deleteBatch: (limit: number) => {
      limits.push(limit);
      const seen = Math.min(limit, left);
      left -= seen;
      return { seen, deleted: seen };
    },
  };
}

describe('inBatches', () => {
  it('deletes everything in batches of the housekeeping limit, and says how many went', async () => {
    const t = table(2 * HOUSEKEEPING_BATCH_ROWS + 7);
    expect(await inBatches(t.deleteBatch)).toBe(2 * HOUSEKEEPING_BATCH_ROWS + 7);
    expect(t.limits).toEqual([HOUSEKEEPING_BATCH_ROWS, HOUSEKEEPING_BATCH_ROWS, HOUSEKEEPING_BATCH_ROWS]);
    expect(t.left()).toBe(0);
  });

  it('runs one more batch when the rows are an exact multiple, and none after an empty one', async () => {
    const t = table(HOUSEKEEPING_BATCH_ROWS);
    expect(await inBatches(t.deleteBatch)).toBe(HOUSEKEEPING_BATCH_ROWS);
    expect(t.limits).toHaveLength(2);
  });

  it('lets the event loop turn between batches', async () => {
    const t = table(3 * HOUSEKEEPING_BATCH_ROWS);
    // Counts turns of the event loop: one callback per turn, each scheduling the next.
    let turns = 0;
    let ticking = true;
    const tick = () => {
      turns++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const seenAt: number[] = [];
    await inBatches((limit) => {
      seenAt.push(turns);
      return t.deleteBatch(limit);
    });
    ticking = false;
    // Four batches (the last one empty), each in a later turn than the one before.
    expect(seenAt).toHaveLength(4);
    expect(new Set(seenAt).size).toBe(4);
  });

  it('stops when a full batch deletes nothing (another instance got there first)', async () => {
    let calls = 0;
    const deleted = await inBatches((limit) => {
      calls++;
      return { seen: limit, deleted: 0 };
    });
    expect({ deleted, calls }).toEqual({ deleted: 0, calls: 1 });
  });

  it('stops between batches once asked to, and runs none when asked before', async () => {
    const t = table(10 * HOUSEKEEPING_BATCH_ROWS);
    const stop = new AbortController();
    const deleted = await inBatches((limit) => {
      if (t.limits.length === 2) stop.abort();
      return t.deleteBatch(limit);
    }, stop.signal);
    expect(deleted).toBe(3 * HOUSEKEEPING_BATCH_ROWS);
    expect(await inBatches(t.deleteBatch, stop.signal)).toBe(0);
    expect(t.limits).toHaveLength(3);
  });
});
