// The one typed, frozen configuration object. Created once at start-up (server or CLI) and passed
// in to whatever needs it.
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { environmentSchema } from './schema.js';
import type { Locale } from '../i18n/locales.js';
import { brand, BrandError, type Brand } from '../branding/index.js';

export type DatabaseConfig =
  | { kind: 'sqlite'; file: string; url: string }
  | { kind: 'postgresql'; url: string; poolSize: number; queryTimeoutMs?: number };

export interface RedisNode {
  readonly host: string;
  readonly port: number;
}

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly issuer: string;
  readonly issuerName: string;
  readonly secureCookies: boolean;
  readonly database: DatabaseConfig;
  readonly dataDir: string;
  readonly keysDir: string;
  readonly redisUrl: string | undefined;
  /** Redis Cluster seed nodes; when set, protocol state lives in the cluster. */
  readonly redisClusterNodes: readonly RedisNode[] | undefined;
  /** Every Redis key of this instance (protocol state, rate limits) starts with this. */
  readonly redisKeyPrefix: string;
  readonly bcryptCost: number;
  readonly logLevel: string;
  /** JSON lines, or readable lines for a person (LOG_FORMAT). */
  readonly logFormat: LogFormat;
  readonly trustProxy: boolean;
  /** With trustProxy: the client IP is the X-Forwarded-For entry this many from the right. */
  readonly trustProxyHops: number;
  readonly rateLimits: RateLimitConfig;
  /** Where GET /metrics is served; undefined (METRICS_PORT unset) = no metrics at all. */
  readonly metrics: MetricsConfig | undefined;
  /** The pages' language when nothing else chooses one. */
  readonly defaultLocale: Locale;
  /** The IANA time zone dates are shown in. */
  readonly displayTimeZone: string;
  /** How many processes serve the port (src/workers); 1 = this process alone. */
  readonly workers: number;
  /** How long the public listener waits for slow clients, and how many connections it holds. */
  readonly http: HttpServerConfig;
  /** Audit rows older than this many days are deleted. */
  readonly auditRetentionDays: number;
  /** Who may link an app with the password alone, and for how long a set-up link works. */
  readonly enrollment: EnrollmentConfig;
  /** How long after a full sign-in (password and second factor) /account allows changes. */
  readonly accountReauthWindowSeconds: number;
  /** Who people ask for help with signing in (SUPPORT_URL, SUPPORT_EMAIL); either may be unset. */
  readonly support: SupportContact;
  /** The logo and accent colours (BRAND_LOGO, BRAND_COLOR, BRAND_COLOR_DARK), checked. */
  readonly brand: Brand;
}

export interface EnrollmentConfig {
  /** After creation, how long the first app may be linked with the password alone. */
  readonly windowSeconds: number;
  /** How long a set-up link works. */
  readonly linkTtlSeconds: number;
  /** How long the key shown on an enrolment page is kept for its browser (ENROLLMENT_SECRET_TTL). */
  readonly secretTtlSeconds: number;
  /** How many authenticator apps one account may hold (MAX_AUTHENTICATORS). */
  readonly maxAuthenticators: number;
}

export interface SupportContact {
  readonly url: string | undefined;
  readonly email: string | undefined;
}

export type LogFormat = 'json' | 'pretty';

export interface HttpServerConfig {
  readonly headersTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly keepAliveTimeoutMs: number;
  readonly maxConnections: number;
}

export interface MetricsConfig {
  readonly port: number;
  readonly host: string;
}

/** How many failures each counter allows per window (see src/ratelimit/policies.ts). */
export interface RateLimitConfig {
  readonly windowSeconds: number;
  /** Wrong passwords per (email, client IP). */
  readonly passwordPerAccountIp: number;
  /** Wrong passwords per client IP, whatever the email (password spraying). */
  readonly passwordPerIp: number;
  /** Wrong codes per (account, client IP). */
  readonly codePerAccountIp: number;
  /** Wrong codes per client IP, whatever the account. */
  readonly codePerIp: number;
  /** Consecutive wrong codes per account, from anywhere, before its authenticator locks. */
  readonly codePerAccount: number;
  /** Codes checked and not accepted per authenticator, from anywhere, per `codeBudgetWindowDays`. */
  readonly codeBudget: number;
  readonly codeBudgetWindowDays: number;
  /** Failed token, introspection and revocation requests per (client_id, client IP). */
  readonly tokenPerClientIp: number;
  /** Wrong recovery codes per account, from anywhere, per `recoveryCodeWindowSeconds`. */
  readonly recoveryCodePerAccount: number;
  readonly recoveryCodeWindowSeconds: number;
  /** Sign-ins held open (stored, not finished) per client IP. */
  readonly interactionPerIp: number;
  /** Failed client authentications with an unregistered client_id, per client IP. */
  readonly unknownClientPerIp: number;
  /** Right passwords (bcrypt checks that succeeded) per account, from anywhere. */
  readonly rightPasswordPerAccount: number;
  /** Right passwords per client IP, whatever the email. */
  readonly rightPasswordPerIp: number;
}

