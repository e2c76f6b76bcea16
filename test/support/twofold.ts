// Starts a real Twofold in this process on a free port, on a fresh database, for HTTP tests.
import { loadConfig, type Config } from '../../src/config/index.js';
import { createLogger } from '../../src/logging.js';
import { createTwofold, type Twofold } from '../../src/server.js';
import type { Clock } from '../../src/clock.js';
import { testTime } from './clock.js';
import { freshEnvironment } from './databases.js';
import { freePort } from './ports.js';

export interface RunningTwofold extends Twofold {
  url: string;
  config: Readonly<Config>;
  env: Record<string, string>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Where the JSON log lines go (stdout when omitted); set LOG_LEVEL too, tests default to silent. */
  logTo?: NodeJS.WritableStream;
  /**
   * The server's clock: the file's test time (./clock.ts) unless given, so waiting for a TOTP step
   * costs nothing; a ManualClock sets the time outright.
   */
  clock?: Clock;
}

export async function startTwofold(
  extra: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningTwofold> {
  const { env, cleanup } = await freshEnvironment(extra);
  return startTwofoldWith(env, cleanup, options);
}

/** Starts on an existing environment (to restart on the same database and keys). */
export async function startTwofoldWith(
  env: Record<string, string>,
  cleanup: () => Promise<void> = async () => {},
  options: StartOptions = {},
): Promise<RunningTwofold> {
  // The issuer must name the port, so a free one is found first and bound only after start-up;
  // another process on the machine may take it in between, and then a new one is picked.
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const fullEnv = { HOST: '127.0.0.1', ISSUER: `http://localhost:${port}`, ...env, PORT: String(port) };
    const config = loadConfig(fullEnv);
    const twofold = await createTwofold(config, createLogger(config.logLevel, options.logTo), {
      clock: options.clock ?? testTime,
    });
    try {
      await twofold.listen();
    } catch (error) {
      await twofold.close();
      if ((error as { code?: string }).code === 'EADDRINUSE' && attempt < 3) continue;
      throw error;
    }
    return {
      ...twofold,
      url: config.issuer,
      config,
      env: fullEnv,
      stop: async () => {
        await twofold.close();
        await cleanup();
      },
    };
  }
}

/**
 * A second instance beside `first`, as behind a load balancer: the same database (its SQLite folder,
 * or its PostgreSQL URL), the same keys (secrets sealed by one open on the other) and the same Redis
 * key prefix. Stop it before `first`: stopping the first drops the PostgreSQL database both use.
 */
export function startBeside(first: RunningTwofold, extra: Record<string, string> = {}): Promise<RunningTwofold> {
  return startTwofold({
    ...extra,
    DATA_DIR: first.env.DATA_DIR!,
    KEYS_DIR: first.env.KEYS_DIR!,
    REDIS_KEY_PREFIX: first.config.redisKeyPrefix,
    ...(first.env.DATABASE_URL ? { DATABASE_URL: first.env.DATABASE_URL } : {}),
  });
}

/**
 * For restart tests: one environment (database and keys folder) on which servers are started in
 * turn, as an operator restarts a deployment. Registers its own jest hooks; `start()` stops the
 * running server first.
 */
export function restartableTwofold(timeout = 180_000) {
  let env: Record<string, string> = {};
  let cleanup = async () => {};
  let running: RunningTwofold | undefined;
  const stop = async () => {
    await running?.close();
    running = undefined;
  };
  beforeAll(async () => {
    ({ env, cleanup } = await freshEnvironment());
  }, timeout);
  afterAll(async () => {
    await stop();
    await cleanup();
  });
  return {
    get env() {
      return env;
    },
    async start(): Promise<RunningTwofold> {
      await stop();
      running = await startTwofoldWith(env);
      return running;
    },
    stop,
  };
}
