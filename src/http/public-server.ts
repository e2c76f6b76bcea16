// The public listener, with limits for slow and idle clients (the review's slowloris test held
// trickling headers for 90 s and a trickling body past 140 s on Node's defaults, with no cap on
// connections). Node answers a request that overruns its timeout with 408 and closes the socket;
// connections beyond the cap are closed as they arrive. A reverse proxy in front usually has
// limits of its own; these hold when it does not, or when someone reaches the port directly.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { HttpServerConfig } from '../config/index.js';
import { keepTickShape } from './tick-shape.js';

/** How often Node looks for requests past their timeout (its default, 30 s, would add up to that). */
const TIMEOUT_CHECK_MS = 1000;

export function publicServer(handler: RequestListener, limits: HttpServerConfig): Server {
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: Math.min(TIMEOUT_CHECK_MS, limits.headersTimeoutMs),
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  keepTickShape(server);
  return server;
}
