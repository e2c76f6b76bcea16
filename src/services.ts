// The services every entry point shares — the server and the admin CLI — on a migrated database:
// stores, keys, the protocol store (Redis or the database) and oidc-provider. Kept apart from
// server.ts so the CLI starts without loading the pages, the portal and the HTTP stack.
import type { Logger } from 'pino';
import type Provider from 'oidc-provider';
import type { Config } from './config/index.js';
import { openDatabase, postgresPoolOf, type Database } from './database/client.js';
import { migrate } from './database/migrate.js';
import { loadKeys, readSecretKeys } from './keys/index.js';
import { AccountStore } from './accounts/store.js';
import { ClientStore } from './clients/store.js';
import { AuditLog } from './audit/index.js';
import { SecretBox } from './mfa/secret-box.js';
import { AuthenticatorStore } from './mfa/totp-app/store.js';
import { RecoveryCodeStore } from './mfa/recovery-codes/store.js';
import { Enrolments } from './signin/enrolment.js';
import { createProvider, type ProviderPages } from './oidc/provider.js';
import { systemClock, type Clock } from './clock.js';
import { databaseProtocolStore, redisProtocolStore, sqliteProtocolStore } from './oidc/adapters/index.js';
import { openSqlite } from './database/sqlite.js';
import { pgReads, sqliteReads } from './database/fast-reads.js';
import { sqliteAuditRows } from './audit/sqlite.js';
import { WriteBatch } from './database/write-batch.js';

export interface ServiceOptions {
  /** What time it is, for every time-dependent rule; the system clock by default. */
  clock?: Clock;
  /** Our look for the pages oidc-provider renders (the server passes them; the CLI serves none). */
  providerPages?: ProviderPages;
}

/** PostgreSQL's hot reads through pg (fast-reads.ts), when the database is PostgreSQL. */
async function postgresReads(db: Database) {
  const pool = postgresPoolOf(db);
  return pool && (await pgReads(pool));
}

/** The services every entry point (server, CLI) shares, on a migrated database. */
export async function openServices(
  config: Readonly<Config>,
  logger: Logger,
  { clock = systemClock, providerPages }: ServiceOptions = {},
) {
  const { applied } = await migrate(config.database);
  if (applied.length) logger.info({ applied }, 'database migrations applied');
  const db = await openDatabase(config.database);
  // The embedded database's hot paths (protocol state, account lookups) skip Prisma: one connection
  // of our own with prepared statements, owned and closed by the protocol store (so only when that
  // store is the database, not Redis).
  const withoutRedis = !config.redisUrl && !config.redisClusterNodes;
  // Everything written through it is committed once per turn of the event loop (write-batch.ts).
  const connection = config.database.kind === 'sqlite' && withoutRedis ? openSqlite(config.database.file) : undefined;
  const sqlite = connection && { connection, batch: new WriteBatch(connection) };
  const keys = await loadKeys(config.keysDir);
  // Account and authenticator reads of every sign-in skip Prisma (fast-reads.ts).
  const reads = sqlite ? sqliteReads(sqlite.connection) : await postgresReads(db);
  const accounts = new AccountStore(db, config.bcryptCost, {
    reads,
    enrollmentWindowSeconds: config.enrollment.windowSeconds,
    clock,
  });
  const audit = new AuditLog(db, logger, sqlite && sqliteAuditRows(sqlite.connection, sqlite.batch));
  // Re-reads KEYS_DIR/secrets.json on an unknown key id: `keys rotate-secret` needs no restart.
  const secretBox = () => new SecretBox(keys.secretKeys, () => readSecretKeys(config.keysDir));
  const authenticators = new AuthenticatorStore(db, secretBox(), {
    reads,
    clock,
    maxConsecutiveFailures: config.rateLimits.codePerAccount,
    maxAuthenticators: config.enrollment.maxAuthenticators,
    logger,
    guessBudget: {
      guesses: config.rateLimits.codeBudget,
      windowMs: config.rateLimits.codeBudgetWindowDays * 86_400_000,
    },
  });
  const recoveryCodes = new RecoveryCodeStore(db, { logger });
  const enrolments = new Enrolments(db, authenticators, recoveryCodes, config.enrollment, clock, logger);
  // The provider validates client metadata for the store; the store feeds the provider's clients.
  let provider: Provider | undefined; // eslint-disable-line prefer-const -- assigned below, read by the closure above it
  const clients = new ClientStore(db, (metadata) => provider!.Client.validate(metadata as never));
  // Protocol state in Redis when configured (what lets instances share sessions), else the database.
  const redis = withoutRedis ? undefined : await connectRedis(config, logger);
  const protocolStore = redis
    ? redisProtocolStore(redis, clients, { prefix: config.redisKeyPrefix })
    : sqlite
      ? sqliteProtocolStore(sqlite.connection, sqlite.batch, clients)
      : databaseProtocolStore(db, clients);
  provider = createProvider({
    config,
    pages: providerPages,
    keys,
    accounts,
    adapter: (model) => protocolStore.adapter(model),
  });
  // `redis` is the instance's one Redis connection (undefined without Redis), for other Redis-backed
  // state such as rate limits; protocolStore.close() quits it.
  return {
    clock,
    db,
    keys,
    secretBox,
    accounts,
    clients,
    audit,
    authenticators,
    recoveryCodes,
    enrolments,
    provider,
    protocolStore,
    redis,
  };
}

/** The configured Redis connection; ioredis is loaded only here, so an instance without Redis never holds it. */
async function connectRedis(config: Readonly<Config>, logger: Logger) {
  const { openRedis, waitUntilReady } = await import('./redis/connection.js');
  const redis = openRedis(config, logger);
  if (redis && !(await waitUntilReady(redis)))
    logger.warn('redis unreachable at start-up; /readyz reports it until it answers');
  return redis;
}

export type Services = Awaited<ReturnType<typeof openServices>>;
