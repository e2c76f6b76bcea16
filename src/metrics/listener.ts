// The metrics listener: its own port (METRICS_PORT, on METRICS_HOST, 127.0.0.1 by default), apart
// from the public issuer port, so that the internals of an identity provider (request rates,
// failed sign-ins, outages) are published only where the operator chose. GET /metrics answers the
// Prometheus text format; anything else is 404.
import { createServer, type Server } from 'node:http';
import type { Logger } from 'pino';

/** A registry, or the workers' metrics gathered by the primary process (src/workers/primary.ts). */
export interface MetricsSource {
  metrics(): Promise<string>;
  readonly contentType: string;
}

export function metricsServer(registry: MetricsSource, logger: Logger): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== '/metrics' || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
      return;
    }
    registry.metrics().then(
      (text) => {
        res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
        res.end(req.method === 'HEAD' ? undefined : text);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'collecting metrics failed');
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('metrics unavailable\n');
      },
    );
  });
}
