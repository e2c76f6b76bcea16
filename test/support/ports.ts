// Free TCP ports on this machine: for a server to bind, or, left closed, for a client to fail on.
import { createServer } from 'node:net';

/** A port nothing listens on right now (another process may take it later; binders retry). */
export function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
  });
}
