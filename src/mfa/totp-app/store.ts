// The authenticator apps linked to accounts (any number up to MAX_AUTHENTICATORS, each with the
// name its owner chose): linking, the code check with the replay guard, the consecutive-failure
// lock and the guessing budget per app, renaming and removing, administrator reset, and
// re-encryption after a key rotation.
// Every check that must hold across concurrent requests and instances is a conditional UPDATE in
// the database, never a read followed by a write; a code is checked against all of an account's
// apps in a bounded number of queries, whatever their number (one read, then one UPDATE per stage).
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../../accounts/errors.js';
import type { Database, Prisma } from '../../database/client.js';
import type { FastReads } from '../../database/fast-reads.js';
import { serializable, type SerializableOptions } from '../../database/serializable.js';
import { SecretBoxError, type SecretBox } from '../secret-box.js';
import type { Factor, FactorFailure } from '../factor.js';
import { matchTotpAt, normalizeCode } from './totp.js';
import { Guesses, type Guess } from './guesses.js';
import { checkAppName } from './name.js';
import { systemClock, type Clock } from '../../clock.js';

export interface AuthenticatorView {
  id: string;
  /** The name its owner chose ("Work phone"); shown escaped. */
  name: string;
  createdAt: Date;
  confirmedAt: Date | null;
  lastUsedAt: Date | null;
  locked: boolean;
}

export type VerifyResult =
  | { ok: true; authenticatorId: string }
  /**
   * `wrong`: no app accepted it (every unlocked app was charged). `locked`: every app of the account
   * is locked now. `lockedNow` is true when this very code locked an app (worth an audit event).
   * `sameSignIn` is true on a replay of the code that the very sign-in checking it had accepted (a
   * double click, a form sent twice): neither a guess nor a sign of a stolen code.
   */
  | { ok: false; reason: FactorFailure; authenticatorId?: string; lockedNow?: boolean; sameSignIn?: boolean };

export type RenameResult = { ok: true; app: AuthenticatorView } | { ok: false; reason: 'invalid_name' | 'not_found' };

export type RemoveResult =
  | { ok: true; removed: AuthenticatorView; remaining: number }
  /** `last_factor`: the account's only app; a person links the new phone first, then removes the old. */
  | { ok: false; reason: 'not_found' | 'last_factor' };

export interface AuthenticatorStoreOptions {
  /** The confirmed apps of an account (read at every sign-in step) go through these, when given. */
  reads?: FastReads | undefined;
  /** What time it is (TOTP steps, last-used times); the system clock by default. */
  clock?: Clock;
  /** Consecutive wrong codes, across every IP, before the authenticator locks (NIST SP 800-63B §5.2.2: at most 100). */
  maxConsecutiveFailures?: number;
  /** Told of each retried serialization conflict (an enrolment racing another). */
  logger?: SerializableOptions['logger'];
  /**
   * The lifetime guessing budget: at most `guesses` points per window of `windowMs` per app, whatever
   * succeeds in between; a code checked against several apps costs each of them one point.
   */
  guessBudget?: { guesses: number; windowMs: number };
  /** How many apps one account may hold (MAX_AUTHENTICATORS). */
  maxAuthenticators?: number;
}

/** RATE_LIMIT_CODE_BUDGET and RATE_LIMIT_CODE_BUDGET_WINDOW's defaults. */
const DEFAULT_GUESS_BUDGET = { guesses: 20, windowMs: 30 * 86_400_000 };

/** The account already holds as many apps as it may (`enroll`, the direct way). */
class TooManyAuthenticatorsError extends Error {
  override name = 'TooManyAuthenticatorsError';
  constructor(max: number) {
    super(`this account already has ${max} authenticator apps, the most it may have`);
  }
}

// lastStep is a 32-bit integer column; RFC 6238 steps stay below it until the year 6053.
const MAX_STEP = 2 ** 31 - 1;
const BASE32_SECRET = /^[A-Z2-7]{26,128}$/;
const REENCRYPT_BATCH = 100;
// The second code of a resynchronisation comes within this many steps of the first (two minutes).
const RESYNC_STEPS = 4;

