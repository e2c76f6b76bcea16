// The account lookups of every sign-in step and token request skip Prisma on both databases
// (src/accounts/sqlite-lookups.ts, src/accounts/pg-lookups.ts). They must return exactly what
// Prisma returns for the same rows (field names, dates, nulls), whatever the account's state, or
// every rule reading an account would silently see something else. Runs on SQLite and, as its
// PostgreSQL twin, on PostgreSQL (where the server's time zone must not shift a date).
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging.js';
import { openServices } from '../../src/services.js';
import { freshEnvironment } from '../support/databases.js';

describe('account lookups beside Prisma', () => {
  let services: Awaited<ReturnType<typeof openServices>>;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    // Redis off: on SQLite the lookups are those of the embedded default's own connection.
    const fresh = await freshEnvironment();
    cleanup = fresh.cleanup;
    services = await openServices(loadConfig(fresh.env), createLogger('silent'));
  });
  afterAll(async () => {
    await services.protocolStore.close();
    await services.db.$disconnect();
    await cleanup();
  });

  it('return what Prisma returns, for a new, a named, a disabled and an enrolling account, and nothing for others', async () => {
    const lookups = (services.accounts as unknown as { lookups?: object }).lookups;
    expect(lookups).toBeDefined();
    const plain = await services.accounts.create({ email: 'plain@example.com', password: 'a long passphrase 1' });
    await services.accounts.create({ email: 'named@example.com', displayName: 'Ada', password: 'a long passphrase 2' });
    await services.accounts.create({ email: 'gone@example.com', password: 'a long passphrase 3' });
    await services.accounts.disable('gone@example.com');
    for (const email of ['plain@example.com', 'named@example.com', 'gone@example.com']) {
      const prisma = await services.db.account.findUnique({ where: { email } });
      expect(await services.accounts.findByEmail(email)).toEqual(prisma);
      expect(await services.accounts.findById(prisma!.id)).toEqual(prisma);
    }
    const gone = await services.accounts.findByEmail('gone@example.com');
    expect(gone!.disabledAt).toBeInstanceOf(Date);
    // Within a minute of now, whatever the time zone of the machine or the database server.
    expect(Math.abs(gone!.disabledAt!.getTime() - Date.now())).toBeLessThan(60_000);
    expect(await services.accounts.findById(`${plain.id}x`)).toBeNull();
    expect(await services.accounts.findByEmail('nobody@example.com')).toBeNull();
  });
});

describe('account lookups on PostgreSQL when the server cannot be reached', () => {
  it('fail as an outage (a 503 with Retry-After upstream), not as a bug', async () => {
    const { default: pg } = await import('pg');
    const { pgAccountLookups } = await import('../../src/accounts/pg-lookups.js');
    const { StoreUnavailableError } = await import('../../src/outage/index.js');
    // Nothing listens on port 1; a stopped server or a failover looks the same to the driver.
    const pool = new pg.Pool({
      connectionString: 'postgresql://postgres@127.0.0.1:1/none',
      connectionTimeoutMillis: 2000,
    });
    pool.on('error', () => undefined);
    try {
      const lookups = pgAccountLookups(pool);
      await expect(lookups.byId('someone')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(lookups.byEmail('someone@example.com')).rejects.toBeInstanceOf(StoreUnavailableError);
    } finally {
      await pool.end();
    }
    // And after the pool was closed (a request still running past shutdown).
    await expect(pgAccountLookups(pool).byId('someone')).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});
