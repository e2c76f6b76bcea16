// The audit trail keeps AUDIT_RETENTION days (400 by default) and no more: older rows are deleted
// with expired protocol state, at start and every 10 minutes, so nobody can grow it for ever and
// an operator's retention policy holds.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/index.js';
import { until } from '../support/redis-server.js';
import { freshEnvironment } from '../support/databases.js';
import { startTwofoldWith, type RunningTwofold } from '../support/twofold.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('audit retention', () => {
  let twofold: RunningTwofold | undefined;
  let cleanup = async () => {};
  afterAll(async () => {
    await twofold?.stop();
    await cleanup();
  });

  it('deletes events older than AUDIT_RETENTION and keeps the rest', async () => {
    const environment = await freshEnvironment({ AUDIT_RETENTION: '30d' });
    cleanup = environment.cleanup;
    // A first start creates the database; then events of various ages are in it, as after a month.
    const first = await startTwofoldWith(environment.env);
    const aged = async (days: number) => {
      const id = randomUUID();
      await first.db.auditEvent.create({
        data: { id, type: 'account_created', at: new Date(Date.now() - days * DAY_MS), detail: '{"source":"cli"}' },
      });
      return id;
    };
    const [old, older, recent, today] = [await aged(31), await aged(400), await aged(29), await aged(0)];
    // A year of a busy trail: more than one batch of the deletion (200 rows: src/database/housekeeping.ts).
    const year = Array.from({ length: 410 }, (_, i) => ({
      id: randomUUID(),
      type: 'account_created',
      detail: '{"source":"cli"}',
      at: new Date(Date.now() - (31 + (i % 300)) * DAY_MS),
    }));
    await first.db.auditEvent.createMany({ data: year });
    await first.close();

    twofold = await startTwofoldWith(environment.env);
    await until(
      async () =>
        (await twofold!.db.auditEvent.count({ where: { id: { in: [old, older, ...year.map(({ id }) => id)] } } })) ===
        0,
      'the events past their retention to be deleted',
    );
    const kept = await twofold.db.auditEvent.findMany({ where: { id: { in: [recent, today] } } });
    expect(kept.map((e) => e.id).sort()).toEqual([recent, today].sort());
  });

  it('keeps 400 days unless told otherwise, and takes a number of days', () => {
    expect(loadConfig({}).auditRetentionDays).toBe(400);
    expect(loadConfig({ AUDIT_RETENTION: '3650d' }).auditRetentionDays).toBe(3650);
    expect(() => loadConfig({ AUDIT_RETENTION: '1y' })).toThrow(
      /^AUDIT_RETENTION must be a number of days such as 400d/,
    );
    expect(() => loadConfig({ AUDIT_RETENTION: '0d' })).toThrow(/^AUDIT_RETENTION must be at least 1d/);
  });
});
