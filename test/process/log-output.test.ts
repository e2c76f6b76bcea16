// The log's disk fills up (standard output redirected to a file on a full disk): people still sign
// in and relying parties still get their documents. The operator is told once, on stderr, instead
// of a log call throwing in the middle of a request.
import { closeSync, openSync } from 'node:fs';
import { freshEnvironment } from '../support/databases.js';
import { freePort } from '../support/ports.js';
import { spawnServer } from '../support/twofold-process.js';

describe('standard output that cannot be written', () => {
  let cleanup: () => Promise<void>;
  afterAll(async () => cleanup());

  it('keeps serving, says so once on stderr, and stops cleanly', async () => {
    const fresh = await freshEnvironment();
    cleanup = fresh.cleanup;
    // The log cannot tell the port: one is chosen here.
    const port = await freePort();
    // Every write to /dev/full fails with ENOSPC, as on a full disk.
    const full = openSync('/dev/full', 'w');
    const child = spawnServer({ ...fresh.env, PORT: String(port) }, ['ignore', full, 'pipe']);
    closeSync(full);
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    try {
      const origin = `http://127.0.0.1:${port}`;
      let ready = false;
      for (let tries = 0; tries < 300 && !ready && child.exitCode === null; tries++) {
        ready = await fetch(`${origin}/healthz`).then(
          (response) => response.ok,
          () => false,
        );
        if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect({ ready, stderr }).toEqual({ ready: true, stderr: expect.any(String) });
      // Many request lines: many batches, each failing.
      for (let n = 0; n < 200; n++) {
        const [jwks, page] = await Promise.all([fetch(`${origin}/jwks`), fetch(`${origin}/account`)]);
        expect([jwks.status, page.status < 500]).toEqual([200, true]);
        await Promise.all([jwks.arrayBuffer(), page.arrayBuffer()]);
      }
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const said = stderr.split('\n').filter((line) => line.includes('standard output cannot be written'));
      expect(said).toEqual(['twofold: standard output cannot be written (ENOSPC); log lines are held, then dropped']);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    }
  });
});