type Row = NonNullable<Awaited<ReturnType<Database['authenticator']['findFirst']>>>;
const CONFIRMED = { confirmedAt: { not: null } } as const;
const OLDEST_FIRST = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

function toView(row: Row): AuthenticatorView {
  return {
    id: row.id,
    name: row.label,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    lastUsedAt: row.lastUsedAt,
    locked: row.lockedAt !== null,
  };
}

/** A code of a step already accepted; the same sign-in's own only for exactly the step it had accepted. */
function replay(
  authenticatorId: string,
  step: number,
  accepted: { lastStep: number; lastStepBy: string | null },
  signIn: string,
): VerifyResult {
  const sameSignIn = step === accepted.lastStep && accepted.lastStepBy === signIn;
  return { ok: false, reason: 'replay', authenticatorId, sameSignIn };
}

export class AuthenticatorStore implements Factor<{ authenticatorId: string }> {
  readonly kind = 'totp';
  /** RFC 8176: a one-time password. */
  readonly amr: readonly string[] = ['otp'];
  /** How many apps one account may hold. */
  readonly maxAuthenticators: number;
  private readonly guesses: Guesses;
  private readonly clock: Clock;
  private readonly logger: SerializableOptions['logger'];
  private readonly reads: FastReads | undefined;

  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    options: AuthenticatorStoreOptions = {},
  ) {
    const maxConsecutiveFailures = options.maxConsecutiveFailures ?? 100;
    if (!Number.isSafeInteger(maxConsecutiveFailures) || maxConsecutiveFailures < 1)
      throw new RangeError('maxConsecutiveFailures must be a positive whole number');
    const guessBudget = options.guessBudget ?? DEFAULT_GUESS_BUDGET;
    if (!Number.isSafeInteger(guessBudget.guesses) || guessBudget.guesses < 1 || !(guessBudget.windowMs > 0))
      throw new RangeError('guessBudget must allow at least one guess in a positive window');
    this.maxAuthenticators = options.maxAuthenticators ?? 5;
    if (!Number.isSafeInteger(this.maxAuthenticators) || this.maxAuthenticators < 1)
      throw new RangeError('maxAuthenticators must be a positive whole number');
    this.guesses = new Guesses(db, { maxConsecutiveFailures, guessBudget });
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger;
    this.reads = options.reads;
  }

  /** The account's confirmed apps, oldest first, as Prisma returns them. */
  private confirmed(accountId: string): Promise<Row[]> {
    return this.reads
      ? this.reads.all<Row>(
          'SELECT * FROM authenticators WHERE account_id = ? AND confirmed_at IS NOT NULL ORDER BY created_at, id',
          accountId,
        )
      : this.db.authenticator.findMany({ where: { accountId, ...CONFIRMED }, orderBy: OLDEST_FIRST });
  }

  /** The account's confirmed apps, oldest first: what /account lists and the sign-in chooses a page by. */
  async list(accountId: string): Promise<AuthenticatorView[]> {
    return (await this.confirmed(accountId)).map(toView);
  }

  /**
   * Saves an authenticator whose first code the person has just typed correctly, beside the apps
   * the account has (up to `maxAuthenticators`). `acceptedStep` is the step of that code, so the same
   * code cannot then be replayed to sign in. The sign-in's enrolment goes through
   * src/signin/enrolment.ts, which also decides whether an app may be linked at all; this is the
   * direct way (tests, seeding).
   */
  async enroll(accountId: string, name: string, secret: string, acceptedStep: number): Promise<AuthenticatorView> {
    // Count-then-insert in one serializable transaction: of simultaneous enrolments beyond the
    // limit, one fails.
    return serializable(
      this.db,
      async (tx) => {
        if ((await this.countIn(tx, accountId)) >= this.maxAuthenticators)
          throw new TooManyAuthenticatorsError(this.maxAuthenticators);
        return this.createIn(tx, accountId, name, secret, acceptedStep);
      },
      { logger: this.logger },
    );
  }

  /** How many confirmed apps the account has, inside the caller's transaction. */
  countIn(tx: Prisma.TransactionClient, accountId: string): Promise<number> {
    return tx.authenticator.count({ where: { accountId, ...CONFIRMED } });
  }

  /** Inserts a confirmed authenticator inside the caller's transaction (which owns the checks). */
  async createIn(
    tx: Prisma.TransactionClient,
    accountId: string,
    name: string,
    secret: string,
    acceptedStep: number,
  ): Promise<AuthenticatorView> {
    const cleanName = checkAppName(name);
    if (cleanName === null)
      throw new InvalidInputError('an app name is 1 to 40 characters, without control characters');
    if (!BASE32_SECRET.test(secret)) throw new InvalidInputError('not a base32 TOTP secret of at least 128 bits');
    if (!Number.isSafeInteger(acceptedStep) || acceptedStep < 0 || acceptedStep > MAX_STEP) {
      throw new InvalidInputError('accepted time step out of range');
    }
    const sealed = this.box.seal(secret, accountId);
    const now = new Date(this.clock.now());
    const row = await tx.authenticator.create({
      data: {
        id: randomUUID(),
        accountId,
        kind: 'totp',
        label: cleanName,
        secretCiphertext: sealed.ciphertext,
        secretKeyId: sealed.keyId,
        confirmedAt: now,
        lastStep: acceptedStep,
        // The enrolment code is also the sign-in's second factor: the app was just used.
        lastUsedAt: now,
      },
    });
    return toView(row);
  }

  /** Gives one of the account's apps a new name (the person's own choice, checked like a new one). */
  async rename(accountId: string, id: string, name: string): Promise<RenameResult> {
    const cleanName = checkAppName(name);
    if (cleanName === null) return { ok: false, reason: 'invalid_name' };
    const renamed = await this.db.authenticator.updateManyAndReturn({
      where: { id, accountId, ...CONFIRMED },
      data: { label: cleanName },
    });
    return renamed[0] ? { ok: true, app: toView(renamed[0]) } : { ok: false, reason: 'not_found' };
  }

  /**
   * Removes one of the account's apps, unless it is the last: an account never loses its second
   * factor this way (a person adds the new phone first). Count and delete in one serializable
   * transaction, so two removals at once never take the last two. The row is gone at once: its
   * codes fail on every instance from the next request on. The caller audits it.
   */
  /**
   * `inTx`: what must commit with the removal or not at all (its audit row), given what went and
   * what is left; if it throws, the app stays.
   */
  async remove(
    accountId: string,
    id: string,
    inTx?: (tx: Prisma.TransactionClient, removed: { id: string; remaining: number }) => Promise<void>,
  ): Promise<RemoveResult> {
    return serializable(
      this.db,
      async (tx) => {
        const row = await tx.authenticator.findFirst({ where: { id, accountId, ...CONFIRMED } });
        if (!row) return { ok: false, reason: 'not_found' } as const;
        const count = await this.countIn(tx, accountId);
        // Never the last app that can still give a code: a locked one left alone leaves the person
        // at the locked page.
        const usable = await tx.authenticator.count({
          where: { accountId, ...CONFIRMED, lockedAt: null, id: { not: id } },
        });
        if (count <= 1 || usable === 0) return { ok: false, reason: 'last_factor' } as const;
        await tx.authenticator.delete({ where: { id } });
        await inTx?.(tx, { id: row.id, remaining: count - 1 });
        return { ok: true, removed: toView(row), remaining: count - 1 } as const;
      },
      { logger: this.logger },
    );
  }

  /**
   * Whether one of the account's confirmed authenticators (other than `except`) holds `secret`:
   * the secret of an enrolment page is new for each sign-in, so only that sign-in's own earlier
   * submission can have linked it.
   */
  async holdsSecret(tx: Prisma.TransactionClient, accountId: string, except: string[], secret: string) {
    const rows = await tx.authenticator.findMany({
      where: { accountId, ...CONFIRMED, id: { notIn: except } },
      select: { secretCiphertext: true, secretKeyId: true },
    });
    return rows.some((row) => this.box.open(row.secretCiphertext, row.secretKeyId, accountId) === secret);
  }

  /** The ids of the account's confirmed authenticators (what a recovery or a set-up link replaces). */
  async confirmedIds(accountId: string): Promise<string[]> {
    const rows = await this.db.authenticator.findMany({ where: { accountId, ...CONFIRMED }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  /**
   * Checks a code against every confirmed app of the account: one read of them all, the HMACs in
   * memory, then conditional UPDATEs over all of them at once. A code is accepted once: the step it
   * belongs to must be later than the app's last accepted one, checked and recorded by one
   * conditional UPDATE, so of any number of simultaneous submissions on any number of instances
   * exactly one wins. `signIn` names the sign-in the code is typed in; the same UPDATE records it
   * with the step, so a replay can tell whether that step was accepted for this very sign-in.
   * Before the code is checked it takes one point of the guessing budget on every unlocked app
   * (./guesses.ts); a right code or a replay gives them back, a wrong one keeps them and counts one
   * more consecutive failure on each.
   */
  async verify(accountId: string, code: string, signIn: string): Promise<VerifyResult> {
    const now = this.clock.now();
    if (normalizeCode(code) === null) return { ok: false, reason: 'malformed' };
    const rows = await this.confirmed(accountId);
    if (!rows.length) return { ok: false, reason: 'not_enrolled' };
    const unlocked = rows.filter((row) => !row.lockedAt);
    if (!unlocked.length) return { ok: false, reason: 'locked' };
    // One guess, one point on each app it is checked against (SECURITY.md, "The guessing bound").
    const cost = 1;
    const points = await this.guesses.take(
      unlocked.map((row) => row.id),
      cost,
      now,
    );
    // Spent: those apps lock (the guess that spent a budget normally did so already).
    const spentNow = await this.guesses.lock(
      unlocked.filter((row) => !points.has(row.id)).map((row) => row.id),
      now,
    );
    const checked = unlocked.filter((row) => points.has(row.id));
    if (!checked.length) return { ok: false, reason: 'locked', lockedNow: spentNow.length > 0 };

    let fresh: { row: Row; step: number; drift: number } | undefined;
    let used: { row: Row; step: number } | undefined;
    const resyncs: { id: string; offset: number; step: number }[] = [];
    for (const row of checked) {
      const secret = this.box.open(row.secretCiphertext, row.secretKeyId, accountId);
      // The window: one step either side of the app's learned offset (RFC 6238 §6), never wider.
      const d = row.drift;
      const found = matchTotpAt(secret, code, now, [d, d - 1, d + 1]);
      if (found) {
        // Already used (or an older step after a newer one): not a guess, so not counted as a failure.
        if (found.step > row.lastStep) fresh ??= { row, step: found.step, drift: d };
        else used ??= { row, step: found.step };
        continue;
      }
      // Just outside it: the app's clock may have moved. Not accepted alone; a second, later code
      // at the same offset moves the window there (RFC 6238 §6 resynchronisation).
      const edge = matchTotpAt(secret, code, now, [d - 2, d + 2]);
      if (!edge || edge.step <= row.lastStep) continue;
      const { resyncOffset, resyncStep } = row;
      if (
        resyncOffset === edge.offset &&
        resyncStep !== null &&
        edge.step > resyncStep &&
        edge.step <= resyncStep + RESYNC_STEPS
      )
        fresh ??= { row, step: edge.step, drift: edge.offset };
      else resyncs.push({ id: row.id, ...edge });
    }
    const taken = [...points.entries()];
    if (fresh) return this.accept(fresh.row.id, fresh, signIn, now, points, cost);
    if (used) {
      await this.guesses.giveBack(taken, cost);
      return replay(used.row.id, used.step, used.row, signIn);
    }
    const { open, lockedNow } = await this.guesses.wrong(points, now);
    // Rare (a code of one of the account's apps, two steps off): at most one row in practice.
    for (const { id, offset, step } of resyncs)
      await this.db.authenticator.updateMany({
        where: { id, lockedAt: null },
        data: { resyncOffset: offset, resyncStep: step },
      });
    const anyLockedNow = spentNow.length + lockedNow.length > 0;
    if (!open.length) return { ok: false, reason: 'locked', lockedNow: anyLockedNow };
    return { ok: false, reason: 'wrong', lockedNow: anyLockedNow };
  }

  /** A right code for app `id`: accepted by one conditional UPDATE, unless another request or a lock won. */
  private async accept(
    id: string,
    { step, drift }: { step: number; drift: number },
    signIn: string,
    now: number,
    points: Map<string, Guess>,
    cost: number,
  ): Promise<VerifyResult> {
    const guess = points.get(id)!;
    const others = [...points.entries()].filter(([other]) => other !== id);
    const accepted = {
      lastStep: step,
      lastStepBy: signIn,
      lastUsedAt: new Date(now),
      failedCodes: 0,
      drift,
      resyncOffset: null,
      resyncStep: null,
    };
    const where = { id, lastStep: { lt: step }, lockedAt: null };
    // Accepted and its points given back in one write, while its window is still the open one.
    let { count } = await this.db.authenticator.updateMany({
      where: { ...where, guessWindowStart: guess.windowStart, guessesInWindow: { gte: cost } },
      data: { ...accepted, guessesInWindow: { decrement: cost } },
    });
    // Its window was closed and another opened meanwhile: the points stay in the old one, gone.
    if (count === 0) ({ count } = await this.db.authenticator.updateMany({ where, data: accepted }));
    await this.guesses.giveBack(others, cost);
    if (count === 1) {
      await this.guesses.right(others.map(([other]) => other));
      return { ok: true, authenticatorId: id };
    }
    // Lost the race: another request accepted this step first, the app just locked, or it was removed.
    const current = await this.db.authenticator.findUnique({
      where: { id },
      select: { lockedAt: true, lastStep: true, lastStepBy: true },
    });
    if (!current) return { ok: false, reason: others.length ? 'wrong' : 'not_enrolled' };
    if (current.lockedAt) return { ok: false, reason: others.length ? 'wrong' : 'locked', authenticatorId: id };
    // A double submit of a right code: a replay, not a guess.
    await this.guesses.giveBack([[id, guess]], cost);
    return replay(id, step, current, signIn);
  }

  /** Administrator reset: forgets every authenticator of the account. Returns how many. */
  async removeAll(accountId: string, tx: Prisma.TransactionClient = this.db): Promise<number> {
    const { count } = await tx.authenticator.deleteMany({ where: { accountId } });
    return count;
  }

  /** Lifts the lock and forgets the failure counts, the budget's too. Returns how many authenticators changed. */
  async unlock(accountId: string): Promise<number> {
    const { count } = await this.db.authenticator.updateMany({
      where: { accountId },
      data: { lockedAt: null, failedCodes: 0, guessWindowStart: null, guessesInWindow: 0 },
    });
    return count;
  }

  /**
   * Re-seals every secret not yet under the box's current key (after `keys rotate-secret`), in
   * batches. Safe to run again after an interruption. Returns how many were re-sealed.
   */
  async reencryptAll(): Promise<number> {
    const current = this.box.currentKeyId;
    let resealed = 0;
    let after = '';
    for (;;) {
      const rows = await this.db.authenticator.findMany({
        where: { secretKeyId: { not: current }, id: { gt: after } },
        orderBy: { id: 'asc' },
        take: REENCRYPT_BATCH,
        select: { id: true, accountId: true, secretCiphertext: true, secretKeyId: true },
      });
      if (rows.length === 0) return resealed;
      for (const row of rows) {
        let plaintext: string;
        try {
          plaintext = this.box.open(row.secretCiphertext, row.secretKeyId, row.accountId);
        } catch (error) {
          if (error instanceof SecretBoxError)
            throw new SecretBoxError(error.reason, `authenticator ${row.id}: ${error.message}`);
          throw error;
        }
        const sealed = this.box.seal(plaintext, row.accountId);
        // Only if the row still holds what we read: a concurrent change wins over our copy.
        const { count } = await this.db.authenticator.updateMany({
          where: { id: row.id, secretKeyId: row.secretKeyId, secretCiphertext: row.secretCiphertext },
          data: { secretCiphertext: sealed.ciphertext, secretKeyId: sealed.keyId },
        });
        resealed += count;
      }
      after = rows[rows.length - 1]!.id;
    }
  }
}
