// Koa reports on the application what goes wrong outside the middleware: mostly a response cut
// short, by a client that went away or by HTTP_REQUEST_TIMEOUT ending a request that trickled its
// body. Its default handler prints a stack to stderr; here it is one JSON line instead, at info for
// what the client caused and at error for anything else (everything our middleware throws is
// answered, and logged, by the error boundary long before this).
import type Koa from 'koa';
import type { Context } from 'koa';
import type { Logger } from 'pino';

const CLIENT_CAUSED = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

export function logLateErrors(app: Koa, logger: Logger): void {
  app.on('error', (error: Error & { code?: string }, ctx?: Context) => {
    const reqId = ctx?.state.requestId as string | undefined;
    const clientCaused =
      ctx?.req.destroyed === true || CLIENT_CAUSED.has(error.code ?? '') || error.message === 'Request timeout';
    if (clientCaused) logger.info({ reqId, reason: error.message, code: error.code }, 'request ended early');
    else logger.error({ err: error, reqId }, 'request failed after its answer began');
  });
}
