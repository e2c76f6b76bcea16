// Stops an HTTP server the way a load balancer and an orchestrator expect on SIGTERM: no new
// connections, in-flight requests finish, and keep-alive connections do not hold the exit. Node's
// server.close() waits for every open connection; an idle keep-alive one may stay open for as long
// as the client likes, and one that finishes its response during the drain turns idle too. So idle
// connections are closed as they appear, and whatever is still open after `graceMs` is cut.
import type { Server } from 'node:http';

const IDLE_SWEEP_MS = 100;

export async function closeGracefully(server: Server, graceMs: number): Promise<void> {
  if (!server.listening) return;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
  const cut = setTimeout(() => server.closeAllConnections(), graceMs);
  try {
    await closed;
  } finally {
    clearInterval(sweep);
    clearTimeout(cut);
  }
}
