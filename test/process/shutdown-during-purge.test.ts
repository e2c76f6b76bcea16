// SIGTERM while housekeeping is deleting expired protocol state: the round stops after the batch it
// is on, the stores close after it (not under it), the process exits 0 within 10 s with nothing on
// stderr, and what the round did not reach is still there, consistent, for the next start to delete.
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging.js';
import { openServices } from '../../src/services.js';
import { freshEnvironment, testDatabaseKind } from '../support/databases.js';
import { runCli } from '../support/cli.js';
import { spawnTwofold, type TwofoldProcess } from '../support/twofold-process.js';

// Enough that the purge at start takes seconds (1,000 batches) on any machine, well past the
// moment the server listens.
const EXPIRED = 200_000;
const SLOW = 120_000;

/** Opens the environment's database, runs `work` on it, closes it. */
async function withDatabase<T>(env: Record<string, string>, work: (db: DatabaseOf) => Promise<T>): Promise<T> {
  const services = await openServices(loadConfig({ ...env, ISSUER: 'http://127.0.0.1:1' }), createLogger('silent'));
  try {
    return await work(services.db);
  } finally {
    await services.protocolStore.close();
    await services.db.$disconnect();
  }
}
type DatabaseOf = Awaited<ReturnType<typeof openServices>>['db'];

/** EXPIRED interactions that expired a day ago, in one statement; and one live grant. */
async function fillExpired(db: DatabaseOf, kind: string): Promise<void> {
  if (kind === 'postgresql') {
    await db.$executeRawUnsafe(
      `INSERT INTO oidc_payloads (model, id, payload, expires_at)
       SELECT 'Interaction', 'expired-' || g, '{}', now() - interval '1 day' FROM generate_series(1, ${EXPIRED}) AS g`,
    );
  } else {
    await db.$executeRawUnsafe(
      `WITH RECURSIVE n(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM n WHERE g < ${EXPIRED})
       INSERT INTO oidc_payloads (model, id, payload, expires_at)
       SELECT 'Interaction', 'expired-' || g, '{}', '${new Date(Date.now() - 86_400_000).toISOString().replace('Z', '+00:00')}' FROM n`,
    );
  }
  await db.oidcPayload.create({
    data: { model: 'Grant', id: 'live', payload: '{}', expiresAt: new Date(Date.now() + 86_400_000) },
  });
}

const expiredLeft = (db: DatabaseOf) => db.oidcPayload.count({ where: { model: 'Interaction' } });

/** SIGTERM, and what the process said and did until it exited. */
async function terminate(twofold: TwofoldProcess) {
  const signalled = Date.now();
  twofold.child.kill('SIGTERM');
  const exit = await twofold.exited;
  return { exit, ms: Date.now() - signalled };
}

const purgedCount = (twofold: TwofoldProcess) =>
  twofold.logs.filter((line) => line.msg === 'expired protocol state deleted').map((line) => line.count as number);

describe('SIGTERM during the housekeeping purge', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let twofold: TwofoldProcess | undefined;
  beforeAll(async () => {
    ({ env, cleanup } = await freshEnvironment());
    expect((await runCli(['migrate'], env)).code).toBe(0);
    await withDatabase(env, (db) => fillExpired(db, testDatabaseKind()));
  }, SLOW);
  afterEach(async () => {
    await twofold?.kill();
  });
  afterAll(() => cleanup());

  it(
    'stops the round between batches, exits 0, and leaves the rest for the next start',
    async () => {
      twofold = await spawnTwofold(env);
      // The purge starts with the server and yields between batches; it is still running now.
      const { exit, ms } = await terminate(twofold);
      expect(exit).toEqual({ code: 0, signal: null });
      expect(ms).toBeLessThan(10_000);
      expect(twofold.stderr()).toBe('');
      const messages = twofold.logs.map((line) => line.msg);
      expect(messages).not.toContain('purging expired protocol state failed');
      expect(messages.at(-1)).toBe('stopped: connections drained, database and redis pools closed');
      // Its round was cut short: it deleted some, not all, and said how many.
      const [deleted = 0] = purgedCount(twofold);
      expect(deleted).toBeGreaterThan(0);
      if (deleted === EXPIRED) throw new Error('the purge finished before SIGTERM: raise EXPIRED');
      expect(deleted).toBeLessThan(EXPIRED);
      const left = await withDatabase(env, expiredLeft);
      expect(left).toBe(EXPIRED - deleted);

      // The next start's round deletes the rest, and only expired rows.
      twofold = await spawnTwofold(env);
      const line = await twofold.waitForLog((l) => l.msg === 'expired protocol state deleted', SLOW);
      expect(line.count).toBe(left);
      expect((await terminate(twofold)).exit).toEqual({ code: 0, signal: null });
      await withDatabase(env, async (db) => {
        expect(await expiredLeft(db)).toBe(0);
        expect(await db.oidcPayload.count({ where: { model: 'Grant', id: 'live' } })).toBe(1);
      });
    },
    // Two starts and a purge of nearly every row, on a machine CI shares.
    3 * SLOW,
  );
});
