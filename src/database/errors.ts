// What a database error means, whichever way it arrives: from Prisma's query engine (P-codes), from
// a driver adapter (`@prisma/adapter-pg`, `@prisma/adapter-better-sqlite3`: a DriverAdapterError
// whose `cause.kind` names the problem, or `meta.driverAdapterError`), or from pg or better-sqlite3
// themselves (SQLSTATE, SQLITE_* codes). The one place that knows these shapes; callers ask for a
// kind. Wrappers keep the original in `cause`, so the chain is followed a few levels.

export type DatabaseErrorKind =
  /** A unique index refused the row (an email, an id or a digest already taken). */
  | 'unique_violation'
  /** An update or delete with filters matched no row. */
  | 'not_found'
  /** PostgreSQL aborted a transaction to keep it serializable, or to break a deadlock: retry it. */
  | 'serialization_failure'
  /** The database cannot be reached or stopped answering: an outage, not a bug. */
  | 'unavailable';

// Prisma's own codes.
const PRISMA_CODES: Record<string, DatabaseErrorKind> = {
  P2002: 'unique_violation',
  P2025: 'not_found',
  P2034: 'serialization_failure',
  // can't reach, timed out, server closed the connection, pool timeout
  P1001: 'unavailable',
  P1002: 'unavailable',
  P1008: 'unavailable',
  P1017: 'unavailable',
  P2024: 'unavailable',
};
// Driver adapters' error kinds (@prisma/driver-adapter-utils).
const ADAPTER_KINDS: Record<string, DatabaseErrorKind> = {
  UniqueConstraintViolation: 'unique_violation',
  TransactionWriteConflict: 'serialization_failure',
  DatabaseNotReachable: 'unavailable',
  ConnectionClosed: 'unavailable',
  SocketTimeout: 'unavailable',
  TooManyConnections: 'unavailable',
};
// pg's messages for a connection that failed or a query that got no answer (DATABASE_QUERY_TIMEOUT).
const PG_UNAVAILABLE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout|Cannot use a pool after calling end on the pool)/;
// The socket's own errors, which pg passes on as they are when the server cannot be reached
// (src/database/fast-reads.ts queries through pg itself; Prisma's adapter names them for us).
const SOCKET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

/** SQLSTATE → kind: 23505 unique; 40001 serialization, 40P01 deadlock; 08xxx connection, 57P01-03 shutdown. */
function sqlstateKind(code: string): DatabaseErrorKind | undefined {
  if (code === '23505') return 'unique_violation';
  if (code === '40001' || code === '40P01') return 'serialization_failure';
  if (/^(08|57P0[123])/.test(code)) return 'unavailable';
  return undefined;
}

const SQLITE_STALE_READ = 'SQLITE_BUSY_SNAPSHOT';

interface Inspectable {
  name?: unknown;
  message?: unknown;
  code?: unknown;
  kind?: unknown;
  severity?: unknown;
  originalCode?: unknown;
  meta?: { driverAdapterError?: { cause?: { kind?: unknown; code?: unknown; originalCode?: unknown } } };
  cause?: unknown;
}

const text = (value: unknown) => (typeof value === 'string' ? value : '');

function kindOf(e: Inspectable): DatabaseErrorKind | undefined {
  const name = text(e.name);
  const code = text(e.code);
  // SQLite's serialization failure: a transaction that read, then found the file changed by another
  // connection when it came to write (WAL). Prisma and its adapter report it as any busy file
  // (P1008, SocketTimeout); only the driver's own code tells it apart.
  const original = e.meta?.driverAdapterError?.cause?.originalCode ?? e.originalCode;
  if (text(original) === SQLITE_STALE_READ) return 'serialization_failure';
  if (name.startsWith('PrismaClientInitializationError')) return 'unavailable';
  if (name.startsWith('PrismaClient') && code in PRISMA_CODES) return PRISMA_CODES[code];
  const adapter = e.meta?.driverAdapterError?.cause;
  if (adapter) {
    const kind = ADAPTER_KINDS[text(adapter.kind)] ?? sqlstateKind(text(adapter.code));
    if (kind) return kind;
  }
  // A DriverAdapterError that reached us unwrapped carries the kind itself.
  if (name === 'DriverAdapterError' || typeof e.kind === 'string') {
    const kind = ADAPTER_KINDS[text(e.kind)];
    if (kind) return kind;
  }
  // pg's own error: a SQLSTATE code beside a severity.
  if ('severity' in e && code) return sqlstateKind(code);
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique_violation';
  // better-sqlite3 called directly (src/database/sqlite.ts): the file stayed locked past busy_timeout.
  if (code === 'SQLITE_BUSY') return 'unavailable';
  if (PG_UNAVAILABLE.test(text(e.message))) return 'unavailable';
  if (SOCKET_UNAVAILABLE.has(code)) return 'unavailable';
  return undefined;
}

/** What `error` means for the database, or undefined when it is none of the kinds above. */
export function databaseErrorKind(error: unknown): DatabaseErrorKind | undefined {
  for (let depth = 0, current = error; depth < 5 && current && typeof current === 'object'; depth++) {
    const kind = kindOf(current);
    if (kind) return kind;
    current = (current as Inspectable).cause;
  }
  return undefined;
}
