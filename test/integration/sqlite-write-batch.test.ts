// oidc-provider's state on the embedded default commits the writes of one event-loop turn together
// (src/database/write-batch.ts). What the provider relies on must hold as when each write ran at
// once: a read sees every write issued before it, writes land in the order they were issued, a
// write another connection's lock delays still lands (and a read or a close waits for it), and one
// bad write fails alone, the others then landing one after another in order.
import type { Adapter } from 'oidc-provider';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logging.js';
import { openServices } from '../../src/services.js';
import { openSqlite, type SqliteConnection } from '../../src/database/sqlite.js';
import { WriteBatch } from '../../src/database/write-batch.js';
import { freshEnvironment } from '../support/databases.js';

describe('protocol state writes on SQLite, committed per turn', () => {
  let services: Awaited<ReturnType<typeof openServices>>;
  let other: SqliteConnection;
  let cleanup: () => Promise<void>;
  let sessions: Adapter;
  let file: string;
  beforeAll(async () => {
    const fresh = await freshEnvironment({ DATABASE_URL: '' });
    cleanup = fresh.cleanup;
    const config = loadConfig({ ...fresh.env, DATABASE_URL: '' });
    services = await openServices(config, createLogger('silent'));
    if (config.database.kind !== 'sqlite' || services.protocolStore.kind === 'redis')
      throw new Error('expected SQLite');
    file = config.database.file;
    other = openSqlite(file);
    // Not the Session model: its store first checks a session was not ended (ended-sessions.ts), an
    // awaited read before each write, so only awaited writes of it keep their order.
    sessions = services.protocolStore.adapter('Grant');
  });
  afterAll(async () => {
    other.close();
    await services.protocolStore.close();
    await services.db.$disconnect();
    await cleanup();
  });

  const stored = (id: string) =>
    other.prepare('SELECT payload, consumed_at FROM oidc_payloads WHERE model = ? AND id = ?').get('Grant', id) as
      { payload: string; consumed_at: string | null } | undefined;

  it('a read issued right after writes, before they settle, sees them all, in order', async () => {
    const written = [
      sessions.upsert('s-1', { jti: 's-1', n: 1 }, 60),
      sessions.upsert('s-1', { jti: 's-1', n: 2 }, 60),
      sessions.consume('s-1'),
      sessions.upsert('s-2', { jti: 's-2' }, 60),
      sessions.destroy('s-2'),
    ];
    const found = await sessions.find('s-1');
    expect(found).toMatchObject({ jti: 's-1', n: 2, consumed: expect.any(Number) as number });
    expect(await sessions.find('s-2')).toBeUndefined();
    await Promise.all(written);
    expect(JSON.parse(stored('s-1')!.payload)).toMatchObject({ n: 2 });
  });

  it('a read of other rows leaves the turn’s writes waiting, so the turn commits once; a read of the same rows or after a broad write commits them first', async () => {
    const tokens = services.protocolStore.adapter('AccessToken');
    const waiting = sessions.upsert('s-10', { jti: 's-10' }, 60);
    // Another model and another row of the same model: nothing they read is waiting.
    expect(await tokens.find('t-none')).toBeUndefined();
    expect(await sessions.find('s-none')).toBeUndefined();
    expect(stored('s-10')).toBeUndefined();
    // The row itself is read as written.
    expect(await sessions.find('s-10')).toMatchObject({ jti: 's-10' });
    expect(stored('s-10')).toBeDefined();
    await waiting;

    // A lookup by uid may meet any row of its model.
    const byUid = sessions.upsert('s-11', { jti: 's-11', uid: 'u-11' }, 60);
    expect(await sessions.findByUid('u-11')).toMatchObject({ jti: 's-11' });
    await byUid;

    // Revoking a grant may delete rows of every model: any read after it sees that.
    await tokens.upsert('t-12', { jti: 't-12', grantId: 'g-12' }, 60);
    const revoked = sessions.revokeByGrantId('g-12');
    expect(await tokens.find('t-12')).toBeUndefined();
    await revoked;
  });

  it('writes settle only once committed, where every other connection sees them', async () => {
    await sessions.upsert('s-3', { jti: 's-3' }, 60);
    expect(stored('s-3')).toBeDefined();
  });

  it('a write delayed by another connection holding the write lock lands once the lock is released', async () => {
    other.prepare('BEGIN IMMEDIATE').run();
    let settled = false;
    const write = sessions.upsert('s-4', { jti: 's-4' }, 60).then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    other.prepare('COMMIT').run();
    await write;
    expect(stored('s-4')).toBeDefined();
  });

  it('one write that fails fails alone: the others of its turn land', async () => {
    // The middle one fails inside the turn's transaction (SQLite binds no object), which rolls back.
    const results = await Promise.allSettled([
      sessions.upsert('s-5', { jti: 's-5' }, 60),
      sessions.revokeByGrantId({} as unknown as string),
      sessions.upsert('s-6', { jti: 's-6' }, 60),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(stored('s-5')).toBeDefined();
    expect(stored('s-6')).toBeDefined();
  });

  const aTurn = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('a read while a batch waits for another connection’s lock waits for it: a code redeemed twice reads "consumed"', async () => {
    await sessions.upsert('s-7', { jti: 's-7' }, 60);
    other.prepare('BEGIN IMMEDIATE').run();
    const consumed = sessions.consume('s-7');
    await aTurn();
    const second = sessions.find('s-7');
    other.prepare('COMMIT').run();
    await consumed;
    expect(await second).toMatchObject({ consumed: expect.any(Number) as number });
  });

  it('after one bad write, the others land one after another, in order, even when they meet a lock', async () => {
    const connection = openSqlite(file);
    const batch = new WriteBatch(connection);
    connection.prepare('CREATE TABLE IF NOT EXISTS batch_order (n INTEGER)').run();
    const insert = connection.prepare<[number]>('INSERT INTO batch_order (n) VALUES (?)');
    const landed: number[] = [];
    const startedBeforeEarlierLanded: number[] = [];
    let locked = false;
    const write = (n: number) => () => {
      if (landed.length !== n - 1) startedBeforeEarlierLanded.push(n);
      insert.run(n);
      landed.push(n);
    };
    try {
      const results = Promise.allSettled([
        // Fails for its own reason, having let another connection take the write lock.
        batch.write(() => {
          if (!locked) other.prepare('BEGIN IMMEDIATE').run();
          locked = true;
          throw new Error('not a lock');
        }),
        batch.write(write(1)),
        batch.write(write(2)),
        batch.write(write(3)),
      ]);
      await aTurn();
      other.prepare('COMMIT').run();
      expect((await results).map((r) => r.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect(landed).toEqual([1, 2, 3]);
      expect(startedBeforeEarlierLanded).toEqual([]);
    } finally {
      connection.close();
    }
  });

  // Last: it closes the store.
  it('closing while a batch waits for another connection’s lock commits it first', async () => {
    other.prepare('BEGIN IMMEDIATE').run();
    const written = sessions.upsert('s-9', { jti: 's-9' }, 60);
    await aTurn();
    const closed = services.protocolStore.close();
    await aTurn();
    other.prepare('COMMIT').run();
    await closed;
    await written;
    expect(stored('s-9')).toBeDefined();
  });
});
