// Checkpoints of the embedded database's write-ahead log, on a thread of their own. In WAL mode a
// commit appends pages to the log, and a checkpoint copies them into the database file, syncing
// the log before and the file after. SQLite runs one inside whichever commit finds the log past
// `wal_autocheckpoint` pages, on that connection's thread: for Twofold, the event loop, blocked on
// two fsyncs every 1000 pages. Under refresh-token load that was ~90 µs of every request, more than
// the rest of its SQL (issue 11). Here a worker thread with its own connection checkpoints every
// CHECKPOINT_INTERVAL_MS; the serving connections checkpoint on their own only if the log grows
// past FALLBACK_CHECKPOINT_PAGES (the thread stopped, or fell behind), so the log stays bounded.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type Sqlite from 'better-sqlite3';

const CHECKPOINT_INTERVAL_MS = 100;
/** ~40 MiB of log at 4 KiB a page; at this point a commit checkpoints on its own thread again. */
const FALLBACK_CHECKPOINT_PAGES = 10_000;

/** For every connection that writes to the embedded file: leave checkpoints to the thread. */
export function deferCheckpoints(db: Sqlite.Database): void {
  db.pragma(`wal_autocheckpoint = ${FALLBACK_CHECKPOINT_PAGES}`);
}

export interface Checkpoints {
  /** Stops the thread after its checkpoint in progress, if any. */
  close(): Promise<void>;
}

interface ThreadData {
  file: string;
  intervalMs: number;
  /** better-sqlite3, resolved here: the thread's own `require` starts from the working directory. */
  driver: string;
}

/**
 * The thread: its own connection, a passive checkpoint every interval, a clean close when asked.
 * It runs from its source text (`eval`), so it uses nothing from this module, only `require`.
 */
function checkpointThread(require: NodeJS.Require): void {
  const threads = require('node:worker_threads') as typeof import('node:worker_threads');
  const { parentPort } = threads;
  const { file, intervalMs, driver } = threads.workerData as ThreadData;
  const Driver = require(driver) as typeof Sqlite;
  const db = new Driver(file);
  // The serving connections' durability: the log is synced before its pages are copied, the file after.
  db.pragma('synchronous = NORMAL');
  const timer = setInterval(() => {
    try {
      // PASSIVE never waits for a reader or a writer and never takes the write lock: a writer only
      // ever finds the log shorter. It copies what no reader still needs; a later writer then starts
      // the log over from its beginning.
      db.pragma('wal_checkpoint(PASSIVE)');
    } catch (error) {
      // Another connection checkpointing at this moment (SQLITE_BUSY), or the file gone.
      parentPort?.postMessage({ failed: error instanceof Error ? error.message : String(error) });
    }
  }, intervalMs);
  parentPort?.on('message', (message) => {
    if (message !== 'close') return;
    clearInterval(timer);
    db.close();
    parentPort.close();
  });
}

export function checkpointInBackground(file: string, logger: Logger): Checkpoints {
  const workerData: ThreadData = {
    file,
    intervalMs: CHECKPOINT_INTERVAL_MS,
    driver: createRequire(import.meta.url).resolve('better-sqlite3'),
  };
  const worker = new Worker(`(${checkpointThread.toString()})(require)`, {
    eval: true,
    workerData,
    // It holds little: a connection and a timer.
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
  });
  // It must not keep the process alive, nor lose the process its shutdown.
  worker.unref();
  let failures = 0;
  worker.on('message', (message: { failed?: string }) => {
    // Busy now and then is normal (another process's checkpoint); say it once in a while.
    if (message.failed && failures++ % 1000 === 0) logger.warn({ error: message.failed }, 'WAL checkpoint failed');
  });
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.on('error', (error) =>
    logger.error({ err: error }, 'the WAL checkpoint thread stopped; commits checkpoint on their own'),
  );
  let closing: Promise<void> | undefined;
  return {
    close() {
      closing ??= (async () => {
        // Referenced again while it closes: otherwise, with everything else closed, the process
        // would end before the thread does, and before whoever awaits this goes on.
        worker.ref();
        worker.postMessage('close');
        await exited;
      })();
      return closing;
    },
  };
}
