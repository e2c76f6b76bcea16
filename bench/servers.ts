// The two servers the bench compares, each its own process: Twofold as an operator starts it
// (`npm start`'s environment, Node options and `…/src/main.js`, logs at info to a file), and the
// bare oidc-provider of bare-provider.ts, with the same environment and Node options.
// Both get the same keys; the bench seeds Twofold's database and hands the bare provider the same
// password hash, TOTP secret and client secrets.
import { spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync, closeSync, statSync, fstatSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { BareSetup } from './bare-provider.js';
import { START_ENV, START_FLAGS } from '../test/support/start-flags.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const TWOFOLD_MAIN = join(here, '..', 'src', 'main.js');
const BARE_MAIN = join(here, 'bare-provider.js');
const COLLECT_ON_SIGNAL = new URL('./collect-on-signal.js', import.meta.url).href;

export interface Server {
  name: 'twofold' | 'bare';
  url: string;
  pid: number;
  /** Resident memory of the process (and its workers), in MiB. */
  rssMb(): number;
  /**
   * Collects everything the server can collect, then says what it still holds (a server started
   * with `collectable` only; one process, not a cluster's primary).
   */
  collected?(): Promise<Collected>;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function rssOf(pid: number): number {
  const kb = (p: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0);
  let total = kb(pid);
  // Workers of a cluster primary are its children.
  try {
    for (const child of readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean))
      total += kb(Number(child));
  } catch {
    // No children file on this kernel: the primary alone.
  }
  return Math.round(total / 1024);
}

async function until(ready: () => boolean | Promise<boolean>, what: string, child: ChildProcess, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!(await ready())) {
    if (child.exitCode !== null) throw new Error(`${what} exited with ${child.exitCode} before it was ready`);
    if (Date.now() > deadline) throw new Error(`${what} was not ready after ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function stopper(child: ChildProcess) {
  return async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
}

/**
 * Twofold as `npm start` starts it; `collectable` (the soak's) adds collect-on-signal.ts, which
 * makes `collected()` work.
 */
export async function startTwofold(
  env: Record<string, string>,
  logFile: string,
  { collectable = false } = {},
): Promise<Server> {
  const port = await freePort();
  const log = openSync(logFile, 'w');
  const flags = collectable ? ['--expose-gc', '--import', COLLECT_ON_SIGNAL] : [];
  const child = spawn(process.execPath, [...START_FLAGS, ...flags, TWOFOLD_MAIN], {
    env: {
      PATH: process.env.PATH ?? '',
      ...START_ENV,
      HOST: '127.0.0.1',
      ISSUER: `http://127.0.0.1:${port}`,
      ...env,
      PORT: String(port),
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  await until(() => readFileSync(logFile, 'utf8').includes('"msg":"twofold listening"'), 'Twofold', child);
  return {
    name: 'twofold',
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    rssMb: () => rssOf(child.pid!),
    ...(collectable ? { collected: () => collectedIn(child, logFile) } : {}),
    stop: stopper(child),
  };
}

const MIB = 1024 * 1024;

/** What a server holds once everything that can be collected is, in MiB. */
export interface Collected {
  /** The heap's live objects and the memory outside the heap that they hold (buffers). */
  heldMb: number;
  heapMb: number;
  externalMb: number;
}

/** Signals collect-on-signal.ts in `child` and reads its answer, the next `collected` line of its log. */
async function collectedIn(child: ChildProcess, logFile: string): Promise<Collected> {
  // Only what the log gains from here, and only whole lines (one may be half written).
  const from = statSync(logFile).size;
  const answer = () => {
    const fd = openSync(logFile, 'r');
    let grown: string;
    try {
      const bytes = Buffer.alloc(Math.max(0, fstatSync(fd).size - from));
      readSync(fd, bytes, 0, bytes.length, from);
      grown = bytes.toString('utf8');
    } finally {
      closeSync(fd);
    }
    return grown
      .split('\n')
      .slice(0, -1)
      .find((line) => line.startsWith('collected '));
  };
  child.kill('SIGUSR2');
  // A heap snapshot of a loaded server takes seconds here; a slow machine, more.
  await until(() => answer() !== undefined, 'Twofold, asked for a full collection,', child, 120_000);
  const { heapUsed, external } = JSON.parse(answer()!.slice('collected '.length)) as Record<string, number>;
  const mb = (bytes: number) => Math.round((bytes / MIB) * 10) / 10;
  return { heldMb: mb(heapUsed! + external!), heapMb: mb(heapUsed!), externalMb: mb(external!) };
}

export async function startBare(setup: Omit<BareSetup, 'port'>): Promise<Server> {
  const port = await freePort();
  // The same Node options and allocator settings as Twofold: what differs between the two is the
  // code, not the runtime.
  const child = spawn(process.execPath, [...START_FLAGS, BARE_MAIN], {
    env: { PATH: process.env.PATH ?? '', ...START_ENV, BARE_SETUP: JSON.stringify({ ...setup, port }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  await until(() => out.includes('listening'), 'the bare provider', child);
  return {
    name: 'bare',
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    rssMb: () => rssOf(child.pid!),
    stop: stopper(child),
  };
}
