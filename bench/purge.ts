// The housekeeping purge on the embedded database, against the one DELETE it replaced: how long the
// event loop stands still while a busy instance's ten minutes of expired protocol state go. Two
// copies of one file (SIGN_INS sign-ins' worth of rows: a session, a grant, an interaction, a code,
// an access token and a refresh token each; EXPIRED of them with their interaction, code and access
// token expired, a third of those with their grant too, and ten of those grants with 300 rotated
// refresh tokens each, as a grant refreshed hourly for 14 days keeps) and, as in production, the checkpoint
// thread beside each. On one, `DELETE … WHERE expires_at < ?` and the orphan scan (synchronous, so
// their time is the stall); on the other, the purge, with a timer every millisecond reading the
// longest gap between its ticks.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../src/logging.js';
import { migrate } from '../src/database/migrate.js';
import { openSqlite, sqliteTimestamp, type SqliteConnection } from '../src/database/sqlite.js';
import { checkpointInBackground } from '../src/database/checkpoints.js';
import { WriteBatch } from '../src/database/write-batch.js';
import { SqliteProtocolState } from '../src/oidc/adapters/sqlite.js';

const SIGN_INS = 100_000;
// Ten minutes at ~25 sign-ins a second.
const EXPIRED = 15_000;
const ROTATED = 300;
// What the purge was before it went in batches (commit 0dddb13).
const ONE_STATEMENT = [
  'DELETE FROM oidc_payloads WHERE expires_at < ?',
  "DELETE FROM oidc_payloads WHERE grant_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM oidc_payloads g WHERE g.model = 'Grant' AND g.id = oidc_payloads.grant_id)",
];

export interface PurgeStall {
  rows: number;
  deleted: number;
  /** How long the one DELETE held the event loop (ms). */
  oneStatementMs: number;
  /** The purge: the longest the event loop went without running a 1 ms timer, and its whole time (ms). */
  worstGapMs: number;
  /** The longest of its batches' own statements (ms), their commits aside. */
  longestBatchMs: number;
  purgeMs: number;
}

function fill(db: SqliteConnection, now: number): number {
  const insert = db.prepare<(string | null)[]>(
    `INSERT INTO oidc_payloads (model, id, payload, grant_id, account_id, client_id, uid, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const id = () => randomBytes(21).toString('base64url');
  const payload = (bytes: number) => JSON.stringify({ filler: randomBytes(bytes).toString('base64') });
  // Live rows expire no sooner than 15 minutes from now: filling and measuring take a minute or two.
  const at = (ms: number) => sqliteTimestamp(now + ms);
  const DAYS_14 = 14 * 24 * 3600 * 1000;
  db.transaction(() => {
    for (let i = 0; i < SIGN_INS; i++) {
      const [account, grant, expired] = [`account-${i % 3000}`, id(), i < EXPIRED];
      const gone = expired ? -1000 : 0;
      insert.run('Session', id(), payload(300), null, account, null, id(), at(DAYS_14));
      insert.run(
        'Grant',
        grant,
        payload(200),
        null,
        account,
        'app',
        null,
        at(expired && i % 3 === 0 ? -1000 : DAYS_14),
      );
      insert.run('Interaction', id(), payload(1200), null, account, 'app', id(), at(gone || 900_000));
      insert.run('AuthorizationCode', id(), payload(400), grant, null, null, null, at(gone || 900_000));
      insert.run('AccessToken', id(), payload(400), grant, null, null, null, at(gone || 3_600_000));
      insert.run('RefreshToken', id(), payload(400), grant, null, null, null, at(DAYS_14));
      if (expired && i % 3 === 0 && i < 30)
        for (let r = 0; r < ROTATED; r++)
          insert.run('RefreshToken', id(), payload(400), grant, null, null, null, at(DAYS_14));
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  return SIGN_INS * 6 + 10 * ROTATED;
}

/** A digest of the rows left, to compare the two files. */
function survivors(db: SqliteConnection): string {
  const digest = createHash('sha256');
  for (const [model, id] of db
    .prepare('SELECT model, id FROM oidc_payloads ORDER BY model, id')
    .raw()
    .iterate() as Iterable<[string, string]>)
    digest.update(`${model} ${id}\n`);
  return digest.digest('hex');
}

export async function purgeStall(): Promise<PurgeStall> {
  const dir = mkdtempSync(join(tmpdir(), 'twofold-bench-purge-'));
  const logger = createLogger('silent');
  try {
    const [first, second] = [join(dir, 'one.db'), join(dir, 'batches.db')];
    await migrate({ kind: 'sqlite', file: first, url: `file:${first}` });
    const now = Date.now();
    let db = openSqlite(first);
    const rows = fill(db, now);
    db.close();
    copyFileSync(first, second);
    const cutoff = sqliteTimestamp(now);

    let checkpoints = checkpointInBackground(first, logger);
    db = openSqlite(first);
    let started = performance.now();
    let deleted = 0;
    for (const sql of ONE_STATEMENT) deleted += db.prepare(sql).run(...(sql.includes('?') ? [cutoff] : [])).changes;
    const oneStatementMs = performance.now() - started;
    const left = survivors(db);
    db.close();
    await checkpoints.close();

    checkpoints = checkpointInBackground(second, logger);
    db = openSqlite(second);
    const state = new SqliteProtocolState(db, new WriteBatch(db));
    const { purgeBatch } = state.statements;
    let longestBatchMs = 0;
    Object.assign(state.statements, {
      purgeBatch: (cutoff: string, limit: number) => {
        const t = performance.now();
        const batch = purgeBatch(cutoff, limit);
        longestBatchMs = Math.max(longestBatchMs, performance.now() - t);
        return batch;
      },
    });
    let [last, worstGapMs] = [performance.now(), 0];
    const ticking = setInterval(() => {
      const t = performance.now();
      worstGapMs = Math.max(worstGapMs, t - last);
      last = t;
    }, 1);
    started = last = performance.now();
    const purged = await state.purge();
    const purgeMs = performance.now() - started;
    clearInterval(ticking);
    const same = survivors(db) === left;
    await state.close();
    await checkpoints.close();
    if (purged !== deleted || !same)
      throw new Error(`the purge deleted ${purged} rows, the one DELETE ${deleted}; the same rows left: ${same}`);
    return { rows, deleted, oneStatementMs, worstGapMs, longestBatchMs, purgeMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
