// The audit trail: every security-relevant event goes to the audit table and, as a JSON line, to
// the log. `detail` must never carry a password, code or secret: callers pass identifiers only.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database } from '../database/client.js';

export interface AuditEventInput {
  type: string;
  accountId?: string | null | undefined;
  clientId?: string | null | undefined;
  ip?: string | null | undefined;
  detail?: Record<string, unknown> | undefined;
}

export class AuditLog {
  private readonly observers: ((event: AuditEventInput) => void)[] = [];

  constructor(
    private readonly db: Database,
    private readonly logger: Logger,
  ) {}

  async record(event: AuditEventInput): Promise<void> {
    const row = {
      id: randomUUID(),
      type: event.type,
      accountId: event.accountId ?? null,
      clientId: event.clientId ?? null,
      ip: event.ip ?? null,
      detail: event.detail ? JSON.stringify(event.detail) : null,
    };
    this.logger.info({ audit: { ...event, id: row.id } }, `audit ${event.type}`);
    await this.db.auditEvent.create({ data: row });
    for (const observer of this.observers) observer(event);
  }

  /**
   * Calls `observer` with every event once it is stored, for what must count exactly what the
   * trail holds (src/metrics/signin.ts). Observers are synchronous and must not throw.
   */
  observe(observer: (event: AuditEventInput) => void): void {
    this.observers.push(observer);
  }

  /** The account's events of one type, newest first; only those after `after` when given. */
  recent(accountId: string, type: string, options: { after?: Date | undefined; limit?: number } = {}) {
    return this.db.auditEvent.findMany({
      where: { accountId, type, at: options.after ? { gt: options.after } : undefined },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: options.limit ?? 100,
    });
  }

  /** The most recent events matching the filter (at most `limit`), oldest first. */
  async list(filter: { accountId?: string | undefined; since?: Date | undefined; limit?: number }) {
    const newest = await this.db.auditEvent.findMany({
      where: { accountId: filter.accountId, at: filter.since ? { gte: filter.since } : undefined },
      orderBy: [{ at: 'desc' }, { id: 'desc' }],
      take: filter.limit ?? 1000,
    });
    return newest.reverse();
  }
}
