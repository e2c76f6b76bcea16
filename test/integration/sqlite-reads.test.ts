// The account lookups of the embedded default go through SQLite's driver, not Prisma: they must
// return exactly what Prisma returns for the same rows (field names, dates, nulls), whatever the
// account's state, or every rule reading an account would silently see something else.
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging.js';
import { openServices } from '../../src/services.js';
import { openSqlite } from '../../src/database/sqlite.js';
import { sqliteAccountLookups } from '../../src/accounts/sqlite-lookups.js';
import { freshEnvironment } from '../support/databases.js';

describe('account lookups on SQLite, beside Prisma', () => {
  it('return what Prisma returns, for a new, a named and a disabled account, and nothing for others', async () => {
    const { env, cleanup } = await freshEnvironment({ DATABASE_URL: '' });
    const config = loadConfig({ ...env, DATABASE_URL: '' });
    const services = await openServices(config, createLogger('silent'));
    if (config.database.kind !== 'sqlite') throw new Error('expected SQLite');
    const connection = openSqlite(config.database.file);
    try {
      const lookups = sqliteAccountLookups(connection);
      const plain = await services.accounts.create({ email: 'plain@example.com', password: 'a long passphrase 1' });
      const named = await services.accounts.create({
        email: 'named@example.com',
        displayName: 'Ada',
        password: 'a long passphrase 2',
      });
      await services.accounts.create({ email: 'gone@example.com', password: 'a long passphrase 3' });
      await services.accounts.disable('gone@example.com');
      for (const email of ['plain@example.com', 'named@example.com', 'gone@example.com']) {
        const prisma = await services.db.account.findUnique({ where: { email } });
        expect(await lookups.byEmail(email)).toEqual(prisma);
        expect(await lookups.byId(prisma!.id)).toEqual(prisma);
      }
      expect((await lookups.byEmail('gone@example.com'))!.disabledAt).toBeInstanceOf(Date);
      expect((await lookups.byId(named.id))!.displayName).toBe('Ada');
      expect(await lookups.byId(`${plain.id}x`)).toBeNull();
      expect(await lookups.byEmail('nobody@example.com')).toBeNull();
    } finally {
      connection.close();
      await services.protocolStore.close();
      await services.db.$disconnect();
      await cleanup();
    }
  });
});
