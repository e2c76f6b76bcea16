// On the embedded default a sign-in's audit rows are written and read through SQLite's driver, not
// Prisma (src/audit/sqlite.ts): what Prisma reads of them, and what they read of Prisma's, must be
// the same events (fields, dates, order, the `after` bound), or the trail and the notices a person
// is shown at the next sign-in would silently differ.
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging.js';
import { openServices } from '../../src/services.js';
import { AuditLog } from '../../src/audit/index.js';
import { freshEnvironment } from '../support/databases.js';

describe('audit rows on SQLite, beside Prisma', () => {
  it('are the same events whichever of the two wrote or reads them', async () => {
    const { env, cleanup } = await freshEnvironment({ DATABASE_URL: '' });
    const config = loadConfig({ ...env, DATABASE_URL: '' });
    const services = await openServices(config, createLogger('silent'));
    if (config.database.kind !== 'sqlite' || services.protocolStore.kind === 'redis')
      throw new Error('expected SQLite');
    const viaPrisma = new AuditLog(services.db, createLogger('silent'));
    try {
      const account = (await services.accounts.create({ email: 'ada@example.com', password: 'a long passphrase 1' }))
        .id;
      const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
      await services.audit.record({
        type: 'signin_succeeded',
        accountId: account,
        clientId: 'app',
        ip: '192.0.2.1',
        detail: { amr: ['pwd', 'otp'] },
      });
      await tick();
      await viaPrisma.record({ type: 'otp_replay', accountId: account, ip: '192.0.2.2', detail: { interaction: 'x' } });
      await tick();
      await services.audit.record({
        type: 'otp_failed',
        accountId: account,
        detail: { reason: 'wrong_code', interaction: 'y' },
      });
      await tick();
      await services.audit.record({ type: 'signin_succeeded', accountId: account, detail: { amr: ['pwd'] } });

      const types = ['otp_replay', 'otp_failed'] as const;
      const [first] = (await viaPrisma.recent(account, 'signin_succeeded')).slice(-1);
      for (const query of [
        () => ['signin_succeeded', {}] as const,
        () => [types, {}] as const,
        () => [types, { after: first!.at }] as const,
        () => [types, { limit: 1 }] as const,
      ]) {
        const [type, options] = query();
        const fast = await services.audit.recent(account, type, options);
        expect(fast).toEqual(await viaPrisma.recent(account, type, options));
        expect(fast.length).toBeGreaterThan(0);
      }
      // The whole trail, read by Prisma: every row, with its dates, in the order written.
      const trail = await viaPrisma.list({ accountId: account });
      expect(trail.map((e) => e.type)).toEqual(['signin_succeeded', 'otp_replay', 'otp_failed', 'signin_succeeded']);
      expect(trail[0]).toMatchObject({ clientId: 'app', ip: '192.0.2.1', detail: { amr: ['pwd', 'otp'] } });
      expect(trail.every((e) => e.at instanceof Date && !Number.isNaN(e.at.getTime()))).toBe(true);
      expect(await services.audit.recent(account, 'consent_granted')).toEqual([]);
    } finally {
      await services.protocolStore.close();
      await services.db.$disconnect();
      await cleanup();
    }
  });
});
