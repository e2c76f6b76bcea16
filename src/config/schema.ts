// Every knob of Twofold, parsed once from the environment by one zod schema. A bad value stops
// start-up with a message naming the variable; nothing else in the code reads process.env.
import { z } from 'zod';

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

/** `host:port` or `[ipv6]:port`, port 1–65535. */
function isHostPort(node: string): boolean {
  const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(node);
  return !!match && Number(match[2]) >= 1 && Number(match[2]) <= 65535;
}

/** Raw environment variables as strings; defaults that depend on other values are filled in later. */
export const environmentSchema = z.object({
  PORT: integer(0, 65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  ISSUER: url(/^https?:$/, 'http(s)')
    .refine((v) => URL.canParse(v) && !new URL(v).search && !new URL(v).hash, {
      error: 'must not have a query or fragment',
      abort: true,
    })
    .optional(),
  ISSUER_NAME: z.string().trim().min(1).max(64).default('Twofold'),
  DATABASE_URL: serverUrl(/^(postgres|postgresql|file):$/, 'postgresql:// or file:').optional(),
  DATABASE_POOL_SIZE: integer(1, 1000).default(10),
  // Seconds a PostgreSQL query may take before it counts as the database being unavailable: a
  // server that accepts connections but stops answering must not hang requests and /readyz.
  DATABASE_QUERY_TIMEOUT: integer(1, 600).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  KEYS_DIR: z.string().min(1).default('./keys'),
  REDIS_URL: serverUrl(/^rediss?:$/, 'redis:// or rediss://').optional(),
  // Redis Cluster: a few of the cluster's nodes as `host:port,host:port` (the client discovers the
  // rest). When set, protocol state goes to the cluster; a REDIS_URL set alongside supplies only the
  // credentials and TLS (rediss://) used for every node.
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
    .optional(),
  // Every Redis key of an instance starts with this, so several deployments (or test runs) can
  // share one Redis without seeing each other's sessions or counters. Instances of one deployment
  // must use the same prefix.
  REDIS_KEY_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, { error: 'must be 1 to 64 letters, digits or : _ . -' })
    .default('twofold:'),
  BCRYPT_COST: integer(4, 31).default(12),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      error: 'must be one of fatal, error, warn, info, debug, trace, silent',
    })
    .default('info'),
  TRUST_PROXY: boolean.default(false),
  // How many proxies in front append to X-Forwarded-For: the client address is the entry this far
  // from the right. The entries left of it are whatever the client sent, so never trusted.
  TRUST_PROXY_HOPS: integer(1, 10).default(1),
  // Rate limits (src/ratelimit; documented in SECURITY.md). Counters live in Redis when configured,
  // else in the database, so every instance of a deployment counts together.
  RATE_LIMIT_WINDOW: duration.default(15 * 60),
  RATE_LIMIT_PASSWORD_PER_ACCOUNT_IP: integer(1, 1000).default(5),
  // Password spraying: one address trying a common password against many emails. Generous enough
  // for an office behind one NAT address (people mistype), far below what spraying needs.
  RATE_LIMIT_PASSWORD_PER_IP: integer(1, 100_000).default(50),
  RATE_LIMIT_CODE_PER_ACCOUNT_IP: integer(1, 1000).default(5),
  RATE_LIMIT_CODE_PER_IP: integer(1, 100_000).default(50),
  // NIST SP 800-63B §5.2.2: no more than 100 consecutive failed attempts on one account.
  RATE_LIMIT_CODE_PER_ACCOUNT: integer(1, 100).default(100),
  RATE_LIMIT_TOKEN_PER_CLIENT_IP: integer(1, 100_000).default(20),
  // Wrong recovery codes per account from every address together, in their own window: someone who
  // has the password cannot grind recovery codes by spreading guesses over many addresses.
  RATE_LIMIT_RECOVERY_CODE_PER_ACCOUNT: integer(1, 100).default(10),
  RATE_LIMIT_RECOVERY_CODE_WINDOW: duration.default(60 * 60),
  // Storage nobody may fill: sign-ins one address holds open (each /auth stores its request for
  // the interaction's 15 minutes; a finished sign-in gives its point back). Far above what a
  // person holds (one or two), and it bounds an address to a few MB of stored requests.
  RATE_LIMIT_INTERACTION_PER_IP: integer(1, 1_000_000).default(200),
  // Failed client authentications naming a client_id nobody registered, per address: made-up ids
  // would otherwise each get a counter (and an audit row) of their own.
  RATE_LIMIT_UNKNOWN_CLIENT_PER_IP: integer(1, 100_000).default(20),
  // A right password costs a bcrypt check like a wrong one: someone who knows one password must not
  // keep the server's bcrypt threads busy. A person types theirs once or twice per sign-in.
  RATE_LIMIT_RIGHT_PASSWORD_PER_ACCOUNT: integer(1, 10_000).default(30),
  RATE_LIMIT_RIGHT_PASSWORD_PER_IP: integer(1, 1_000_000).default(100),
  // Prometheus metrics on a listener of their own, never on the public port (src/metrics); unset =
  // off. Loopback by default: publishing an identity provider's internals is the operator's choice.
  METRICS_PORT: integer(0, 65535).optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  // Slow clients (src/http/public-server.ts): a client that trickles its headers or body, or keeps
  // connections open doing nothing, must not hold the server's sockets. Node's defaults let
  // headers take 60 s, a body 300 s, and connections grow until the process runs out of files.
  HTTP_HEADERS_TIMEOUT: duration.default(10),
  // The whole request, headers and body (at most 16 KiB here), from its first byte.
  HTTP_REQUEST_TIMEOUT: duration.default(30),
  // An idle kept-alive connection between requests. Behind a load balancer that reuses connections,
  // keep it above the balancer's own idle timeout, or the balancer meets closed sockets (502s).
  HTTP_KEEP_ALIVE_TIMEOUT: duration.default(5),
  // Open connections per instance; beyond it, new connections are closed at once.
  HTTP_MAX_CONNECTIONS: integer(1, 1_000_000).default(1000),
  // Audit rows older than this are deleted with expired protocol state (every 10 minutes).
  AUDIT_RETENTION: z
    .string()
    .regex(/^\d{1,5}d$/, { error: 'must be a number of days such as 400d' })
    .transform((v) => Number(v.slice(0, -1)))
    .pipe(z.number().min(1, { error: 'must be at least 1d' }))
    .default(400),
});

export type Environment = z.infer<typeof environmentSchema>;
