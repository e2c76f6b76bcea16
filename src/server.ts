// Builds a running Twofold from a configuration: the shared services (services.ts) plus our pages,
// the account portal and the HTTP concerns, as one Koa application. `main.ts` adds the process
// concerns (signals, exit codes).
import type { Middleware } from 'koa';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type Provider from 'oidc-provider';
import { AggregatorRegistry } from 'prom-client';
import type { Config } from './config/index.js';
import { databaseReachable, type Database } from './database/client.js';
import { AccountStore } from './accounts/store.js';
import { ClientStore } from './clients/store.js';
import { AuditLog } from './audit/index.js';
import { auditProviderEvents } from './audit/provider-events.js';
import { AuthenticatorStore } from './mfa/totp-app/store.js';
import type { RecoveryCodeStore } from './mfa/recovery-codes/store.js';
import type { Enrolments } from './signin/enrolment.js';
import { PendingSignIns, PENDING_MODEL } from './signin/pending.js';
import { KEPT_SECRET_MODEL, KeptEnrolments, RESTART_MODEL } from './signin/kept-enrolment.js';
import { SignInFlow } from './signin/flow.js';
import { PasswordSignIn } from './signin/password.js';
import type { ProtocolStore } from './oidc/adapters/index.js';
import { openServices } from './services.js';
import { pagesOnly } from './http/back-channel.js';
import { checkpointInBackground } from './database/checkpoints.js';
import { everyInterval } from './database/housekeeping.js';
import { requestLines, requestLog } from './http/request-log.js';
import { health } from './http/health.js';
import { staticFiles } from './http/static-files.js';
import { securityHeaders } from './http/security-headers.js';
import { closeGracefully } from './http/graceful-close.js';
import { asOutage } from './outage/index.js';
import { bodyLimit } from './http/body-limit.js';
import { openRateLimits } from './ratelimit/policies.js';
import { PasswordChange } from './accounts/password-change.js';
import { limiterStore } from './ratelimit/store.js';
import { tokenEndpointLimits } from './ratelimit/token-endpoint.js';
import { interactionRoutes } from '../interactions/routes.js';
import {
  bodyProblemPage,
  errorBoundary,
  notFoundPage,
  outageAnswer,
  plainHttpPage,
  signInsPausedPage,
} from '../interactions/errors.js';
import { providerPages } from '../interactions/pages/provider-pages.js';
import { systemClock, type Clock } from './clock.js';
import { accountPortal } from '../interactions/account/routes.js';
import { PORTAL_CLIENT_ID, registerPortalClient } from './portal/client.js';
import { endPortalSessions, PORTAL_SESSION_MODEL } from './portal/session.js';
import { AccountSecurity } from './account-security/service.js';
import { AccountSessions } from './account-security/sessions.js';
import { ConnectedApps } from './account-security/connected-apps.js';
import { RecentSignIn } from './account-security/recent-sign-in.js';
import { AuthenticatorChanges } from './account-security/authenticators.js';
import { PENDING_APP_MODEL, PendingApps } from './account-security/pending-app.js';
import { providerSessionOf, recordSessionsSeen } from './account-security/provider-sessions.js';
import { selfFetch, selfOrigin } from './portal/self-fetch.js';
import { PublishedDocuments, clientAddress } from './oidc/published.js';
import { Metrics, noMetrics } from './metrics/index.js';
import { httpMetrics, observeRequests } from './metrics/http.js';
import { countSignIns } from './metrics/signin.js';
import { countProviderEvents } from './metrics/provider-events.js';
import { metricsServer } from './metrics/listener.js';
import { issuerOrigin } from './http/issuer-origin.js';
import { publicServer } from './http/public-server.js';
import { logLateErrors } from './http/late-errors.js';
import { credentialedCors } from './oidc/cors.js';
import { OpenSignIns } from './ratelimit/open-sign-ins.js';

export interface Twofold {
  provider: Provider;
  protocolStore: ProtocolStore;
  db: Database;
  accounts: AccountStore;
  clients: ClientStore;
  audit: AuditLog;
  authenticators: AuthenticatorStore;
  recoveryCodes: RecoveryCodeStore;
  enrolments: Enrolments;
  /** The sign-in's steps, limits and outcomes (src/signin/flow.ts), as the pages use it. */
  signIns: SignInFlow;
  /** Starts listening (and the metrics listener, when configured); resolves with the bound port. */
  listen(): Promise<number>;
  /** The metrics listener's bound port once listening; undefined when METRICS_PORT is unset. */
  metricsPort(): number | undefined;
  /** Stops accepting, lets in-flight requests finish, closes the stores. */
  close(): Promise<void>;
}

const PURGE_INTERVAL_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
// In-flight requests get this long to finish on shutdown; main.ts gives up after 10 s in all.
const SHUTDOWN_GRACE_MS = 5000;

