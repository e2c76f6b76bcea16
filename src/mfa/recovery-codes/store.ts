// The recovery codes of each account, as digests (./codes.ts): issuing a set (which replaces the
// one before), using one code, counting the unused ones, removing them on an administrator reset.
// Plain codes exist only in the return value of `replace`, for the one page that shows them. As a
// factor of the sign-in (src/mfa/factor.ts) a right code proves nothing on its own: it only lets
// the sign-in link a new app, whose first code then finishes it (src/signin/flow.ts).
import { randomUUID } from 'node:crypto';
import type { Database, Prisma } from '../../database/client.js';
import { serializable, type SerializableOptions } from '../../database/serializable.js';
import type { Factor, FactorResult } from '../factor.js';
import { generateRecoveryCodes, normalizeRecoveryCode, recoveryCodeDigest } from './codes.js';

export type RecoveryCodeResult =
  | { ok: true; remaining: number }
  /** `malformed`: cannot be a code at all (not a guess); `invalid`: wrong, or used before. */
  | { ok: false; reason: 'malformed' | 'invalid' };

export class RecoveryCodeStore implements Factor<{ remaining: number }> {
  readonly kind = 'recovery_code';
  /** Nothing by itself: the sign-in it opens ends with a new app's code (`otp`). */
  readonly amr: readonly string[] = [];

  constructor(
    private readonly db: Database,
    /** `logger`: told of each retried serialization conflict (two new sets at once). */
    private readonly options: SerializableOptions = {},
  ) {}

  /**
   * A fresh set for the account, replacing every code it had (used or not). Returns the codes to
   * show once; nothing else keeps them. Delete-then-insert in one SERIALIZABLE transaction, so two
   * simultaneous replacements leave one set, never both.
   */
  async replace(accountId: string): Promise<string[]> {
    return serializable(this.db, (tx) => this.replaceIn(tx, accountId), this.options);
  }

  /**
   * A fresh set that replaces the one the person saw (`seenSet`, from `currentSet`), recorded by
   * `record` in the same transaction: if the audit row cannot be written, the old codes stay and no
   * new ones exist (never old codes deleted and new ones unshown). Null when the set was already
   * replaced since (a form sent twice, a reload of the page that showed the new codes): nothing changes.
   */
  async replaceSeen(
    accountId: string,
    seenSet: string,
    record: (tx: Prisma.TransactionClient, count: number) => Promise<void>,
  ): Promise<string[] | null> {
    return serializable(
      this.db,
      async (tx) => {
        if ((await this.currentSet(accountId, tx)) !== seenSet) return null;
        const codes = await this.replaceIn(tx, accountId);
        await record(tx, codes.length);
        return codes;
      },
      this.options,
    );
  }

  /**
   * Names the account's current set ('' when it has none): it changes with every replacement, so a
   * form carrying it asks to replace that set, once. Row ids are random; their digests stay private.
   */
  async currentSet(accountId: string, tx: Prisma.TransactionClient = this.db): Promise<string> {
    const first = await tx.recoveryCode.findFirst({
      where: { accountId },
      orderBy: { id: 'asc' },
      select: { id: true },
    });
    return first?.id ?? '';
  }

  /** The same replacement inside the caller's transaction (an enrolment's, which must all hold or none). */
  async replaceIn(tx: Prisma.TransactionClient, accountId: string): Promise<string[]> {
    const codes = generateRecoveryCodes();
    await tx.recoveryCode.deleteMany({ where: { accountId } });
    await tx.recoveryCode.createMany({
      data: codes.map((code) => ({
        id: randomUUID(),
        accountId,
        digest: recoveryCodeDigest(accountId, normalizeRecoveryCode(code)!),
      })),
    });
    return codes;
  }

  /**
   * Uses one code. Accepted once: a single conditional UPDATE (`WHERE used_at IS NULL`) marks it
   * used, so of any number of simultaneous submissions, on any number of instances, exactly one
   * wins. A used code and a wrong one get the same answer.
   */
  async use(accountId: string, typed: string): Promise<RecoveryCodeResult> {
    const code = normalizeRecoveryCode(typed);
    if (code === null) return { ok: false, reason: 'malformed' };
    // Spent and counted in one transaction: a failure of either leaves the code unspent, so the
    // person is never told "nothing was changed" about a code that is in fact used up.
    const [{ count }, remaining] = await this.db.$transaction([
      this.db.recoveryCode.updateMany({
        where: { accountId, digest: recoveryCodeDigest(accountId, code), usedAt: null },
        data: { usedAt: new Date() },
      }),
      this.db.recoveryCode.count({ where: { accountId, usedAt: null } }),
    ]);
    if (count !== 1) return { ok: false, reason: 'invalid' };
    return { ok: true, remaining };
  }

  /** `use` as a factor: a used code and a wrong one are both `wrong` (the page tells them apart from nothing). */
  async verify(accountId: string, typed: string): Promise<FactorResult<{ remaining: number }>> {
    const result = await this.use(accountId, typed);
    return result.ok ? result : { ok: false, reason: result.reason === 'malformed' ? 'malformed' : 'wrong' };
  }

  /** How many unused codes the account has. */
  remaining(accountId: string): Promise<number> {
    return this.db.recoveryCode.count({ where: { accountId, usedAt: null } });
  }

  /** Administrator reset: forgets every code of the account. Returns how many. */
  async removeAll(accountId: string, tx: Prisma.TransactionClient = this.db): Promise<number> {
    const { count } = await tx.recoveryCode.deleteMany({ where: { accountId } });
    return count;
  }
}
