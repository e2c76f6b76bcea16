// oidc-provider's storage contract on the embedded SQLite database, through better-sqlite3 directly
// with statements prepared once. The same `oidc_payloads` table, columns and formats as the Prisma
// adapter (database.ts, used on PostgreSQL): one schema, one set of migrations, and either adapter
// reads what the other wrote. Every token request and sign-in step reads or writes this table
// several times; through Prisma each query cost ~0.3 ms of CPU (query building, a fresh `prepare`
// in its driver adapter), here a few microseconds. better-sqlite3 is synchronous: each statement
// is a short indexed lookup or write, well under the cost of the event-loop turn it replaces.
// Writes are committed together, one transaction per turn of the event loop (write-batch.ts).
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { sqliteTimestamp as timestamp, type SqliteConnection } from '../../database/sqlite.js';
import type { Rows, WriteBatch } from '../../database/write-batch.js';
import { mayBeStored } from '../../database/text.js';
import { inBatches, type Batch } from '../../database/housekeeping.js';
import { deleteUnderGrantsOf, grantsAmong, ownersOf } from './owners.js';

interface Row {
  payload: string;
  expires_at: string | null;
  consumed_at: string | null;
}

const COLUMNS = 'payload, expires_at, consumed_at';

/** The prepared statements of one connection, shared by every model's adapter. */
class Statements {
  readonly upsert;
  readonly find;
  readonly findByUid;
  readonly findByUserCode;
  readonly consume;
  readonly destroy;
  readonly revokeGrant;
  readonly revokeAccount;
  readonly listAccount;
  readonly revokeClient;
  readonly purgeBatch;

  constructor(db: SqliteConnection) {
    // A fresh upsert replaces the entry as a whole, so it is not consumed.
    this.upsert = db.prepare<
      [string, string, string, string | null, string | null, string | null, string | null, string | null, string | null]
    >(
      `INSERT INTO oidc_payloads (model, id, payload, grant_id, account_id, client_id, user_code, uid, expires_at, consumed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
       ON CONFLICT (model, id) DO UPDATE SET payload = excluded.payload, grant_id = excluded.grant_id,
         account_id = excluded.account_id, client_id = excluded.client_id, user_code = excluded.user_code,
         uid = excluded.uid, expires_at = excluded.expires_at, consumed_at = NULL`,
    );
    this.find = db.prepare<[string, string], Row>(`SELECT ${COLUMNS} FROM oidc_payloads WHERE model = ? AND id = ?`);
    this.findByUid = db.prepare<[string, string], Row>(
      `SELECT ${COLUMNS} FROM oidc_payloads WHERE model = ? AND uid = ? LIMIT 1`,
    );
    this.findByUserCode = db.prepare<[string, string], Row>(
      `SELECT ${COLUMNS} FROM oidc_payloads WHERE model = ? AND user_code = ? LIMIT 1`,
    );
    // Only the first consumer sets the time; oidc-provider treats a consumed code or rotated refresh
    // token presented again as an attack and revokes the grant.
    this.consume = db.prepare<[string, string, string]>(
      'UPDATE oidc_payloads SET consumed_at = ? WHERE model = ? AND id = ? AND consumed_at IS NULL',
    );
    this.destroy = db.prepare<[string, string]>('DELETE FROM oidc_payloads WHERE model = ? AND id = ?');
    this.revokeGrant = db.prepare<[string]>('DELETE FROM oidc_payloads WHERE grant_id = ?');
    // A grant's codes and tokens are filed under the grant alone (owners.ts): they go with it, first.
    const revokeOwned = (column: 'account_id' | 'client_id') => {
      const ofGrants = db.prepare<[string]>(deleteUnderGrantsOf(column));
      const owned = db.prepare<[string]>(`DELETE FROM oidc_payloads WHERE ${column} = ?`);
      return (owner: string) => {
        ofGrants.run(owner);
        owned.run(owner);
      };
    };
    this.revokeAccount = revokeOwned('account_id');
    this.revokeClient = revokeOwned('client_id');
    this.listAccount = db.prepare<[string, string, string], Row & { id: string }>(
      `SELECT id, ${COLUMNS} FROM oidc_payloads WHERE account_id = ? AND model = ? AND (expires_at IS NULL OR expires_at > ?)`,
    );
    // The oldest expired rows, a batch at a time (housekeeping.ts); an expired grant takes its codes
    // and tokens with it (owners.ts). The expires_at index gives them in order.
    const expired = db.prepare<[string, number], { model: string; id: string }>(
      'SELECT model, id FROM oidc_payloads WHERE expires_at < ? ORDER BY expires_at LIMIT ?',
    );
    // At most `limit` of the codes and tokens filed under the grants listed (a JSON array).
    const underGrants = db.prepare<[string, number]>(
      'DELETE FROM oidc_payloads WHERE rowid IN (SELECT rowid FROM oidc_payloads WHERE grant_id IN (SELECT value FROM json_each(?)) LIMIT ?)',
    );
    this.purgeBatch = (cutoff: string, limit: number): Batch => {
      const rows = expired.all(cutoff, limit);
      const grants = grantsAmong(rows);
      const tokens = grants.length ? underGrants.run(JSON.stringify(grants), limit).changes : 0;
      // A grant goes only once its codes and tokens have. Every rotated refresh token is kept for its
      // own 14 days, so one grant can hold hundreds: the next batch goes on with them first.
      if (tokens === limit) return { deleted: tokens, full: true };
      let deleted = tokens;
      for (const { model, id } of rows) deleted += this.destroy.run(model, id).changes;
      return { deleted, full: rows.length === limit };
    };
  }
}

