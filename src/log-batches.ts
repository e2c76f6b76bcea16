// Log lines gathered into few writes (issue 11: a write per request line was ~7 % of a JWKS answer),
// never more than a pipe takes in one piece, never held long.

/** A line waits at most this long for others to leave with it. */
const FLUSH_AFTER_MS = 20;
/**
 * Linux writes at most PIPE_BUF bytes to a pipe in one piece. With WORKERS every process writes to
 * the same standard output, so no write is larger (unless one line is): lines of two workers never
 * interleave.
 */
const PIPE_BUF = 4096;

export interface BatchedLines {
  write(line: string): void;
  /** Writes what is waiting, now (pino calls it after fatal()). */
  flushSync: () => void;
}

/**
 * Lines gathered and handed to `out` in order, in pieces of at most `limit` bytes (a longer line
 * alone), each at most `waitMs` after its first line came.
 */
export function batchedLines(
  out: { write(text: string): unknown },
  limit = PIPE_BUF,
  waitMs = FLUSH_AFTER_MS,
): BatchedLines {
  let pending = '';
  let bytes = 0;
  let timer: NodeJS.Timeout | undefined;
  const flushSync = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending) return;
    const text = pending;
    pending = '';
    bytes = 0;
    out.write(text);
  };
  return {
    write(line: string) {
      const size = Buffer.byteLength(line);
      if (bytes + size > limit) flushSync();
      pending += line;
      bytes += size;
      // Unref'd: waiting lines never keep the process alive (the owner writes them at exit).
      timer ??= setTimeout(flushSync, waitMs).unref();
    },
    flushSync,
  };
}
