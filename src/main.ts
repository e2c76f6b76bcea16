#!/usr/bin/env node
// `npm start`: reads the configuration, migrates, serves, and stops cleanly on SIGTERM/SIGINT.
import cluster from 'node:cluster';
import { setFlagsFromString } from 'node:v8';
import type { Logger } from 'pino';
import { ConfigError, loadConfig, type Config } from './config/index.js';
import { createLogger } from './logging.js';
import { NO_ACCOUNT_YET, PORT_IN_USE_EXIT_CODE, portInUse, whereThingsAre } from './start-up.js';
import type { WorkerListening } from './workers/primary.js';

// Prisma's query compiler is WebAssembly, which V8 first compiles with its baseline tier and then
// again, function by function, with its optimising one: ~15 MiB more resident memory per worker
// for code that runs mostly at start-up (Prisma caches its query plans; the hot paths of the
// embedded default skip Prisma). Issue 11: an idle worker within 150 MiB. Before any is compiled.
setFlagsFromString('--no-wasm-tier-up');

let config: Readonly<Config>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`twofold: configuration error: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

// A worker's lines say which worker wrote them (src/workers/primary.ts).
const root = createLogger(config.logLevel, undefined, config.logFormat);
const logger = cluster.isWorker ? root.child({ worker: cluster.worker?.id }) : root;
if (config.workers > 1 && cluster.isPrimary) {
  // Several processes on one port (src/workers/primary.ts); each worker runs the code below.
  const { runPrimary } = await import('./workers/primary.js');
  await runPrimary(config, logger).catch((error: unknown) => {
    logger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  });
} else {
  await serve(config, logger);
}

async function serve(config: Readonly<Config>, logger: Logger): Promise<void> {
  try {
    // Loaded after the configuration is known good, so a bad value prints exactly one line.
    const { createTwofold } = await import('./server.js');
    const twofold = await createTwofold(config, logger, { worker: cluster.isWorker });
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      const force = setTimeout(() => {
        logger.error('requests still running after 10 s; exiting');
        process.exit(1);
      }, 10_000);
      force.unref();
      // close() shuts the listening socket before its first await; logging only after it means that
      // whoever reads 'stopping' (an orchestrator, a test) can rely on new connections being refused.
      const closed = twofold.close();
      logger.info({ signal }, 'stopping');
      closed.then(
        () => {
          // Written before the exit by the 'exit' handler of the log's standard output (logging.ts).
          logger.info('stopped: connections drained, database and redis pools closed');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: error }, 'error while stopping');
          process.exit(1);
        },
      );
    };
    // Before listening: an orchestrator (or a test) may signal as soon as it reads the listening
    // line, and a SIGTERM with no handler yet would kill the process without draining anything.
    process.on('SIGTERM', () => stop('SIGTERM'));
    process.on('SIGINT', () => stop('SIGINT'));
    const port = await twofold.listen();
    const accounts = await twofold.accounts.count();
    if (cluster.isWorker) {
      // The primary says 'twofold listening' once every worker does.
      logger.info({ pid: process.pid, port }, 'worker listening');
      process.send?.({ twofold: 'listening', port, accounts } satisfies WorkerListening);
      return;
    }
    logger.info(
      {
        issuer: config.issuer,
        port,
        database: config.database.kind,
        redis: Boolean(config.redisUrl),
        metricsPort: twofold.metricsPort(),
        accounts,
      },
      'twofold listening',
    );
    logger.info(...whereThingsAre(config));
    if (accounts === 0) logger.info(NO_ACCOUNT_YET);
  } catch (error) {
    // Another program on the port is an operator's everyday mistake: one line, like a bad setting.
    // A worker leaves the saying to the primary, which says it once for all of them.
    if ((error as { code?: unknown }).code === 'EADDRINUSE') {
      if (!cluster.isWorker) process.stderr.write(`twofold: ${portInUse(config)}\n`);
      process.exit(PORT_IN_USE_EXIT_CODE);
    }
    logger.fatal({ err: error }, 'start-up failed');
    process.exit(1);
  }
}
