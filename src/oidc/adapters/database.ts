// oidc-provider's storage contract on our own database (one table, keyed by model and id), used
// when no Redis is configured, so a restart loses no session. Expired rows are invisible at once
// and deleted by `purgeExpired`, which the server runs periodically.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { postgresPoolOf, type Database } from '../../database/client.js';
import { mayBeStored } from '../../database/text.js';
import { sqltag } from '@prisma/client/runtime/client';
import { inBatches } from '../../database/housekeeping.js';
import { deleteUnderGrantsOf, grantsAmong, ownersOf } from './owners.js';

export class DatabaseAdapter implements Adapter {
  constructor(
    private readonly db: Database,
    private readonly model: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const owners = ownersOf(this.model, payload);
    const data = {
      payload: JSON.stringify(payload),
      grantId: owners.grantId ?? null,
      accountId: owners.accountId ?? null,
      clientId: owners.clientId ?? null,
      userCode: payload.userCode ?? null,
      uid: payload.uid ?? null,
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
      consumedAt: null,
    };
    await this.db.oidcPayload.upsert({
      where: { model_id: { model: this.model, id } },
      create: { model: this.model, id, ...data },
      update: data,
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    if (!mayBeStored(id)) return undefined;
    return this.live(await this.db.oidcPayload.findUnique({ where: { model_id: { model: this.model, id } } }));
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    if (!mayBeStored(uid)) return undefined;
    return this.live(await this.db.oidcPayload.findFirst({ where: { model: this.model, uid } }));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    if (!mayBeStored(userCode)) return undefined;
    return this.live(await this.db.oidcPayload.findFirst({ where: { model: this.model, userCode } }));
  }

  async consume(id: string): Promise<void> {
    // Only the first consumer flips the flag; oidc-provider treats a consumed code or rotated
    // refresh token presented again as an attack and revokes the grant.
    await this.db.oidcPayload.updateMany({
      where: { model: this.model, id, consumedAt: null },
      data: { consumedAt: new Date() },
    });
  }

  async destroy(id: string): Promise<void> {
    await this.db.oidcPayload.deleteMany({ where: { model: this.model, id } });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.oidcPayload.deleteMany({ where: { grantId } });
  }

  private live(
    row: { payload: string; expiresAt: Date | null; consumedAt: Date | null } | null,
  ): AdapterPayload | undefined {
    if (!row || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return undefined;
    const payload = JSON.parse(row.payload) as AdapterPayload;
    if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
    return payload;
  }
}

/** The live entries of one model that belong to the account (the account_id index). */
export async function listAccountState(
  db: Database,
  model: string,
  accountId: string,
): Promise<{ id: string; payload: AdapterPayload }[]> {
  const rows = await db.oidcPayload.findMany({
    where: { model, accountId, OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
  });
  return rows.map((row) => ({ id: row.id, payload: JSON.parse(row.payload) as AdapterPayload }));
}

// A grant's codes and tokens are filed under the grant alone (owners.ts): they go with it, first,
// in the same transaction, through the grant_id index (one statement, however many grants).
// owners.ts's SQL, its `?` bound the way each database writes a placeholder.
const underGrantsOf = (column: 'account_id' | 'client_id', owner: string) =>
  sqltag(deleteUnderGrantsOf(column).split('?'), owner);

/** Ends every session, grant, code and token of one account, whatever its model. */
export async function revokeAccountState(db: Database, accountId: string): Promise<void> {
  await db.$transaction([
    db.$executeRaw(underGrantsOf('account_id', accountId)),
    db.oidcPayload.deleteMany({ where: { accountId } }),
  ]);
}

/** Ends every grant, code and token issued to one client, whatever its model. */
export async function revokeClientState(db: Database, clientId: string): Promise<void> {
  await db.$transaction([
    db.$executeRaw(underGrantsOf('client_id', clientId)),
    db.oidcPayload.deleteMany({ where: { clientId } }),
  ]);
}

/**
 * Deletes protocol state that has expired, the oldest first, a batch at a time (housekeeping.ts);
 * an expired grant takes its codes and tokens with it (owners.ts), and goes only once they have.
 * Returns how many rows went.
 */
export async function purgeExpired(db: Database, stop?: AbortSignal): Promise<number> {
  const cutoff = new Date();
  const key = { model: true, id: true } as const;
  // Only a PostgreSQL client has a pool of ours (client.ts): this adapter's production database.
  const byKeys = postgresPoolOf(db) ? deleteByKeysOnPostgresql : deleteByKeys;
  return inBatches(async (limit) => {
    const rows = await db.oidcPayload.findMany({
      where: { expiresAt: { lt: cutoff } },
      orderBy: { expiresAt: 'asc' },
      select: key,
      take: limit,
    });
    if (!rows.length) return { deleted: 0, full: false };
    const grants = grantsAmong(rows);
    const tokens = grants.length
      ? await db.oidcPayload.findMany({ where: { grantId: { in: grants } }, select: key, take: limit })
      : [];
    const ofTokens = () => byKeys(db, tokens);
    if (tokens.length === limit) return { deleted: counted(await ofTokens()), full: true };
    // Expired still: a row saved again under the same id since it was selected lives again.
    const ofRows = () => byKeys(db, rows, cutoff);
    const deleted = tokens.length ? await db.$transaction([ofTokens(), ofRows()]) : [await ofRows()];
    return { deleted: deleted.reduce((sum: number, result) => sum + counted(result), 0), full: rows.length === limit };
  }, stop);
}

type Keys = { model: string; id: string }[];

/**
 * Deletes the rows with these keys (and, given `expiredBefore`, only if still expired then): one
 * primary-key lookup per key. Prisma's `OR` of 200 (model, id) pairs cost PostgreSQL ~75 ms a batch
 * to plan and run (beside `expires_at < cutoff` it chose a range scan of every expired row), the
 * purge of 20,000 expired rows 10 s; this statement, well under a millisecond.
 */
function deleteByKeysOnPostgresql(db: Database, keys: Keys, expiredBefore?: Date) {
  const [models, ids] = [keys.map((k) => k.model), keys.map((k) => k.id)];
  const stillExpired = expiredBefore ? sqltag`AND o.expires_at < ${expiredBefore}` : sqltag``;
  return db.$executeRaw`DELETE FROM oidc_payloads o USING unnest(${models}::text[], ${ids}::text[]) AS k(model, id)
    WHERE o.model = k.model AND o.id = k.id ${stillExpired}`;
}

/** The same through Prisma's query builder, where this adapter runs on SQLite (the contract tests). */
function deleteByKeys(db: Database, keys: Keys, expiredBefore?: Date) {
  const still = expiredBefore ? { expiresAt: { lt: expiredBefore } } : {};
  return db.oidcPayload.deleteMany({ where: { OR: keys.map((k) => ({ ...k, ...still })) } });
}

/**
 * Rows deleted, as $executeRaw (a number) or deleteMany ({ count }) says it: $transaction takes the
 * queries' own unsettled promises, so neither deleter can turn its result into the other's shape.
 */
const counted = (result: number | { count: number }) => (typeof result === 'number' ? result : result.count);
