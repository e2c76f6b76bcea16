// Every knob of Twofold, parsed once from the environment by one zod schema. A bad value stops
// start-up with a message naming the variable; nothing else in the code reads process.env.
//
// Each variable's documentation lives here too, once: `.meta({ description })` (and `defaultText`
// where the default is computed rather than a value) is README's configuration table, which
// `npm run docs` writes and test/unit/readme.test.ts keeps equal to this schema. A new variable is a
// new entry here with its meta, then `npm run docs`.
import { z } from 'zod';
import { LOCALES } from '../i18n/locales.js';
import { HEX_COLOUR } from '../branding/contrast.js';
import { THEMES } from '../branding/theme.js';

const boolean = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(min, { error: `must be at least ${min}` })
        .max(max, { error: `must be at most ${max}` }),
    );

const url = (protocols: RegExp, what: string) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.test(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { error: `must be a ${what} URL`, abort: true },
  );

/**
 * A server's URL must name the server: `redis:/user:pw@h` parses, and a driver would take it for a
 * socket path. PostgreSQL may name a socket folder instead (`postgresql:///db?host=/run/postgresql`).
 */
const namesServer = (v: string) => {
  const parsed = new URL(v);
  return (
    parsed.protocol === 'file:' ||
    parsed.hostname !== '' ||
    (parsed.protocol.startsWith('postgres') && parsed.searchParams.has('host'))
  );
};
const serverUrl = (protocols: RegExp, what: string) =>
  url(protocols, what).refine(namesServer, { error: 'must name a server (scheme://host…)', abort: true });

/** A length of time as `<number><s|m|h>` (`90s`, `15m`, `1h`), in seconds, from 1 s to 24 h. */
const duration = z
  .string()
  .regex(/^\d{1,6}[smh]$/, { error: 'must be a duration such as 90s, 15m or 1h' })
  .transform((v) => Number(v.slice(0, -1)) * { s: 1, m: 60, h: 3600 }[v.slice(-1) as 's' | 'm' | 'h'])
  .pipe(z.number().min(1, { error: 'must be at least 1s' }).max(86_400, { error: 'must be at most 24h' }));

/** A longer span as `<number><m|h|d>` (`30m`, `72h`, `7d`), in seconds, from `min` to 90 days. */
const span = (min: number) =>
  z
    .string()
    .regex(/^\d{1,6}[smhd]$/, { error: 'must be a duration such as 30m, 72h or 7d' })
    .transform(
      (v) => Number(v.slice(0, -1)) * { s: 1, m: 60, h: 3600, d: 86_400 }[v.slice(-1) as 's' | 'm' | 'h' | 'd'],
    )
    .pipe(
      z
        .number()
        .min(min, { error: min ? `must be at least ${min}s` : 'must not be negative' })
        .max(90 * 86_400, { error: 'must be at most 90d' }),
    );

