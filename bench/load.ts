// Load at a fixed number of requests in flight, for a fixed time. Stateless requests (discovery,
// JWKS, client_credentials) go through wrk (a C load generator from Debian: `apt-get install wrk`),
// which costs the shared cores least; stateful ones (rotating refresh tokens, whole sign-ins) run
// as that many async loops in this process.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Throughput {
  perSecond: number;
  completed: number;
  failed: number;
}

export function requireWrk(): void {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
  } catch (error) {
    // wrk --version exits 1 after printing; only a missing binary is a problem.
    if ((error as { code?: string }).code === 'ENOENT')
      throw new Error('npm run bench needs wrk (Debian: apt-get install wrk)');
  }
}

const scripts = mkdtempSync(join(tmpdir(), 'twofold-bench-'));

/** `wrk -t1 -c<concurrency>` for `seconds`; a POST when `form` is given. */
export async function wrk(
  url: string,
  concurrency: number,
  seconds: number,
  post?: { form: string; headers: Record<string, string> },
): Promise<Throughput> {
  const args = ['-t1', `-c${concurrency}`, `-d${seconds}s`, '--timeout', '10s'];
  if (post) {
    const file = join(scripts, `post-${Math.random().toString(36).slice(2)}.lua`);
    const headers = Object.entries({ 'Content-Type': 'application/x-www-form-urlencoded', ...post.headers })
      .map(([name, value]) => `wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`)
      .join('\n');
    writeFileSync(file, `wrk.method = "POST"\nwrk.body = ${JSON.stringify(post.form)}\n${headers}\n`);
    args.push('-s', file);
  }
  const { stdout: out } = await promisify(execFile)('wrk', [...args, url], { encoding: 'utf8' });
  const perSecond = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const completed = Number(/(\d+) requests in/.exec(out)?.[1] ?? 0);
  const non2xx = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0);
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const socketErrors = errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0;
  return { perSecond: Math.round(perSecond), completed, failed: non2xx + socketErrors };
}

/** `concurrency` loops running `work` until `seconds` have passed; a throw counts as a failure. */
export async function loops(
  concurrency: number,
  seconds: number,
  work: (loop: number) => Promise<void>,
): Promise<Throughput & { errors: string[] }> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  let completed = 0;
  let failed = 0;
  const errors: string[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async (_, loop) => {
      while (performance.now() < deadline) {
        try {
          await work(loop);
          completed++;
        } catch (error) {
          failed++;
          if (errors.length < 3) errors.push(String(error).slice(0, 300));
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  return { perSecond: Math.round((completed / elapsed) * 10) / 10, completed, failed, errors };
}
