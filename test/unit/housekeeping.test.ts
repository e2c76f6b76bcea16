// Housekeeping's loop: bounded batches until one comes back short or deletes nothing, or until told
// to stop, and its rounds: never two at once, the one running stopped between batches (the stores themselves are exercised in protocol-store, audit-retention and rate-limit tests).
import { everyInterval, inBatches } from '../../src/database/housekeeping.js';

// The batch size, as inBatches passes it to every batch.
let HOUSEKEEPING_BATCH_ROWS = 0;
beforeAll(async () => {
  await inBatches((limit) => {
    HOUSEKEEPING_BATCH_ROWS = limit;
    return { deleted: 0, full: false };
  });
  expect(HOUSEKEEPING_BATCH_ROWS).toBeGreaterThan(0);
});

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
      return { deleted: seen, full: seen === limit };
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
    const deleted = await inBatches(() => {
      calls++;
      return { deleted: 0, full: true };
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

describe('everyInterval', () => {
  it('runs a round at start, never two at once, and stop ends the one running and waits for it', async () => {
    let rounds = 0;
    let running = 0;
    let most = 0;
    let stopSeen: AbortSignal | undefined;
    let release = () => {};
    const scheduled = everyInterval(
      async (stop) => {
        rounds++;
        most = Math.max(most, ++running);
        stopSeen = stop;
        await new Promise<void>((resolve) => (release = resolve));
        running--;
      },
      5,
      { atStart: true },
    );
    expect(rounds).toBe(1);
    // Many intervals pass while the first round runs: none starts beside it.
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect({ rounds, most }).toEqual({ rounds: 1, most: 1 });
    let stopped = false;
    const stopping = scheduled.stop().then(() => (stopped = true));
    expect(stopSeen!.aborted).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(running).toBe(0);
    // No round after stop.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rounds).toBe(1);
  });
});
