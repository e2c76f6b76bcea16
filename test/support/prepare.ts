// What the suite needs from the machine, checked (and provided where it can be) before any test runs:
// PostgreSQL and Redis for the servers, a Chromium for the browser tests, a current dist/ for the
// tests that spawn Twofold. It is the globalSetup of every project but `unit`, and does what that
// project's tests need (jest runs it only for projects with a test in the run); whatever is missing
// stops the run with one line that names it, instead of a hundred failures deep inside the suite.
//
// jest loads a globalSetup with Node's own module resolution, not the suite's: this file imports
// only Node and packages, never another file of ours.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';

/** The machine's PostgreSQL server, on which each test server gets a fresh database. */
export const POSTGRES_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
/** The machine's Redis, shared by every test (each server keeps its keys under a prefix of its own). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

const packageRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Something the suite cannot run without; jest prints its message as the run's only line. */
export class NotPrepared extends Error {
  override name = 'NotPrepared';
  constructor(message: string) {
    super(`npm test: ${message}`);
    // jest prints a failed globalSetup's stack: make that the sentence alone.
    this.stack = this.message;
  }
}

// Where Debian, Ubuntu, Fedora, the Chrome packages and macOS put the browser.
const BROWSER_LOCATIONS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/opt/google/chrome/chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];
const BROWSER_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
};

/**
 * The browser the tests drive: CHROMIUM_PATH when set (it must then be right), else the first
 * Chromium or Chrome on PATH, else in the usual places; undefined when there is none.
 */
export function findBrowser(
  env: Record<string, string | undefined> = process.env,
  locations: readonly string[] = BROWSER_LOCATIONS,
): string | undefined {
  const chosen = env.CHROMIUM_PATH;
  if (chosen) {
    if (!isExecutable(chosen))
      throw new NotPrepared(`CHROMIUM_PATH=${chosen} is not an executable file: point it at Chromium or Chrome`);
    return chosen;
  }
  const onPath = (env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .flatMap((dir) => BROWSER_COMMANDS.map((command) => join(dir, command)));
  return [...onPath, ...locations].find(isExecutable);
}

export interface BrowserPreparation {
  env?: Record<string, string | undefined>;
  locations?: readonly string[];
  /** Whether this machine can install the Debian package itself (root on Debian or Ubuntu). */
  canInstall?: boolean;
  /** Installs the `chromium` package; throws when that fails. */
  install?: () => void;
  say?: (line: string) => void;
}

const runsAsRootOnDebian = () => process.getuid?.() === 0 && existsSync('/etc/debian_version');

// Another apt-get holding its lock (another test worker installing the same package, the machine's
// own updates) is waited for this long, then counts as a failure.
const APT_LOCK_WAIT_MS = 300_000;
const pause = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function aptInstallChromium(): void {
  const deadline = Date.now() + APT_LOCK_WAIT_MS;
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', 'chromium'],
  ]) {
    for (;;) {
      const result = spawnSync('apt-get', args, {
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
        encoding: 'utf8',
      });
      if (result.status === 0) break;
      const output = (result.stderr || result.stdout || String(result.error ?? '')).trim();
      if (/lock/i.test(output) && Date.now() < deadline) {
        pause(2000);
        continue;
      }
      throw new NotPrepared(
        `installing Chromium failed (apt-get ${args[0]!}: ${output.split('\n').at(-1) ?? 'no output'})`,
      );
    }
  }
}

/** Finds a browser; on root Debian/Ubuntu without one, installs the `chromium` package, saying so. */
export function prepareBrowser({
  env = process.env,
  locations = BROWSER_LOCATIONS,
  canInstall = runsAsRootOnDebian(),
  install = aptInstallChromium,
  say = (line) => process.stderr.write(`${line}\n`),
}: BrowserPreparation = {}): string {
  const found = findBrowser(env, locations);
  if (found) return found;
  if (!canInstall)
    throw new NotPrepared(
      'no Chromium or Chrome for the browser tests: install one (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH',
    );
  say('npm test: no Chromium found; installing the Debian package "chromium" (running as root)…');
  try {
    install();
  } catch (error) {
    // Another worker may have installed it meanwhile, holding the lock this one gave up on.
    const meanwhile = findBrowser(env, locations);
    if (meanwhile) return meanwhile;
    throw error;
  }
  const installed = findBrowser(env, locations);
  if (!installed) throw new NotPrepared('the chromium package is installed, but no Chromium was found after all');
  return installed;
}

/** Why a connection failed, in a few words (a driver's code, else its message's first line). */
const reason = (error: unknown) =>
  (error as { code?: string }).code ?? (error instanceof Error ? error.message : String(error)).split('\n')[0];

/** A URL as it may be shown: without its password. */
const shown = (url: string) => url.replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:***@');

export async function checkPostgres(url = POSTGRES_ADMIN_URL): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new NotPrepared(
      `PostgreSQL does not answer at ${shown(url)} (${reason(error)}): start it, or set TEST_POSTGRES_URL`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function checkRedis(url = TEST_REDIS_URL): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 5000,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // The socket's error (ECONNREFUSED…) says more than the rejection ("Connection is closed"); caught
  // here, ioredis does not print it as an unhandled 'error' event either.
  let socketError: unknown;
  redis.on('error', (error: unknown) => (socketError ??= error));
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    const why = reason(socketError ?? error);
    throw new NotPrepared(`Redis does not answer at ${shown(url)} (${why}): start it, or set TEST_REDIS_URL`);
  } finally {
    // Not after a failed connect: ioredis would then wait 2 s (disconnectTimeout) for a socket
    // that has already closed, and hold the run open.
    if (redis.status !== 'end') redis.disconnect();
  }
}

/** PostgreSQL and Redis, which every server a test starts may use. */
export async function checkServices(): Promise<void> {
  await Promise.all([checkPostgres(), checkRedis()]);
}

const BUILT = join(packageRoot, 'dist', 'src', 'cli', 'main.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Compiles dist/ (`npm run build`) when it is missing or older than src/ or interactions/. */
export function ensureBuilt(): void {
  const built = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  const sources = Math.max(newestSource(join(packageRoot, 'src')), newestSource(join(packageRoot, 'interactions')));
  if (built > sources) return;
  try {
    execFileSync('npm', ['run', 'build'], { cwd: packageRoot, stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? '';
    const first = output.split('\n').find((line) => line.includes('error')) ?? reason(error);
    throw new NotPrepared(`the build failed (npm run build): ${first?.trim() ?? 'no output'}`);
  }
}

/** The globalSetup: what the tests of `project` need (a PostgreSQL twin, `browser:postgresql`, as its base). */
export default async function prepare(_global: unknown, project: { displayName?: string | { name: string } }) {
  const name = typeof project.displayName === 'string' ? project.displayName : project.displayName?.name;
  const kind = name?.split(':')[0];
  await checkServices();
  if (kind === 'browser') prepareBrowser();
  if (kind === 'process') ensureBuilt();
}