/** A configuration value that cannot be used; the message names the variable. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Readonly<Config> {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = environmentSchema.safeParse(defined);
  if (!parsed.success) {
    // Every wrong variable at once (an operator should not restart once per mistake), on one line.
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      const value = defined[name];
      const shown = value === undefined ? '' : ` (got ${JSON.stringify(withoutCredentials(value).slice(0, 80))})`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(problems.join('; '));
  }
  const e = parsed.data;
  // Port 0 (any free port) aside, one port cannot serve both: say so now rather than EADDRINUSE later.
  if (e.METRICS_PORT !== undefined && e.METRICS_PORT !== 0 && e.METRICS_PORT === e.PORT) {
    throw new ConfigError(
      `METRICS_PORT must differ from PORT: metrics are never served on the public port (got ${JSON.stringify(String(e.METRICS_PORT))})`,
    );
  }
  // The headers are part of the request: Node refuses a headers timeout longer than the request's.
  if (e.HTTP_HEADERS_TIMEOUT > e.HTTP_REQUEST_TIMEOUT) {
    throw new ConfigError(
      `HTTP_HEADERS_TIMEOUT must not be longer than HTTP_REQUEST_TIMEOUT (got ${JSON.stringify(`${e.HTTP_HEADERS_TIMEOUT}s`)} and ${JSON.stringify(`${e.HTTP_REQUEST_TIMEOUT}s`)})`,
    );
  }
  // The guessing bound (SECURITY.md): a year meets at most this many budget windows, each checks at
  // most RATE_LIMIT_CODE_BUDGET codes, each code wins with 3·10⁻⁶ (±1 step); 333 guesses ≈ 10⁻³.
  const guessesPerYear = maxGuessesPerYear(e.RATE_LIMIT_CODE_BUDGET, e.RATE_LIMIT_CODE_BUDGET_WINDOW);
  if (guessesPerYear > MAX_GUESSES_PER_YEAR) {
    throw new ConfigError(
      `RATE_LIMIT_CODE_BUDGET and RATE_LIMIT_CODE_BUDGET_WINDOW allow ${guessesPerYear} code guesses a year, more than ${MAX_GUESSES_PER_YEAR} (a 10⁻³ chance a year of guessing a code; see SECURITY.md): lower the budget or lengthen the window (got ${JSON.stringify(String(e.RATE_LIMIT_CODE_BUDGET))} and ${JSON.stringify(`${e.RATE_LIMIT_CODE_BUDGET_WINDOW}d`)})`,
    );
  }
  let branding: Brand;
  try {
    branding = brand({ logo: e.BRAND_LOGO, color: e.BRAND_COLOR, colorDark: e.BRAND_COLOR_DARK });
  } catch (error) {
    if (error instanceof BrandError) throw new ConfigError(error.message);
    throw error;
  }
  const dataDir = resolve(e.DATA_DIR);
  const issuer = (e.ISSUER ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  // Twofold serves plain HTTP; an https issuer means a TLS-terminating proxy in front, whose
  // X-Forwarded-Proto must be believed, or no Secure cookie could ever be set and every sign-in fails.
  if (issuer.startsWith('https:') && !e.TRUST_PROXY) {
    throw new ConfigError(
      'TRUST_PROXY must be true when ISSUER is https (Twofold serves plain HTTP behind a TLS-terminating proxy)',
    );
  }
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    issuer,
    issuerName: e.ISSUER_NAME,
    secureCookies: issuer.startsWith('https:'),
    database: databaseConfig(e.DATABASE_URL, dataDir, e.DATABASE_POOL_SIZE, e.DATABASE_QUERY_TIMEOUT * 1000),
    dataDir,
    keysDir: resolve(e.KEYS_DIR),
    redisUrl: e.REDIS_URL,
    redisClusterNodes: e.REDIS_CLUSTER_NODES?.map(redisNode),
    redisKeyPrefix: e.REDIS_KEY_PREFIX,
    bcryptCost: e.BCRYPT_COST,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT,
    trustProxy: e.TRUST_PROXY,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    rateLimits: Object.freeze({
      windowSeconds: e.RATE_LIMIT_WINDOW,
      passwordPerAccountIp: e.RATE_LIMIT_PASSWORD_PER_ACCOUNT_IP,
      passwordPerIp: e.RATE_LIMIT_PASSWORD_PER_IP,
      codePerAccountIp: e.RATE_LIMIT_CODE_PER_ACCOUNT_IP,
      codePerIp: e.RATE_LIMIT_CODE_PER_IP,
      codePerAccount: e.RATE_LIMIT_CODE_PER_ACCOUNT,
      codeBudget: e.RATE_LIMIT_CODE_BUDGET,
      codeBudgetWindowDays: e.RATE_LIMIT_CODE_BUDGET_WINDOW,
      tokenPerClientIp: e.RATE_LIMIT_TOKEN_PER_CLIENT_IP,
      recoveryCodePerAccount: e.RATE_LIMIT_RECOVERY_CODE_PER_ACCOUNT,
      recoveryCodeWindowSeconds: e.RATE_LIMIT_RECOVERY_CODE_WINDOW,
      interactionPerIp: e.RATE_LIMIT_INTERACTION_PER_IP,
      unknownClientPerIp: e.RATE_LIMIT_UNKNOWN_CLIENT_PER_IP,
      rightPasswordPerAccount: e.RATE_LIMIT_RIGHT_PASSWORD_PER_ACCOUNT,
      rightPasswordPerIp: e.RATE_LIMIT_RIGHT_PASSWORD_PER_IP,
    }),
    metrics: e.METRICS_PORT === undefined ? undefined : Object.freeze({ port: e.METRICS_PORT, host: e.METRICS_HOST }),
    defaultLocale: e.DEFAULT_LOCALE,
    displayTimeZone: e.DISPLAY_TIME_ZONE,
    workers: e.WORKERS ?? (e.NODE_ENV === 'production' ? availableParallelism() : 1),
    http: Object.freeze({
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT * 1000,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT * 1000,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT * 1000,
      maxConnections: e.HTTP_MAX_CONNECTIONS,
    }),
    auditRetentionDays: e.AUDIT_RETENTION,
    enrollment: Object.freeze({
      windowSeconds: e.ENROLLMENT_WINDOW,
      linkTtlSeconds: e.ENROLLMENT_LINK_TTL,
      secretTtlSeconds: e.ENROLLMENT_SECRET_TTL,
      maxAuthenticators: e.MAX_AUTHENTICATORS,
    }),
    accountReauthWindowSeconds: e.ACCOUNT_REAUTH_WINDOW,
    support: Object.freeze({ url: e.SUPPORT_URL, email: e.SUPPORT_EMAIL }),
    brand: branding,
  });
}

/** Guesses a year may check at most so that one account's chance stays ≤ 10⁻³ (each wins with 3·10⁻⁶). */
const MAX_GUESSES_PER_YEAR = 333;

