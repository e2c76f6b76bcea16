// JSON logs through pino. Secrets never reach a log line: the fields that could carry them are
// redacted by their path, wherever a request's form, query or headers, or a credential, would put
// them. A field is never redacted for its name alone where that name means something else: every
// error has a `code` (EADDRINUSE, Prisma's P2002, PostgreSQL's 23505) that an operator must see,
// while a one-time or authorization code only ever travels in a form, a query or a body.
import { writeSync } from 'node:fs';
import { pino, type Logger } from 'pino';
import { batchedLines, type BatchedLines } from './log-batches.js';

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

/** What waits in pino's writer while standard output fails (a full disk); later lines are dropped. */
const HELD_AT_MOST = 1024 * 1024;

let stdout: BatchedLines | undefined;

/**
 * Standard output for the JSON lines, gathered by batchedLines (4,096 bytes or 20 ms, whichever
 * comes first), then written synchronously and in order. One write per turn of the event loop was
 * still ~7 % of a JWKS answer under load (a turn served ~8 requests; issue 11); this is ~20 lines a
 * write. What is waiting when the process exits (process.exit after 'stopped', an uncaught
 * exception) is written by the 'exit' handler, and pino's fatal() writes at once (it calls
 * flushSync): only a process ended by a signal it does not handle (SIGKILL; SIGHUP; SIGTERM before
 * start-up has installed its handler) or by running out of memory loses its last 20 ms.
 */
function bufferedStdout(): BatchedLines {
  if (stdout) return stdout;
  // pino's own synchronous writer: it retries a full pipe (EAGAIN) and partial writes.
  const out = pino.destination({ dest: 1, sync: true, maxLength: HELD_AT_MOST });
  // Any other failure (ENOSPC, EIO; pino's writer stops at EPIPE itself) would be thrown by whichever
  // log call filled a batch, in the middle of a request: said once on stderr instead, and the
  // writer keeps the failed text and tries again with the next batch.
  let said = false;
  out.on('error', (error: NodeJS.ErrnoException) => {
    if (said || error.code === 'EPIPE') return;
    said = true;
    try {
      writeSync(
        2,
        `twofold: standard output cannot be written (${error.code ?? error.message}); log lines are held, then dropped\n`,
      );
    } catch {
      // Nowhere left to say it.
    }
  });
  stdout = batchedLines(out);
  process.on('exit', stdout.flushSync);
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
