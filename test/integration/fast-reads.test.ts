// The reads of every sign-in step and token request skip Prisma on both databases
// (src/database/fast-reads.ts): an account by id or email, an account's confirmed authenticator
// apps. They must return exactly what Prisma returns for the same rows (field names, dates, nulls,
// numbers), whatever the state, or every rule reading them (a disabled account, a locked app, the
// replay guard's last step) would silently see something else. Runs on SQLite and, as its
// PostgreSQL twin, on PostgreSQL (where the server's time zone must not shift a date).
import { loadConfig } from '../../src/config/index.js';
import { generateTotpSecret } from '../../src/mfa/totp-app/totp.js';
import { createLogger } from '../../src/logging.js';
import { openServices } from '../../src/services.js';
import { freshEnvironment } from '../support/databases.js';

describe('fast reads beside Prisma', () => {
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
    const reads = (services.accounts as unknown as { reads?: object }).reads;
    expect(reads).toBeDefined();
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

  it("return an account's confirmed apps as Prisma does, oldest first, locked and used ones too", async () => {
    expect((services.authenticators as unknown as { reads?: object }).reads).toBeDefined();
    const person = await services.accounts.create({ email: 'apps@example.com', password: 'a long passphrase 4' });
    const other = await services.accounts.create({ email: 'other@example.com', password: 'a long passphrase 5' });
    const first = await services.authenticators.enroll(person.id, 'Phone', generateTotpSecret(), 7);
    const second = await services.authenticators.enroll(person.id, 'Tablet', generateTotpSecret(), 0);
    await services.authenticators.enroll(other.id, 'Theirs', generateTotpSecret(), 0);
    // A used, a locked and a resynchronising app: every column the code check reads is set.
    await services.db.authenticator.update({
      where: { id: second.id },
      data: { lockedAt: new Date(), failedCodes: 3, guessWindowStart: new Date(), guessesInWindow: 4 },
    });
    await services.db.authenticator.update({
      where: { id: first.id },
      data: { lastStepBy: 'sign-in-1', drift: -1, resyncOffset: 2, resyncStep: 99 },
    });
    // Linked but never confirmed: not listed.
    await services.db.authenticator.create({
      data: { id: 'unconfirmed', accountId: person.id, label: 'Half', secretCiphertext: 'x', secretKeyId: 'k' },
    });
    // Linked in the same millisecond: the id decides, the same way on both paths.
    const tie = new Date('2026-01-01T00:00:00.000Z');
    await services.db.authenticator.updateMany({
      where: { id: { in: [first.id, second.id] } },
      data: { createdAt: tie },
    });
    const byId = [first.id, second.id].sort();
    const prisma = await services.db.authenticator.findMany({
      where: { accountId: person.id, confirmedAt: { not: null } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    expect(prisma.map((row) => row.id)).toEqual(byId);
    const fast = await (services.authenticators as unknown as { confirmed(id: string): Promise<unknown[]> }).confirmed(
      person.id,
    );
    expect(fast).toEqual(prisma);
    const views = await services.authenticators.list(person.id);
    expect(views.map((view) => view.id)).toEqual(byId);
    expect(views.find((view) => view.id === first.id)).toEqual(
      expect.objectContaining({ name: 'Phone', locked: false }),
    );
    expect(views.find((view) => view.id === second.id)).toEqual(
      expect.objectContaining({ name: 'Tablet', locked: true }),
    );
    expect(await services.authenticators.list('nobody')).toEqual([]);
  });
});

describe('fast reads on PostgreSQL when the server cannot be reached', () => {
  it('fail as an outage (a 503 with Retry-After upstream), not as a bug', async () => {
    const { default: pg } = await import('pg');
    const { pgReads } = await import('../../src/database/fast-reads.js');
    const { StoreUnavailableError } = await import('../../src/outage/index.js');
    // Nothing listens on port 1; a stopped server or a failover looks the same to the driver.
    const pool = new pg.Pool({
      connectionString: 'postgresql://postgres@127.0.0.1:1/none',
      connectionTimeoutMillis: 2000,
    });
    pool.on('error', () => undefined);
    try {
      const reads = await pgReads(pool);
      await expect(reads.one('SELECT * FROM accounts WHERE id = ?', 'someone')).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
      await expect(reads.all('SELECT * FROM authenticators WHERE account_id = ?', 'someone')).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    } finally {
      await pool.end();
    }
    // And after the pool was closed (a request still running past shutdown).
    await expect((await pgReads(pool)).one('SELECT * FROM accounts WHERE id = ?', 'someone')).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });
});
