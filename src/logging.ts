// JSON logs through pino. Secrets never reach a log line: the fields that could carry them are
// redacted by their path, wherever a request's form, query or headers, or a credential, would put
// them. A field is never redacted for its name alone where that name means something else: every
// error has a `code` (EADDRINUSE, Prisma's P2002, PostgreSQL's 23505) that an operator must see,
// while a one-time or authorization code only ever travels in a form, a query or a body.
import { writeSync } from 'node:fs';
import { pino, type Logger } from 'pino';

/** Fields that are secret wherever they appear, at the top of a line or one level down. */
const SECRET_FIELDS = [
  'password',
  'new_password',
  'secret',
  'client_secret',
  'code_verifier',
  'refresh_token',
  'access_token',
  'id_token',
  'token',
];

/** Containers of what a person or a client sent: every field of theirs called `code` is a code. */
const SENT = ['body', 'form', 'query', 'params'];

const REDACTED_PATHS = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`]),
  ...SENT.flatMap((container) => [`${container}.code`, `*.${container}.code`]),
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
];

/** Where lines go: a stream, or (the default) standard output (bufferedStdout). */
type Destination = NodeJS.WritableStream | undefined;

export function createLogger(level: string, destination?: Destination, format: 'json' | 'pretty' = 'json'): Logger {
  return pino(
    {
      level,
      base: { service: 'twofold' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    format === 'pretty' ? prettyLines(destination) : (destination ?? bufferedStdout()),
  );
}

/** A line waits at most this long for others to leave with it. */
const FLUSH_AFTER_MS = 20;
/**
 * POSIX writes at most PIPE_BUF bytes to a pipe in one piece. With WORKERS every process writes to
 * the same standard output, so no write is larger (unless one line is): lines of two workers never
 * interleave.
 */
const PIPE_BUF = 4096;

let stdout: { write(line: string): void; flushSync(): void } | undefined;

/**
 * Standard output for the JSON lines, gathered up to PIPE_BUF bytes or FLUSH_AFTER_MS, whichever
 * comes first, then written synchronously and in order. One write per turn of the event loop was
 * still ~7 % of a JWKS answer under load (a turn served ~8 requests; issue 11); this is ~20 lines a
 * write. What is waiting when the process exits (process.exit after 'stopped', an uncaught
 * exception) is written by the 'exit' handler, and pino's fatal() writes at once (it calls
 * flushSync): only a process killed outright (SIGKILL, out of memory) loses its last 20 ms.
 */
function bufferedStdout(): NonNullable<typeof stdout> {
  if (stdout) return stdout;
  // pino's own synchronous writer: it retries a full pipe (EAGAIN) and partial writes.
  const out = pino.destination({ dest: 1, sync: true });
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
  process.on('exit', flushSync);
  stdout = {
    write(line: string) {
      const size = Buffer.byteLength(line);
      if (bytes + size > PIPE_BUF) flushSync();
      pending += line;
      bytes += size;
      // Unref'd: waiting lines never keep the process alive ('exit' writes them).
      timer ??= setTimeout(flushSync, FLUSH_AFTER_MS).unref();
    },
    flushSync,
  };
  return stdout;
}

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
// On every line, or said by the rest of the line: not repeated as fields.
const LEFT_OUT = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'service', 'err']);

/** A field as a person reads it: words as they are, anything else as JSON. */
function shown(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

/**
 * LOG_FORMAT=pretty: each JSON line pino writes (already redacted) becomes
 * `12:04:05.123 INFO  message key=value …`, an error's message and stack on the lines below.
 * Written synchronously like pino's own destination, so the last line before an exit is not lost.
 */
function prettyLines(destination: Destination): { write(line: string): void } {
  const out = (text: string) => (destination ? destination.write(text) : writeSync(1, text));
  return {
    write(line: string) {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        out(line);
        return;
      }
      const time = new Date(typeof entry.time === 'number' ? entry.time : Date.now()).toISOString().slice(11, 23);
      const level = (LEVELS[entry.level as number] ?? String(entry.level)).padEnd(5);
      const fields = Object.entries(entry)
        .filter(([key]) => !LEFT_OUT.has(key))
        .map(([key, value]) => `${key}=${shown(value)}`);
      const err = entry.err as { message?: unknown; stack?: unknown } | undefined;
      const detail = err ? `\n  ${String(err.stack ?? err.message).replace(/\n/g, '\n  ')}` : '';
      out(
        `${time} ${level} ${typeof entry.msg === 'string' ? entry.msg : ''}${fields.length ? ` ${fields.join(' ')}` : ''}${detail}\n`,
      );
    },
  };
}