/** The statements behind every model's adapter, on a connection it owns: `close()` ends it. */
export class SqliteProtocolState {
  readonly statements: Statements;
  private closing: Promise<void> | undefined;
  constructor(
    private readonly db: SqliteConnection,
    private readonly batch: WriteBatch,
  ) {
    this.statements = new Statements(db);
  }

  adapter(model: string): Adapter {
    return new SqliteAdapter(this.statements, this.batch, model);
  }

  async revokeAccount(accountId: string): Promise<void> {
    await this.batch.write(() => this.statements.revokeAccount(accountId));
  }

  /** The live entries of one model that belong to the account (the account_id index). */
  async listByAccount(model: string, accountId: string): Promise<{ id: string; payload: AdapterPayload }[]> {
    // Like every read, it first commits the writes still waiting, so it sees them.
    await this.batch.settled(modelRows(model));
    const rows = this.statements.listAccount.all(accountId, model, timestamp(Date.now()));
    return rows.map((row) => ({ id: row.id, payload: live(row)! }));
  }

  async revokeClient(clientId: string): Promise<void> {
    await this.batch.write(() => this.statements.revokeClient(clientId));
  }

  /** Deletes protocol state that has expired, a batch per turn of the event loop; returns how many rows went. */
  async purge(stop?: AbortSignal): Promise<number> {
    const cutoff = timestamp(Date.now());
    return inBatches((limit) => this.batch.write(() => this.statements.purgeBatch(cutoff, limit)), stop);
  }

  /** Once every write issued has committed, one retrying behind another connection's lock too. */
  close(): Promise<void> {
    this.closing ??= this.batch.settled().then(() => {
      this.db.close();
    });
    return this.closing;
  }
}

class SqliteAdapter implements Adapter {
  /** This model's rows, for the group commit: a read of one commits early only writes to it. */
  private readonly rows: Rows;
  constructor(
    private readonly statements: Statements,
    private readonly batch: WriteBatch,
    private readonly model: string,
  ) {
    this.rows = modelRows(model);
  }

  private row(id: string): Rows {
    return { scope: this.rows.scope, key: id };
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const owners = ownersOf(this.model, payload);
    const row = [
      this.model,
      id,
      JSON.stringify(payload),
      owners.grantId ?? null,
      owners.accountId ?? null,
      owners.clientId ?? null,
      payload.userCode ?? null,
      payload.uid ?? null,
      expiresIn ? timestamp(Date.now() + expiresIn * 1000) : null,
    ] as const;
    await this.batch.write(() => this.statements.upsert.run(...row), this.row(id));
  }

  // Each read first commits the writes still waiting (or waits for a batch retrying behind another
  // connection's lock), so it sees every write issued before it.
  async find(id: string): Promise<AdapterPayload | undefined> {
    if (!mayBeStored(id)) return undefined;
    await this.batch.settled(this.row(id));
    return live(this.statements.find.get(this.model, id));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    if (!mayBeStored(uid)) return undefined;
    await this.batch.settled(this.rows);
    return live(this.statements.findByUid.get(this.model, uid));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    if (!mayBeStored(userCode)) return undefined;
    await this.batch.settled(this.rows);
    return live(this.statements.findByUserCode.get(this.model, userCode));
  }

  async consume(id: string): Promise<void> {
    const at = timestamp(Date.now());
    await this.batch.write(() => this.statements.consume.run(at, this.model, id), this.row(id));
  }

  async destroy(id: string): Promise<void> {
    await this.batch.write(() => this.statements.destroy.run(this.model, id), this.row(id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.batch.write(() => this.statements.revokeGrant.run(grantId));
  }
}

/** One model's rows, for the group commit (write-batch.ts). */
const modelRows = (model: string): Rows => ({ scope: `oidc_payloads/${model}` });

/** The payload of a row that has not expired, with `consumed` (seconds) when it was consumed. */
function live(row: Row | undefined): AdapterPayload | undefined {
  if (!row || (row.expires_at && Date.parse(row.expires_at) <= Date.now())) return undefined;
  const payload = JSON.parse(row.payload) as AdapterPayload;
  if (row.consumed_at) payload.consumed = Math.floor(Date.parse(row.consumed_at) / 1000);
  return payload;
}
