// One JSON log line per request, with a request id that is also returned as X-Request-Id.
// Only the path is logged: query strings and bodies can carry codes and tokens.
//
// The lines go through a child logger without pino's redaction: a request line holds only the
// fixed fields written below (never a form, a query, a header or a credential), and redacting the
// paths of src/logging.ts cost ~30 µs per line, more than the rest of a JWKS answer (issue 11).
import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';

/** What a request line says: nothing else may be added to it (it is not redacted). */
interface RequestLine {
  reqId: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  ip: string;
}

/** Writes request lines; build it once per logger (a child logger each time would cost as much). */
export type RequestLines = (line: RequestLine) => void;

export function requestLines(logger: Logger): RequestLines {
  const lines = logger.child({}, { redact: { paths: [] } });
  return ({ reqId, method, path, status, ms, ip }) =>
    lines.info({ reqId, method, path, status, ms: Math.round(ms * 100) / 100, ip }, 'request');
}

export function requestLog(log: RequestLines): Middleware {
  // A promise chain, not an async frame: with oidc-provider's AsyncLocalStorage on, each async
  // layer costs every request its promise hooks (issue 11).
  return (ctx, next) => {
    const started = process.hrtime.bigint();
    const id = randomUUID();
    ctx.state.requestId = id;
    ctx.res.setHeader('X-Request-Id', id);
    return next().finally(() => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      log({ reqId: id, method: ctx.method, path: ctx.path, status: ctx.status, ms, ip: ctx.ip });
    });
  };
}
