// One JSON log line per request, with a request id that is also returned as X-Request-Id.
// Only the path is logged: query strings and bodies can carry codes and tokens.
import { randomUUID } from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from 'pino';

export function requestLog(logger: Logger): Middleware {
  return async (ctx, next) => {
    const started = process.hrtime.bigint();
    const id = randomUUID();
    ctx.state.requestId = id;
    ctx.set('X-Request-Id', id);
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      logRequest(logger, { reqId: id, method: ctx.method, path: ctx.path, status: ctx.status, ms, ip: ctx.ip });
    }
  };
}

/** The one line per request, also for requests answered before Koa (src/oidc/published.ts). */
export function logRequest(
  logger: Logger,
  line: { reqId: string; method: string; path: string; status: number; ms: number; ip: string },
): void {
  logger.info({ ...line, ms: Math.round(line.ms * 100) / 100 }, 'request');
}
