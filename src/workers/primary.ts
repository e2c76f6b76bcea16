// WORKERS > 1: this process (Node's cluster primary) serves nothing itself. It migrates the database
// and creates the keys once, then forks the workers, each a whole Twofold on the same port (the
// cluster hands connections out in turn). Every piece of state a request needs is in the database or
// Redis (sessions, sign-ins in progress, rate limits), and CSRF tokens are keyed by the shared cookie
// keys, so any worker can take any request, as any instance behind a load balancer can. The primary
// serves METRICS_PORT with the workers' metrics added up (prom-client's cluster aggregation), replaces
// a worker that dies, and on SIGTERM/SIGINT stops them all and exits once they have drained.
import cluster, { type Worker } from 'node:cluster';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import { AggregatorRegistry } from 'prom-client';
import type { Config } from '../config/index.js';
import { migrate } from '../database/migrate.js';
import { loadKeys } from '../keys/index.js';
import { metricsServer } from '../metrics/listener.js';
import { NO_ACCOUNT_YET, PORT_IN_USE_EXIT_CODE, portInUse, whereThingsAre } from '../start-up.js';

/** A worker could not listen: another program has the port. */
class PortInUse extends Error {
  override name = 'PortInUse';
}

/** What a worker tells the primary once it listens. */
export interface WorkerListening {
  twofold: 'listening';
  port: number;
  accounts: number;
}

const isListening = (message: unknown): message is WorkerListening =>
  (message as { twofold?: unknown } | null)?.twofold === 'listening';

// A worker that keeps dying is not restarted in a tight loop.
const RESTART_DELAY_MS = 1000;
// main.ts gives a single process the same 10 s to drain.
const STOP_TIMEOUT_MS = 10_000;

export async function runPrimary(config: Readonly<Config>, logger: Logger): Promise<void> {
  // Once, before any worker starts: none of them races another to create the first keys.
  const { applied } = await migrate(config.database);
  if (applied.length) logger.info({ applied }, 'database migrations applied');
  await loadKeys(config.keysDir);

  let stopping = false;
  const listening = new Set<Worker>();
  let first: WorkerListening | undefined;
  let metricsListener: Server | undefined;
  let settle: { started: (ready: WorkerListening) => void; failed: (error: Error) => void } | undefined;
  const allListening = new Promise<WorkerListening>((started, failed) => (settle = { started, failed }));

  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: unknown) => {
      if (!isListening(message)) return;
      listening.add(worker);
      first ??= message;
      if (listening.size >= config.workers) settle?.started(first);
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    const wasListening = listening.delete(worker);
    if (stopping) return;
    if (!wasListening) {
      // It never served: the configuration or a store is wrong, and so would every replacement be.
      settle?.failed(
        code === PORT_IN_USE_EXIT_CODE
          ? new PortInUse()
          : new Error(`worker ${worker.id} exited during start-up (code ${code}, signal ${signal})`),
      );
      return;
    }
    logger.error({ worker: worker.id, code, signal }, 'worker exited; starting another');
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_DELAY_MS).unref();
  });

  const stop = (signal: string, exitCode = 0) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    metricsListener?.close();
    const force = setTimeout(() => {
      logger.error('workers still running after 10 s; exiting');
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    force.unref();
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    let running = workers.length;
    const exited = () => {
      if (--running > 0) return;
      logger.info('stopped: every worker drained and closed its database and redis pools');
      process.exit(exitCode);
    };
    if (running === 0) exited();
    for (const worker of workers) {
      if (worker.isDead()) exited();
      else {
        worker.once('exit', exited);
        worker.process.kill('SIGTERM');
      }
    }
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (let i = 0; i < config.workers; i++) fork();
  let ready: WorkerListening;
  try {
    ready = await allListening;
    if (config.metrics) {
      const aggregator = new AggregatorRegistry();
      const listener = metricsServer(
        { metrics: () => aggregator.clusterMetrics(), contentType: aggregator.contentType },
        logger,
      );
      metricsListener = listener;
      const { port, host } = config.metrics;
      await new Promise<void>((resolve, reject) => {
        listener.once('error', reject);
        listener.listen(port, host, resolve);
      });
    }
  } catch (error) {
    // The workers said nothing: the port is the operator's to free, said once, like a bad setting.
    if (error instanceof PortInUse) {
      process.stderr.write(`twofold: ${portInUse(config)}\n`);
      stop('start-up failed', PORT_IN_USE_EXIT_CODE);
      return;
    }
    logger.fatal({ err: error }, 'start-up failed');
    stop('start-up failed', 1);
    return;
  }
  logger.info(
    {
      issuer: config.issuer,
      port: ready.port,
      database: config.database.kind,
      redis: Boolean(config.redisUrl),
      metricsPort: metricsListener && (metricsListener.address() as AddressInfo).port,
      accounts: ready.accounts,
      workers: config.workers,
    },
    'twofold listening',
  );
  logger.info(...whereThingsAre(config));
  if (ready.accounts === 0) logger.info(NO_ACCOUNT_YET);
}
