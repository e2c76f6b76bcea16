// The audit trail: every security-relevant event goes to the audit table and, as a JSON line, to
// the log. Which events exist, and what each one's `detail` holds, is src/audit/events.ts; a detail
// never carries a password, code or secret. Reads give events back with their detail parsed.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database, Prisma } from '../database/client.js';
import { inBatches } from '../database/housekeeping.js';
import type { AuditContext, AuditEvent, AuditEventBody, AuditEventInput, AuditEventType } from './events.js';
import type { AuditRows } from './sqlite.js';

export type { AuditContext, AuditEvent, AuditEventBody, AuditEventInput, AuditEventType } from './events.js';

type Row = Awaited<ReturnType<Database['auditEvent']['findFirstOrThrow']>>;

/** A stored row as the event it records (details are written only by `record`, so of that type's shape). */
function toEvent(row: Row): AuditEvent {
  const detail: unknown = row.detail === null ? undefined : JSON.parse(row.detail);
  return { ...row, detail } as AuditEvent;
}

/** The row that records `event`, with a new id. */
function auditRow(event: AuditEventInput) {
  return {
    id: randomUUID(),
    type: event.type,
    accountId: event.accountId ?? null,
    clientId: event.clientId ?? null,
    ip: event.ip ?? null,
    detail: event.detail === undefined ? null : JSON.stringify(event.detail),
  };
}

export class AuditLog {
  private readonly observers: ((event: AuditEventInput) => void)[] = [];

  /** `rows`: the sign-in's writes and reads through SQLite's driver on the embedded default (sqlite.ts). */
  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly rows?: AuditRows,
  ) {}

  async record(event: AuditEventInput): Promise<void> {
    if (!this.rows) {
      this.committed(event, await this.write(this.db, event));
      return;
    }
    const row = auditRow(event);
    await this.rows.insert(row);
    this.committed(event, row.id);
  }

  /**
   * Records inside the caller's transaction, for a change that must not happen unrecorded: if the
   * row cannot be written, the transaction (and the change) rolls back. Once it commits, the caller
   * calls `committed`, which writes the log line and tells the observers: a transaction rolled back
   * or retried must leave no line, or two.
   */
  async recordIn(tx: Prisma.TransactionClient, event: AuditEventInput): Promise<void> {
    await this.write(tx, event);
  }

  /** Logs an event recorded with `recordIn` and tells its observers, once its transaction committed. */
  committed(event: AuditEventInput, id?: string): void {
    this.logger.info({ audit: { ...event, ...(id ? { id } : {}) } }, `audit ${event.type}`);
    for (const observer of this.observers) observer(event);
  }

  private async write(tx: Prisma.TransactionClient, event: AuditEventInput): Promise<string> {
    const row = auditRow(event);
    await tx.auditEvent.create({ data: row });
    return row.id;
  }

  /** Records events that share who and where (one sign-in step, one request): `for(ctx)(event)`. */
  for(context: AuditContext): (event: AuditEventBody) => Promise<void> {
    return (event) => this.record({ ...context, ...event });
  }

  /**
   * Calls `observer` with every event once it is stored, for what must count exactly what the
   * trail holds (src/metrics/signin.ts). Observers are synchronous and must not throw.
   */
  observe(observer: (event: AuditEventInput) => void): void {
    this.observers.push(observer);
  }

  /** The account's events of one type (or of several), newest first; only those after `after` when given. */
  async recent<T extends AuditEventType>(
    accountId: string,
    type: T | readonly T[],
    options: { after?: Date | undefined; limit?: number } = {},
  ): Promise<AuditEvent<T>[]> {
    if (this.rows) {
      const types = typeof type === 'string' ? [type] : type;
      const rows = await this.rows.recent(accountId, types, options.after, options.limit ?? 100);
      return rows.map(toEvent) as AuditEvent<T>[];
    }
    const rows = await this.db.auditEvent.findMany({
      where: {
        accountId,
        type: typeof type === 'string' ? type : { in: [...type] },
        at: options.after ? { gt: options.after } : undefined,
      },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: options.limit ?? 100,
    });
    return rows.map(toEvent) as AuditEvent<T>[];
  }

  /**
   * Deletes the events recorded before `cutoff` (AUDIT_RETENTION), the oldest first, a batch at a
   * time (housekeeping.ts), until done or `stop` is aborted; returns how many went.
   */
  purgeBefore(cutoff: Date, stop?: AbortSignal): Promise<number> {
    return inBatches(async (limit) => {
      const rows = await this.db.auditEvent.findMany({
        where: { at: { lt: cutoff } },
        orderBy: { at: 'asc' },
        select: { id: true },
        take: limit,
      });
      if (!rows.length) return { deleted: 0, full: false };
      const { count } = await this.db.auditEvent.deleteMany({ where: { id: { in: rows.map(({ id }) => id) } } });
      return { deleted: count, full: rows.length === limit };
    }, stop);
  }

  /** The most recent events matching the filter (at most `limit`), oldest first. */
  async list(filter: {
    accountId?: string | undefined;
    since?: Date | undefined;
    limit?: number;
  }): Promise<AuditEvent[]> {
    const newest = await this.db.auditEvent.findMany({
      where: { accountId: filter.accountId, at: filter.since ? { gte: filter.since } : undefined },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: filter.limit ?? 1000,
    });
    return newest.reverse().map(toEvent);
  }
}
