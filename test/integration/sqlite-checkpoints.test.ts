// The embedded file's write-ahead log is checkpointed by a thread of its own
// (src/database/checkpoints.ts), not inside the commits of the event loop, and the lookups of
// protocol state use the partial indexes that spare token writes their empty columns.
import { statSync } from 'node:fs';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging.js';
import { openServices } from '../../src/services.js';
import { openSqlite, type SqliteConnection } from '../../src/database/sqlite.js';
import { checkpointInBackground } from '../../src/database/checkpoints.js';
import { deleteUnderGrantsOf } from '../../src/oidc/adapters/owners.js';
import { freshEnvironment } from '../support/databases.js';

const PAGE = 4096;

describe('SQLite checkpoints and protocol-state indexes', () => {
  let cleanup: () => Promise<void>;
  let file: string;
  let services: Awaited<ReturnType<typeof openServices>>;
  beforeAll(async () => {
    const fresh = await freshEnvironment({ DATABASE_URL: '' });
    cleanup = fresh.cleanup;
    const config = loadConfig({ ...fresh.env, DATABASE_URL: '' });
    if (config.database.kind !== 'sqlite') throw new Error('expected SQLite');
    file = config.database.file;
    // Migrates the file.
    services = await openServices(config, createLogger('silent'));
  });
  afterAll(async () => {
    await services.protocolStore.close();
    await services.db.$disconnect();
    await cleanup();
  });

  const write = (db: SqliteConnection, pages: number) => {
    db.prepare('CREATE TABLE IF NOT EXISTS filler (blob BLOB)').run();
    const insert = db.prepare('INSERT INTO filler (blob) VALUES (randomblob(?))');
    for (let i = 0; i < pages; i++) insert.run(PAGE);
  };
  const until = async (done: () => boolean) => {
    const deadline = Date.now() + 5000;
    while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return done();
  };

  it('a serving connection leaves the log to the thread, which copies it into the file soon after', async () => {
    const db = openSqlite(file);
    try {
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000);
      const before = statSync(file).size;
      // 2,000 pages: twice SQLite's own threshold, so a commit would have checkpointed by now.
      write(db, 2000);
      expect(statSync(file).size).toBe(before);
      const checkpoints = checkpointInBackground(file, createLogger('silent'));
      try {
        expect(await until(() => statSync(file).size >= before + 2000 * PAGE)).toBe(true);
      } finally {
        await checkpoints.close();
      }
      // Stopped: what is written now stays in the log.
      const after = statSync(file).size;
      write(db, 500);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(statSync(file).size).toBe(after);
    } finally {
      db.close();
    }
  });

  it('Prisma’s own connection leaves the log to the thread too', async () => {
    const rows =
      await services.db.$queryRawUnsafe<{ wal_autocheckpoint: number | bigint }[]>('PRAGMA wal_autocheckpoint');
    expect(Number(rows[0]!.wal_autocheckpoint)).toBe(10_000);
  });

  it.each([
    ['grant_id', 'DELETE FROM oidc_payloads WHERE grant_id = ?'],
    ['account_id', 'DELETE FROM oidc_payloads WHERE account_id = ?'],
    ['client_id', 'DELETE FROM oidc_payloads WHERE client_id = ?'],
    ['uid', 'SELECT payload FROM oidc_payloads WHERE model = ? AND uid = ? LIMIT 1'],
    ['user_code', 'SELECT payload FROM oidc_payloads WHERE model = ? AND user_code = ? LIMIT 1'],
    // Ending an account's or a client's grants finds the grants by their owner's index, then their
    // codes and tokens by the grant's.
    ...(['account_id', 'client_id'] as const).flatMap((owner) => [
      ['grant_id', deleteUnderGrantsOf(owner)],
      [owner, deleteUnderGrantsOf(owner)],
    ]),
  ])('a lookup by %s uses its partial index (%s)', (column, sql) => {
    const db = openSqlite(file);
    try {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(
        ...sql
          .split('?')
          .slice(1)
          .map(() => 'x'),
      ) as {
        detail: string;
      }[];
      expect(plan.map((step) => step.detail).join('\n')).toMatch(
        new RegExp(`USING (COVERING )?INDEX oidc_payloads_${column}_idx`),
      );
      const index = db
        .prepare("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?")
        .get(`oidc_payloads_${column}_idx`) as { sql: string };
      expect(index.sql).toContain(`WHERE "${column}" IS NOT NULL`);
    } finally {
      db.close();
    }
  });
});