export interface TwofoldOptions {
  /** What time it is (tests move it forward); the system clock by default. */
  clock?: Clock;
  /**
   * This process is one of several workers (src/workers): the primary serves METRICS_PORT with
   * every worker's metrics added up, so this one only answers the primary's requests for its own.
   */
  worker?: boolean;
}

export async function createTwofold(
  config: Readonly<Config>,
  logger: Logger,
  { clock = systemClock, worker = false }: TwofoldOptions = {},
): Promise<Twofold> {
  // Operator metrics only when a metrics port is configured; otherwise nothing is counted at all.
  const metrics = config.metrics ? new Metrics() : undefined;
  const recorder = metrics ?? noMetrics;
  const answerOutage = outageAnswer(config, logger, recorder);
  const services = await openServices(config, logger, {
    clock,
    providerPages: providerPages(config, answerOutage),
  });
  const {
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
  } = services;
  // The embedded file's log is checkpointed off the event loop (src/database/checkpoints.ts).
  const checkpoints =
    config.database.kind === 'sqlite' ? checkpointInBackground(config.database.file, logger) : undefined;
  // Wrong-password, wrong-code and token-endpoint counters, shared by every instance (Redis or the database).
  const rateLimits = openRateLimits(
    config.rateLimits,
    limiterStore(
      {
        redis,
        redisKeyPrefix: config.redisKeyPrefix,
        db,
        sqliteFile: config.database.kind === 'sqlite' ? config.database.file : undefined,
      },
      logger,
    ),
    recorder,
  );
  // Sign-in progress between the two factors, beside oidc-provider's own interaction state.
  const pendingSignIns = new PendingSignIns(protocolStore.adapter(PENDING_MODEL), secretBox());
  // What of an enrolment outlives that interaction, for the browser it was shown in.
  const keptEnrolments = new KeptEnrolments(
    protocolStore.adapter(KEPT_SECRET_MODEL),
    protocolStore.adapter(RESTART_MODEL),
    secretBox(),
    config.enrollment.secretTtlSeconds,
    clock,
  );
  const endSessions = (accountId: string) => protocolStore.revokeAccount(accountId);
  const passwords = new PasswordSignIn(accounts, config.bcryptCost, logger);
  passwords.warmUp();
  const signIns = new SignInFlow({
    accounts,
    passwords,
    authenticators,
    recoveryCodes,
    enrolments,
    pendingSignIns,
    keptEnrolments,
    rateLimits,
    audit,
    metrics: recorder,
    endSessions,
    clock,
  });

  // Store outages are answered in one place, whether they reach our error boundary or
  // oidc-provider's own error handling (its server_error event and its error page, in either order).
  provider.on('server_error', (ctx, error) => {
    const outage = asOutage(error);
    if (outage) answerOutage(ctx, outage);
    else logger.error({ err: error, reqId: ctx.state.requestId }, 'oidc server_error');
  });
  auditProviderEvents(provider, audit, logger);
  if (metrics) {
    countProviderEvents(provider, metrics);
    audit.observe(countSignIns(metrics));
    // First, so that the time measured is all of ours.
    provider.use(httpMetrics(metrics));
  }
  const logRequest = requestLines(logger);
  provider.use(requestLog(logRequest));
  logLateErrors(provider, logger);
  const logo = config.brand.logo;
  provider.use(securityHeaders(config.secureCookies, logo && 'origin' in logo ? [logo.origin] : []));
  // Inside the two above: what it answers is logged with its real status and carries the headers.
  provider.use(errorBoundary(config, logger, answerOutage));
  provider.use(notFoundPage(config));
  // Before anything builds a URL or sets a cookie: the request's origin is the issuer's.
  provider.use(issuerOrigin(config.issuer, plainHttpPage(config), logger));
  provider.use(bodyLimit(bodyProblemPage(config)));
  provider.use(
    tokenEndpointLimits(
      { perClient: rateLimits.token_per_client_ip, unknownClient: rateLimits.unknown_client_per_ip },
      audit,
      clock,
    ),
  );
  provider.use(credentialedCors(clients));
  const openSignIns = new OpenSignIns(rateLimits.interaction_per_ip, audit, logger);
  const storeCheck = protocolStore.kind === 'redis' ? 'redis' : 'protocolStore';
  // The registration of the portal client and its sessions' list first: the pages below use them.
  await registerPortalClient(clients, config);
  let listeningOn: string | undefined;
  // Where each account is signed in (the account page lists it): noted after every provider request.
  const accountSessions = new AccountSessions(protocolStore, clock, (accountId, end) =>
    endPortalSessions(protocolStore, accountId, end),
  );
  // What people see, skipped as a whole by a relying party's back-channel calls (back-channel.ts).
  const pages: Middleware[] = [
    openSignIns.middleware(provider, signInsPausedPage(config)),
    health(async () => ({ database: await databaseReachable(db), [storeCheck]: await protocolStore.ready() })),
    staticFiles(config.brand),
    interactionRoutes({
      config,
      provider,
      logger,
      accounts,
      clients,
      audit,
      authenticators,
      recoveryCodes,
      enrolments,
      endSessions,
      pendingSignIns,
      flow: signIns,
      rateLimits,
      metrics: recorder,
      cookieKeys: keys.cookieKeys,
      clock,
    }),
    // Where a browser used its session: back-channel requests come from a relying party's server.
    recordSessionsSeen(accountSessions, logger),
    // The account portal signs in through this provider like any relying party; its back-channel
    // calls go to this server's own listener, known once `listen` has bound it.
    accountPortal({
      config,
      logger,
      sessionStore: protocolStore.adapter(PORTAL_SESSION_MODEL),
      security: new AccountSecurity({
        recentSignIn: new RecentSignIn(config.accountReauthWindowSeconds, clock),
        passwordChange: new PasswordChange({
          accounts,
          bcryptCost: config.bcryptCost,
          limits: { perIp: rateLimits.password_per_ip, perAccountIp: rateLimits.password_per_account_ip },
          audit,
          endSessions: (accountId) => protocolStore.revokeAccount(accountId),
        }),
        recoveryCodes,
        sessions: accountSessions,
        apps: new ConnectedApps(protocolStore, clients, [PORTAL_CLIENT_ID]),
        authenticators: new AuthenticatorChanges({
          authenticators,
          enrolments,
          pendingApps: new PendingApps(protocolStore.adapter(PENDING_APP_MODEL), secretBox()),
          audit,
          codeLimit: rateLimits.code_per_account_ip,
          clock,
        }),
        audit,
      }),
      providerSession: providerSessionOf(provider),
      selfOrigin: () => listeningOn,
      clock,
      openSignIns,
    }),
  ];
  provider.use(pagesOnly(pages));

  // Housekeeping, on every instance (deleting the same rows twice is harmless): expired protocol
  // state, and audit rows past AUDIT_RETENTION, each a batch at a time (database/housekeeping.ts),
  // one round at a time, stopped between batches on close. Once at start, so a server restarted
  // more often than the interval still keeps the trail within its retention.
  const housekeeping = everyInterval(
    async (stop) => {
      const started = performance.now();
      const ms = () => Math.round(performance.now() - started);
      await Promise.all([
        protocolStore
          .purge(stop)
          .then((count) => {
            if (count) logger.info({ count, ms: ms() }, 'expired protocol state deleted');
          })
          .catch((error: unknown) => logger.warn({ err: error }, 'purging expired protocol state failed')),
        audit
          .purgeBefore(new Date(clock.now() - config.auditRetentionDays * DAY_MS), stop)
          .then((count) => {
            if (count)
              logger.info({ count, ms: ms(), retentionDays: config.auditRetentionDays }, 'old audit events deleted');
          })
          .catch((error: unknown) => logger.warn({ err: error }, 'deleting old audit events failed')),
      ]);
    },
    PURGE_INTERVAL_MS,
    { atStart: true },
  );

  // Discovery and the JWKS from memory once listening, logged and counted like every request.
  const observe = metrics && observeRequests(metrics);
  const published = new PublishedDocuments(({ req, requestId, path, status, started }) => {
    const ms = performance.now() - started;
    observe?.(path, status, ms / 1000);
    const ip = clientAddress(req, provider.proxy, provider.maxIpsCount);
    logRequest({ reqId: requestId, method: req.method ?? 'GET', path, status, ms, ip });
  });

  let server: Server | undefined;
  let metricsListener: Server | undefined;
  return {
    ...services,
    signIns,
    listen: async () => {
      server = publicServer(published.listener(provider.callback()), config.http);
      const port = await listenOn(server, config.port, config.host);
      listeningOn = selfOrigin(server.address() as AddressInfo);
      await published.load(
        config.issuer,
        selfFetch(config.issuer, () => listeningOn),
      );
      if (metrics && worker) {
        // Constructing one is what makes prom-client answer the primary's requests (cluster.js).
        new AggregatorRegistry();
        AggregatorRegistry.setRegistries([metrics.registry]);
      } else if (metrics && config.metrics) {
        metricsListener = metricsServer(metrics.registry, logger);
        await listenOn(metricsListener, config.metrics.port, config.metrics.host);
      }
      return port;
    },
    metricsPort: () => (metricsListener?.listening ? (metricsListener.address() as AddressInfo).port : undefined),
    close: async () => {
      // No more rounds; the one running, if any, stops after its batch, before the stores close.
      const housekeepingStopped = housekeeping.stop();
      // Both sockets stop accepting before the first await (main.ts relies on it for the public one).
      await Promise.all([
        server && closeGracefully(server, SHUTDOWN_GRACE_MS),
        metricsListener && closeGracefully(metricsListener, SHUTDOWN_GRACE_MS),
      ]);
      metrics?.registry.clear();
      try {
        await housekeepingStopped;
        await rateLimits.close();
        await protocolStore.close();
        await db.$disconnect();
      } finally {
        // Last, once nothing writes any more, and even when closing a store failed.
        await checkpoints?.close();
      }
    },
  };
}

function listenOn(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