/** `host:port` or `[ipv6]:port`, port 1–65535. */
function isHostPort(node: string): boolean {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(node);
  return !!match && Number(match[2]) >= 1 && Number(match[2]) <= 65535;
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Raw environment variables as strings; defaults that depend on other values are filled in later. */
export const environmentSchema = z.object({
  PORT: integer(0, 65535).default(3000).meta({ description: 'HTTP port' }),
  HOST: z.string().min(1).default('0.0.0.0').meta({ description: 'address to listen on' }),
  ISSUER: url(/^https?:$/, 'http(s)')
    .refine((v) => URL.canParse(v) && !new URL(v).search && !new URL(v).hash, {
      error: 'must not have a query or fragment',
      abort: true,
    })
    .optional()
    .meta({
      description:
        'public URL of the provider (no query or fragment); every URL Twofold publishes (discovery, redirects, forms) is built from it, whatever `Host` or `X-Forwarded-Host` a request names. `https://` turns on `Secure` cookies and HSTS and requires `TRUST_PROXY=true` (TLS ends at the proxy in front); a request that arrives without `X-Forwarded-Proto: https` is then refused with 400 and a page saying to use the https address (`/healthz`, `/readyz` and `/static/` excepted, for health checks)',
      defaultText: '`http://localhost:$PORT`',
    }),
  ISSUER_NAME: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .default('Twofold')
    .meta({ description: 'name shown on pages and in authenticator apps' }),
  DATABASE_URL: serverUrl(/^(postgres|postgresql|file):$/, 'postgresql:// or file:')
    .optional()
    .meta({
      description: '`postgresql://user:pass@host:5432/db` for PostgreSQL, or `file:/path/to.db`',
      defaultText: 'SQLite file `$DATA_DIR/twofold.db`',
    }),
  DATABASE_POOL_SIZE: integer(1, 1000).default(10).meta({ description: 'PostgreSQL connections per instance' }),
  DATABASE_QUERY_TIMEOUT: integer(1, 600).default(10).meta({
    description:
      'seconds a PostgreSQL query (or opening a connection, at most 5 s) may take; past it the database counts as unavailable (503), so a server that stops answering cannot hang requests',
  }),
  DATA_DIR: z.string().min(1).default('./data').meta({
    description:
      'folder of the embedded database (created mode 0700; the database file and its `-wal`/`-shm` are 0600)',
  }),
  KEYS_DIR: z
    .string()
    .min(1)
    .default('./keys')
    .meta({ description: 'signing keys, cookie keys and secret-encryption keys (created on first start, mode 0600)' }),
  REDIS_URL: serverUrl(/^rediss?:$/, 'redis:// or rediss://')
    .optional()
    .meta({
      description:
        '`redis://` or `rediss://` (TLS); when set, sessions, grants, codes, tokens and sign-in progress live in Redis',
    }),
  REDIS_CLUSTER_NODES: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((node) => node.trim())
        .filter(Boolean),
    )
    .pipe(
      z
        .array(z.string().refine(isHostPort, { error: 'must list nodes as host:port,host:port' }))
        .min(1, { error: 'must list at least one host:port' }),
    )
    .optional()
    .meta({
      description:
        '`host:port,host:port,…` of a Redis Cluster (instead of `REDIS_URL`; credentials and TLS are taken from `REDIS_URL` when both are set)',
    }),
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, { error: 'must be 1 to 64 letters, digits or : _ . -' })
    .default('twofold:')
    .meta({
      description:
        'start of every Redis key of the instance (sessions, grants, tokens, rate-limit counters): deployments sharing one Redis use different prefixes; the instances of one deployment the same',
    }),
  BCRYPT_COST: integer(4, 31).default(12).meta({ description: 'bcrypt work factor for passwords (4–31)' }),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info')
    .meta({ description: '`fatal`, `error`, `warn`, `info`, `debug`, `trace` or `silent`' }),
  LOG_FORMAT: z.enum(['json', 'pretty'], { error: 'must be json or pretty' }).default('json').meta({
    description:
      '`json` (one JSON object per line, for log collectors; a line leaves at most 20 ms after it is logged, in a write of at most 4 KiB unless it is longer itself, so a process ended by a signal it does not handle, SIGKILL or SIGHUP, or out of memory loses at most its last 20 ms of lines, and the lines of several workers are in order per worker: sort by `time`; standard output that cannot be written, a full disk, is said once on stderr and Twofold goes on serving) or `pretty` (one readable line per event: time, level, message, fields; for a person watching a terminal)',
  }),
  TRUST_PROXY: boolean
    .default(false)
    .meta({ description: 'trust `X-Forwarded-*` from a reverse proxy (set it behind a load balancer)' }),
  TRUST_PROXY_HOPS: integer(1, 10).default(1).meta({
    description:
      'with `TRUST_PROXY`: how many proxies append to `X-Forwarded-For`; the client address is the entry this many from the right (what the client wrote itself is never trusted)',
  }),
  // Rate limits (src/ratelimit; documented in SECURITY.md). Counters live in Redis when configured,
  // else in the database, so every instance of a deployment counts together.
  RATE_LIMIT_WINDOW: duration
    .prefault('15m')
    .meta({ description: 'window of the limits below: `90s`, `15m`, `1h` (1 s – 24 h)' }),
  RATE_LIMIT_PASSWORD_PER_ACCOUNT_IP: integer(1, 1000).default(5).meta({
    description:
      'password attempts per (email, client address) per window, then 429; a right password counts too until its sign-in completes, which resets it',
  }),
  // Password spraying: one address trying a common password against many emails. Generous enough
  // for an office behind one NAT address (people mistype), far below what spraying needs.
  RATE_LIMIT_PASSWORD_PER_IP: integer(1, 100_000).default(50).meta({
    description:
      'wrong passwords per client address per window, whatever the email (password spraying), then 429 for every email, even with the right password; a completed sign-in gives back only its own point. Everyone behind one NAT address shares it: raise it if many people come through one address',
  }),
  RATE_LIMIT_CODE_PER_ACCOUNT_IP: integer(1, 1000)
    .default(5)
    .meta({ description: 'wrong codes per (account, client address) per window, then 429; a right code resets it' }),
  RATE_LIMIT_CODE_PER_IP: integer(1, 100_000).default(50).meta({
    description:
      'wrong codes per client address per window, whatever the account, then 429; a right code gives back only its own point',
  }),
  // NIST SP 800-63B §5.2.2: no more than 100 consecutive failed attempts on one account.
  RATE_LIMIT_CODE_PER_ACCOUNT: integer(1, 100).default(100).meta({
    description:
      'consecutive wrong codes per account from anywhere before its authenticator locks until a recovery code or `twofold user reset-mfa` (at most 100, NIST SP 800-63B)',
  }),
  // The lifetime budget for guessing codes (src/mfa/totp-app/store.ts; the bound it gives is
  // derived in SECURITY.md): an attacker who has the password gets at most this many checked codes
  // per window, whatever the owner does, since a right code does not give the budget back.
  RATE_LIMIT_CODE_BUDGET: integer(1, 333).default(20).meta({
    description:
      'codes checked and not accepted per authenticator, from every address together, per `RATE_LIMIT_CODE_BUDGET_WINDOW` (a right code does not reset it); the one that spends it locks the authenticator like `RATE_LIMIT_CODE_PER_ACCOUNT`. Start-up refuses a budget and window that allow more than 333 guesses a year (a 10⁻³ chance a year of guessing a code; SECURITY.md)',
  }),
  RATE_LIMIT_CODE_BUDGET_WINDOW: z
    .string()
    .regex(/^\d{1,4}d$/, { error: 'must be a number of days such as 30d' })
    .transform((v) => Number(v.slice(0, -1)))
    .pipe(z.number().min(1, { error: 'must be at least 1d' }).max(3660, { error: 'must be at most 3660d' }))
    .prefault('30d')
    .meta({
      description:
        'window of `RATE_LIMIT_CODE_BUDGET`, in days: it opens at the first wrong code after the previous window ended',
    }),
  RATE_LIMIT_TOKEN_PER_CLIENT_IP: integer(1, 100_000).default(20).meta({
    description:
      'failed requests of a registered client to `/token`, `/token/introspection`, `/token/revocation`, `/request` (PAR) per (client_id, client address) per window, then 429 `slow_down`',
  }),
  // Wrong recovery codes per account from every address together, in their own window: someone who
  // has the password cannot grind recovery codes by spreading guesses over many addresses.
  RATE_LIMIT_RECOVERY_CODE_PER_ACCOUNT: integer(1, 100).default(10).meta({
    description:
      'wrong recovery codes per account, from every address together, per `RATE_LIMIT_RECOVERY_CODE_WINDOW`, then 429 (they also count against `RATE_LIMIT_CODE_PER_ACCOUNT_IP` and `RATE_LIMIT_CODE_PER_IP`); a right code resets it',
  }),
  RATE_LIMIT_RECOVERY_CODE_WINDOW: duration
    .prefault('1h')
    .meta({ description: 'window of the recovery-code limit (1 s – 24 h)' }),
  // Storage nobody may fill: sign-ins one address holds open (each /auth stores its request for
  // the interaction's 15 minutes; a finished sign-in gives its point back). Far above what a
  // person holds (one or two), and it bounds an address to a few MB of stored requests.
  RATE_LIMIT_INTERACTION_PER_IP: integer(1, 1_000_000).default(200).meta({
    description:
      'sign-ins one client address holds open: each `/auth` that starts a sign-in, and each `/account` visit that does, stores it for 15 minutes and takes a point until it finishes (a finished sign-in gives it back); beyond it, 429 "Too many sign-ins". Everyone behind one NAT address shares it',
  }),
  // Failed client authentications naming a client_id nobody registered, per address: made-up ids
  // would otherwise each get a counter (and an audit row) of their own.
  RATE_LIMIT_UNKNOWN_CLIENT_PER_IP: integer(1, 100_000).default(20).meta({
    description:
      'failed requests to `/token`, `/token/introspection`, `/token/revocation`, `/request` (PAR) naming a client_id nobody registered, per client address per window (one counter per address, however many ids are made up), then 429 `slow_down`; only the first of each window is audited',
  }),
  // A right password costs a bcrypt check like a wrong one: someone who knows one password must not
  // keep the server's bcrypt threads busy. A person types theirs once or twice per sign-in.
  RATE_LIMIT_RIGHT_PASSWORD_PER_IP: integer(1, 1_000_000).default(100).meta({
    description:
      'right passwords per client address per window (each costs a bcrypt check like a wrong one), then 429 for every email from there',
  }),
  RATE_LIMIT_RIGHT_PASSWORD_PER_ACCOUNT: integer(1, 10_000).default(30).meta({
    description:
      "right passwords per account per window, from every address together, then 429 for that account's sign-ins (only someone with the password can use it up)",
  }),
  // Prometheus metrics on a listener of their own, never on the public port (src/metrics); unset =
  // off. Loopback by default: publishing an identity provider's internals is the operator's choice.
  METRICS_PORT: integer(0, 65535).optional().meta({
    description:
      'port of a separate listener serving Prometheus metrics at `GET /metrics` (see [Metrics](#metrics)); `0` picks a free port; must differ from `PORT`',
    defaultText: 'unset (off)',
  }),
  METRICS_HOST: z.string().min(1).default('127.0.0.1').meta({
    description:
      'address of the metrics listener; in a container, `0.0.0.0` and publish the port only to the monitoring network',
  }),
  // The pages' language when neither the relying party (ui_locales), the person (the switcher) nor
  // the browser (Accept-Language) names one we have (src/i18n/locales.ts).
  DEFAULT_LOCALE: z
    .enum(LOCALES, { error: `must be one of ${LOCALES.join(', ')}` })
    .default('en')
    .meta({
      description: `language of the pages when neither the relying party (\`ui_locales\`), the person (the language switcher) nor the browser (\`Accept-Language\`) names one of ${LOCALES.map((l) => `\`${l}\``).join(', ')}`,
    }),
  // The IANA time zone the pages show dates in, always named next to them: a page has no script to
  // learn the person's own zone.
  DISPLAY_TIME_ZONE: z
    .string()
    .refine(isTimeZone, { error: 'must be an IANA time zone such as UTC or Europe/Paris' })
    .default('UTC')
    .meta({
      description:
        'IANA time zone the pages show dates and times in (`Europe/Paris`); the zone is always named next to the time',
    }),
  // Who a person asks when the help page is not enough (the help, lock and error pages name it).
  SUPPORT_URL: url(/^https?:$/, 'http(s)')
    .optional()
    .meta({
      description:
        'a page where people get help with signing in (your help desk); linked from the help page, the locked-app page and the error pages',
      defaultText: 'unset (the pages say to ask the administrator)',
    }),
  SUPPORT_EMAIL: z.email({ error: 'must be an email address' }).optional().meta({
    description:
      'an address people can write to for help with signing in; shown on the help page, the locked-app page and the error pages (with `SUPPORT_URL` when both are set)',
    defaultText: 'unset',
  }),
  // The deployment's look (src/branding): checked at start-up, so the pages stay readable.
  BRAND_LOGO: z.string().min(1).optional().meta({
    description:
      "logo shown at the top of every page: a `.png`, `.svg`, `.jpg`, `.webp` or `.gif` file of at most 1 MiB, which Twofold serves at `/static/logo` (cached for a year under a version that changes with the file), or an `https://` URL of an image (then allowed by the pages' Content-Security-Policy)",
    defaultText: 'unset (the name only)',
  }),
  BRAND_COLOR: z
    .string()
    .regex(HEX_COLOUR, { error: 'must be a colour such as #2f5bd3' })
    .optional()
    .meta({
      description:
        'accent colour of the light theme (the name, links, buttons with white text), `#rrggbb`; start-up refuses one with a contrast below 4.5:1 against the light backgrounds',
      defaultText: `\`${THEMES.light.accent}\``,
    }),
  // No one colour reaches 4.5:1 against both a white and a near-black card: each theme has its own.
  BRAND_COLOR_DARK: z
    .string()
    .regex(HEX_COLOUR, { error: 'must be a colour such as #8fb0ff' })
    .optional()
    .meta({
      description:
        'accent colour of the dark theme (`prefers-color-scheme: dark`; buttons get dark text), `#rrggbb`; start-up refuses one with a contrast below 4.5:1 against the dark backgrounds',
      defaultText: `\`${THEMES.dark.accent}\``,
    }),
  // Processes serving the port together (Node's cluster module): each is a whole instance, all state
  // is in the database or Redis. Unset: one per CPU when NODE_ENV=production, else one.
  WORKERS: integer(1, 256).optional().meta({
    description:
      "processes serving the port together (Node's cluster module); each is a whole instance with its own connection pools (`DATABASE_POOL_SIZE` each), all state is in the database or Redis, and `METRICS_PORT` adds up every worker's metrics. A worker that dies is replaced",
    defaultText: 'CPUs when `NODE_ENV=production`, else `1`',
  }),
  NODE_ENV: z
    .string()
    .optional()
    .meta({ description: '`production` makes `WORKERS` default to the number of CPUs (the Docker image sets it)' }),
  // Slow clients (src/http/public-server.ts): a client that trickles its headers or body, or keeps
  // connections open doing nothing, must not hold the server's sockets. Node's defaults let
  // headers take 60 s, a body 300 s, and connections grow until the process runs out of files.
  HTTP_HEADERS_TIMEOUT: duration.prefault('10s').meta({
    description:
      "time a client has to send a request's headers, then 408 and the connection is closed (slow clients; at most `HTTP_REQUEST_TIMEOUT`)",
  }),
  // The whole request, headers and body (at most 16 KiB here), from its first byte.
  HTTP_REQUEST_TIMEOUT: duration.prefault('30s').meta({
    description: 'time a client has to send a whole request, headers and body, then 408 and the connection is closed',
  }),
  // An idle kept-alive connection between requests. Behind a load balancer that reuses connections,
  // keep it above the balancer's own idle timeout, or the balancer meets closed sockets (502s).
  HTTP_KEEP_ALIVE_TIMEOUT: duration.prefault('5s').meta({
    description:
      "how long an idle kept-alive connection stays open; behind a load balancer that reuses connections, set it above the balancer's idle timeout (AWS ALB: 60 s → `65s`)",
  }),
  HTTP_MAX_CONNECTIONS: integer(1, 1_000_000).default(1000).meta({
    description:
      "open connections per instance; further connections are closed as they arrive (keep the process's file limit, `ulimit -n`, above it)",
  }),
  // Enrolment (src/signin/enrolment.ts): who may link an app with the password alone, and for how
  // long an administrator's set-up link works. SECURITY.md says why the window exists at all.
  ENROLLMENT_WINDOW: span(0).prefault('72h').meta({
    description:
      'how long after `user add` a new account may link its first app with the password alone; after that (and after `user reset-mfa`) only a set-up link does. `0s`: always a set-up link',
  }),
  ENROLLMENT_LINK_TTL: span(60).prefault('72h').meta({
    description:
      'how long a set-up link printed by `user add`, `user reset-mfa` or `user enroll-link` works (single use; a new link voids the old one)',
  }),
  // An enrolment outlives its sign-in (src/signin/kept-enrolment.ts): a person who took longer than
  // the sign-in lasts to find their phone starts again and sees the same key, in the same browser.
  ENROLLMENT_SECRET_TTL: span(60).prefault('1h').meta({
    description:
      'how long the key shown on the enrolment page is kept for the browser it was shown in, so a sign-in that expired there can start again and the entry already added in the app still works (only from the one-time “Start again” link of the expired page, after the password again, under the same grant)',
  }),
  // The account page (src/account-security): changes there are a way past both factors (new
  // recovery codes, a new password, ending sessions), so they need a sign-in this recent.
  ACCOUNT_REAUTH_WINDOW: span(60).prefault('10m').meta({
    description:
      'how long after a full sign-in (password and second factor) a person may make changes on `/account` (new password, new recovery codes, adding, renaming or removing an authenticator app, ending sessions, revoking applications); later, the page asks for both factors again first',
  }),
  // How many authenticator apps one account may hold (src/mfa/totp-app): a spare phone, a work
  // phone. Each one multiplies what one guessed code can match (SECURITY.md, "The guessing bound").
  MAX_AUTHENTICATORS: integer(1, 20).default(5).meta({
    description:
      'authenticator apps one account may link (each with its own name); adding one more is refused. A code is checked against every unlocked app and costs each one point of its `RATE_LIMIT_CODE_BUDGET`, so an account with k apps meets k times the guessing bound of one app (SECURITY.md)',
  }),
  // Audit rows older than this are deleted with expired protocol state (at start, every 10 minutes).
  AUDIT_RETENTION: z
    .string()
    .regex(/^\d{1,5}d$/, { error: 'must be a number of days such as 400d' })
    .transform((v) => Number(v.slice(0, -1)))
    .pipe(z.number().min(1, { error: 'must be at least 1d' }))
    .prefault('400d')
    .meta({
      description:
        'audit events older than this many days are deleted (at start and every 10 minutes, with expired protocol state)',
    }),
});