/**
 * The most codes one authenticator can have checked in any 366 days. A window opens at a wrong
 * code no earlier than the previous window's end, so windows are at least `windowDays` apart and
 * at most ⌈366 / windowDays⌉ + 1 of them overlap a year (the first may have opened just before it).
 */
function maxGuessesPerYear(budget: number, windowDays: number): number {
  return (Math.ceil(366 / windowDays) + 1) * budget;
}

/** A bad value is echoed to help the operator, but never a password inside a URL (`user:pw@`). */
function withoutCredentials(value: string): string {
  // Up to the last '@': a password may contain an unencoded one.
  return value.replace(/^([a-z][a-z0-9+.-]*:\/*)?.*@/is, '$1***@');
}

function redisNode(node: string): RedisNode {
  const colon = node.lastIndexOf(':');
  return Object.freeze({ host: node.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(node.slice(colon + 1)) });
}

function databaseConfig(
  url: string | undefined,
  dataDir: string,
  poolSize: number,
  queryTimeoutMs: number,
): DatabaseConfig {
  if (url && /^postgres(ql)?:/.test(url)) return { kind: 'postgresql', url, poolSize, queryTimeoutMs };
  const file = url ? resolve(url.slice('file:'.length)) : resolve(dataDir, 'twofold.db');
  return { kind: 'sqlite', file, url: `file:${file}` };
}
