// The instance's operator metrics (prom-client), served on their own listener (listener.ts), never
// on the public issuer port. Each Twofold owns one registry: several servers in one process (the
// tests, a bench) never share or clash over prom-client's global default registry.
//
// Every label value comes from a fixed set written in this folder (route names, step names, limit
// names, store kinds): never an email, account id, client id, path or address, so the number of
// series stays bounded whatever a client sends.
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Store } from '../outage/index.js';
import { LIMIT_NAMES, type LimitName } from '../ratelimit/limits.js';

/** What the rest of Twofold reports; `noMetrics` when METRICS_PORT is unset. */
export interface MetricsRecorder {
  /** A sign-in step ended (see signin.ts for the steps and outcomes). */
  signIn(step: SignInStep, outcome: SignInOutcome): void;
  /** A rate limit refused an attempt (answered 429). */
  rateLimitRefused(limit: LimitName): void;
  /** A request was answered 503 because a store did not answer. */
  storeUnavailable(store: Store): void;
}

export type SignInStep = 'password' | 'code' | 'recovery' | 'enrollment' | 'signin';
export type SignInOutcome = 'success' | 'failure' | 'rate_limited' | 'locked' | 'replay' | 'restarted';

export const noMetrics: MetricsRecorder = {
  signIn() {
    // metrics off: nothing is counted
  },
  rateLimitRefused() {
    // metrics off
  },
  storeUnavailable() {
    // metrics off
  },
};

// From 1 ms (a token request is ~2 ms) to 10 s (a sign-in step waits on bcrypt and the stores).
const DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

// The series known in advance start at 0, so rate() and alerts work from the first scrape.
const SIGN_IN_SERIES: [SignInStep, SignInOutcome][] = [
  ['password', 'success'],
  ['password', 'failure'],
  ['password', 'rate_limited'],
  ['code', 'success'],
  ['code', 'failure'],
  ['code', 'rate_limited'],
  ['code', 'locked'],
  ['code', 'replay'],
  ['recovery', 'success'],
  ['recovery', 'failure'],
  ['recovery', 'rate_limited'],
  ['enrollment', 'success'],
  ['enrollment', 'failure'],
  ['signin', 'success'],
  ['signin', 'restarted'],
];
const STORES: readonly Store[] = ['database', 'redis'];
export const TOKEN_TYPES = ['access_token', 'authorization_code', 'client_credentials', 'refresh_token'] as const;
export const CLIENT_AUTH_ENDPOINTS = ['token', 'introspection', 'revocation', 'par'] as const;

export class Metrics implements MetricsRecorder {
  readonly registry = new Registry();
  private readonly counter = (name: string, help: string, labelNames: string[] = []) =>
    new Counter({ name, help, labelNames, registers: [this.registry] });

  readonly httpDuration = new Histogram({
    name: 'twofold_http_request_duration_seconds',
    help: 'Time to answer HTTP requests on the public port, by route and status class.',
    labelNames: ['route', 'status'],
    buckets: DURATION_BUCKETS,
    registers: [this.registry],
  });
  // The histogram's counts, read at scrape time: a request pays for one update, not two.
  readonly httpRequests = new Counter({
    name: 'twofold_http_requests_total',
    help: 'HTTP requests on the public port, by route and status class.',
    labelNames: ['route', 'status'],
    registers: [this.registry],
    collect: async () => {
      const { values } = await this.httpDuration.get();
      this.httpRequests.reset();
      for (const { metricName, labels, value } of values) {
        if (metricName === 'twofold_http_request_duration_seconds_count')
          this.httpRequests.inc({ route: labels.route!, status: labels.status! }, value);
      }
    },
  });
  readonly signIns = this.counter('twofold_signin_total', 'Sign-in steps by outcome (the audit events, counted).', [
    'step',
    'outcome',
  ]);
  readonly rateLimitRefusals = this.counter(
    'twofold_rate_limit_refusals_total',
    'Attempts refused by a rate limit (answered 429).',
    ['limiter'],
  );
  readonly storeOutages = this.counter(
    'twofold_store_unavailable_total',
    'Requests answered 503 because a store did not answer.',
    ['store'],
  );
  readonly tokensIssued = this.counter('twofold_oidc_tokens_issued_total', 'Tokens and codes issued, by type.', [
    'type',
  ]);
  readonly codesConsumed = this.counter(
    'twofold_oidc_authorization_codes_consumed_total',
    'Authorization codes exchanged at the token endpoint.',
  );
  readonly grantsRevoked = this.counter(
    'twofold_oidc_grants_revoked_total',
    'Grants revoked (revocation, sign-out, refresh token reuse).',
  );
  readonly serverErrors = this.counter(
    'twofold_oidc_server_errors_total',
    'oidc-provider server_error events (store outages included).',
  );
  readonly clientAuthFailures = this.counter(
    'twofold_client_auth_failures_total',
    'Clients that failed to authenticate, by endpoint.',
    ['endpoint'],
  );

  constructor() {
    // process_* and nodejs_* under their standard names, so stock dashboards and alerts apply.
    collectDefaultMetrics({ register: this.registry });
    for (const [step, outcome] of SIGN_IN_SERIES) this.signIns.labels(step, outcome).inc(0);
    for (const limiter of LIMIT_NAMES) this.rateLimitRefusals.labels(limiter).inc(0);
    for (const store of STORES) this.storeOutages.labels(store).inc(0);
    for (const type of TOKEN_TYPES) this.tokensIssued.labels(type).inc(0);
    for (const endpoint of CLIENT_AUTH_ENDPOINTS) this.clientAuthFailures.labels(endpoint).inc(0);
  }

  signIn(step: SignInStep, outcome: SignInOutcome): void {
    this.signIns.labels(step, outcome).inc();
  }

  rateLimitRefused(limit: LimitName): void {
    this.rateLimitRefusals.labels(limit).inc();
  }

  storeUnavailable(store: Store): void {
    this.storeOutages.labels(store).inc();
  }
}
