#!/usr/bin/env node
// `npm start`: reads the configuration, migrates, serves, and stops cleanly on SIGTERM/SIGINT.
import { ConfigError, loadConfig } from './config/index.js';
import { createLogger } from './logging.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`twofold: configuration error: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

const logger = createLogger(config.logLevel);
try {
  // Loaded after the configuration is known good, so a bad value prints exactly one line.
  const { createTwofold } = await import('./server.js');
  const twofold = await createTwofold(config, logger);
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
        // Written synchronously (pino's default destination), so this line is out before the exit.
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
  if (accounts === 0) {
    logger.warn(
      'no account exists yet; create the first one with: echo "a-long-password" | npx twofold user add you@example.com --password-stdin',
    );
  }
} catch (error) {
  logger.fatal({ err: error }, 'start-up failed');
  process.exit(1);
}
