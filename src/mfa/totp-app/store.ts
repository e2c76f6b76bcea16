// The authenticator apps linked to accounts: enrolment, code checks with the replay guard, the
// consecutive-failure lock and the guessing budget, administrator reset, and re-encryption after a
// key rotation.
// Every check that must hold across concurrent requests and instances is a single conditional
// UPDATE in the database, never a read followed by a write.
import { randomUUID } from 'node:crypto';
import { InvalidInputError } from '../../accounts/errors.js';
import type { Database, Prisma } from '../../database/client.js';
import { serializable, type SerializableOptions } from '../../database/serializable.js';
import { databaseErrorKind } from '../../database/errors.js';
import { SecretBoxError, type SecretBox } from '../secret-box.js';
import { normalizeCode, verifyTotp } from './totp.js';
import { systemClock, type Clock } from '../../clock.js';

export interface AuthenticatorView {
  id: string;
  label: string;
  createdAt: Date;
  confirmedAt: Date | null;
  lastUsedAt: Date | null;
  locked: boolean;
}

export type VerifyFailure = 'malformed' | 'invalid' | 'replay' | 'locked' | 'not_enrolled';

export type VerifyResult =
  | { ok: true; authenticatorId: string }
  /**
   * `lockedNow` is true only on the wrong code that reached the limit (worth an audit event).
   * `sameSignIn` is true on a replay of the code that the very sign-in checking it had accepted (a
   * double click, a form sent twice): neither a guess nor a sign of a stolen code.
   */
  | { ok: false; reason: VerifyFailure; authenticatorId?: string; lockedNow?: boolean; sameSignIn?: boolean };

export interface AuthenticatorStoreOptions {
  /** What time it is (TOTP steps, last-used times); the system clock by default. */
  clock?: Clock;
  /** Consecutive wrong codes, across every IP, before the authenticator locks (NIST SP 800-63B §5.2.2: at most 100). */
  maxConsecutiveFailures?: number;
  /** Told of each retried serialization conflict (an enrolment racing another). */
  logger?: SerializableOptions['logger'];
  /**
   * The lifetime guessing budget: at most `guesses` codes checked and not accepted per window of
   * `windowMs`, whatever succeeds in between; the guess that spends it locks the authenticator.
   */
  guessBudget?: { guesses: number; windowMs: number };
}

/** RATE_LIMIT_CODE_BUDGET and RATE_LIMIT_CODE_BUDGET_WINDOW's defaults. */
const DEFAULT_GUESS_BUDGET = { guesses: 20, windowMs: 30 * 86_400_000 };

/** A point of the guessing budget, taken before a code is checked. */
interface Guess {
  /** The window it was counted in, so giving it back never lands in a later window. */
  windowStart: Date;
  /** True when it was the window's last point: a wrong code with it locks the authenticator. */
  last: boolean;
}

/** The account already has a confirmed authenticator; only one per account is supported for now. */
class AlreadyEnrolledError extends Error {
  override name = 'AlreadyEnrolledError';
  constructor() {
    super('this account already has an authenticator app');
  }
}

// lastStep is a 32-bit integer column; RFC 6238 steps stay below it until the year 6053.
const MAX_STEP = 2 ** 31 - 1;
const BASE32_SECRET = /^[A-Z2-7]{26,128}$/;
const REENCRYPT_BATCH = 100;

type Row = NonNullable<Awaited<ReturnType<Database['authenticator']['findFirst']>>>;

function toView(row: Row): AuthenticatorView {
  return {
    id: row.id,
    label: row.label,
    createdAt: row.createdAt,
    confirmedAt: row.confirmedAt,
    lastUsedAt: row.lastUsedAt,
    locked: row.lockedAt !== null,
  };
}

function checkLabel(label: string): string {
  const clean = label.normalize('NFKC').trim();
  if (!clean || clean.length > 100 || /[\p{Cc}\p{Cf}]/u.test(clean)) {
    throw new InvalidInputError('authenticator label must be 1 to 100 characters, without control characters');
  }
  return clean;
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

// `update` with extra filters throws "record not found" when no row matches them.
function isNoMatch(error: unknown): boolean {
  return databaseErrorKind(error) === 'not_found';
}

export class AuthenticatorStore {
  private readonly maxConsecutiveFailures: number;
  private readonly guessBudget: { guesses: number; windowMs: number };
  private readonly clock: Clock;
  private readonly logger: SerializableOptions['logger'];

  constructor(
    private readonly db: Database,
    private readonly box: SecretBox,
    options: AuthenticatorStoreOptions = {},
  ) {
    const max = options.maxConsecutiveFailures ?? 100;
    if (!Number.isSafeInteger(max) || max < 1)
      throw new RangeError('maxConsecutiveFailures must be a positive whole number');
    this.maxConsecutiveFailures = max;
    const budget = options.guessBudget ?? DEFAULT_GUESS_BUDGET;
    if (!Number.isSafeInteger(budget.guesses) || budget.guesses < 1 || !(budget.windowMs > 0))
      throw new RangeError('guessBudget must allow at least one guess in a positive window');
    this.guessBudget = budget;
    this.clock = options.clock ?? systemClock;
    this.logger = options.logger;
  }

  async findConfirmed(accountId: string): Promise<AuthenticatorView | null> {
    const row = await this.confirmedRow(accountId);
    return row && toView(row);
  }

  async list(accountId: string): Promise<AuthenticatorView[]> {
    const rows = await this.db.authenticator.findMany({
      where: { accountId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(toView);
  }

  /**
   * Saves an authenticator whose first code the person has just typed correctly, when the account
   * has none yet. `acceptedStep` is the step of that code, so the same code cannot then be replayed
   * to sign in. The sign-in's enrolment goes through src/signin/enrolment.ts, which also decides
   * whether an app may be linked at all; this is the direct way (tests, seeding).
   */
  async enroll(accountId: string, label: string, secret: string, acceptedStep: number): Promise<AuthenticatorView> {
    // Check-then-insert: of two simultaneous enrolments (a double-submitted form) one wins; the
    // other then sees it.
    const row = await serializable(
      this.db,
      async (tx) => {
        const existing = await tx.authenticator.findFirst({
          where: { accountId, confirmedAt: { not: null } },
          select: { id: true },
        });
        if (existing) throw new AlreadyEnrolledError();
        return this.createIn(tx, accountId, label, secret, acceptedStep);
      },
      { logger: this.logger },
    );
    return toView(row);
  }

  /** Inserts a confirmed authenticator inside the caller's transaction (which owns the checks). */
  createIn(tx: Prisma.TransactionClient, accountId: string, label: string, secret: string, acceptedStep: number) {
    const cleanLabel = checkLabel(label);
    if (!BASE32_SECRET.test(secret)) throw new InvalidInputError('not a base32 TOTP secret of at least 128 bits');
    if (!Number.isSafeInteger(acceptedStep) || acceptedStep < 0 || acceptedStep > MAX_STEP) {
      throw new InvalidInputError('accepted time step out of range');
    }
    const sealed = this.box.seal(secret, accountId);
    const now = new Date(this.clock.now());
    return tx.authenticator.create({
      data: {
        id: randomUUID(),
        accountId,
        kind: 'totp',
        label: cleanLabel,
        secretCiphertext: sealed.ciphertext,
        secretKeyId: sealed.keyId,
        confirmedAt: now,
        lastStep: acceptedStep,
        // The enrolment code is also the sign-in's second factor: the app was just used.
        lastUsedAt: now,
      },
    });
  }

  /**
   * Whether one of the account's confirmed authenticators (other than `except`) holds `secret`:
   * the secret of an enrolment page is new for each sign-in, so only that sign-in's own earlier
   * submission can have linked it.
   */
  async holdsSecret(tx: Prisma.TransactionClient, accountId: string, except: string[], secret: string) {
    const rows = await tx.authenticator.findMany({
      where: { accountId, confirmedAt: { not: null }, id: { notIn: except } },
      select: { secretCiphertext: true, secretKeyId: true },
    });
    return rows.some((row) => this.box.open(row.secretCiphertext, row.secretKeyId, accountId) === secret);
  }

  /** The ids of the account's confirmed authenticators (what a recovery or a set-up link replaces). */
  async confirmedIds(accountId: string): Promise<string[]> {
    const rows = await this.db.authenticator.findMany({
      where: { accountId, confirmedAt: { not: null } },
      select: { id: true },
    });
    return rows.map((row) => row.id);
  }

  /**
   * Checks a code for the account's authenticator. A code is accepted once: the step it belongs to
   * must be later than the last accepted one, checked and recorded by one conditional UPDATE, so
   * of any number of simultaneous submissions on any number of instances exactly one wins.
   * `signIn` names the sign-in the code is typed in; the same UPDATE records it with the step, so a
   * replay can tell whether that step was accepted for this very sign-in.
   * Before any code is checked it takes a point of the guessing budget (one conditional UPDATE
   * too); a right code or a replay gives its point back, a wrong one keeps it.
   */
  async verify(accountId: string, code: string, signIn: string): Promise<VerifyResult> {
    const now = this.clock.now();
    if (normalizeCode(code) === null) return { ok: false, reason: 'malformed' };
    const row = await this.confirmedRow(accountId);
    if (!row) return { ok: false, reason: 'not_enrolled' };
    const authenticatorId = row.id;
    if (row.lockedAt) return { ok: false, reason: 'locked', authenticatorId };
    const guess = await this.takeGuess(authenticatorId, now);
    // Spent: the authenticator locks (the guess that spent it normally did so already).
    if (!guess) return this.lock(authenticatorId);

    const step = verifyTotp(this.box.open(row.secretCiphertext, row.secretKeyId, accountId), code, now);
    if (step === null) return this.countFailure(authenticatorId, guess);
    // Already used (or an older step after a newer one): not a guess, so not counted as a failure.
    if (step <= row.lastStep) {
      await this.giveBack(authenticatorId, guess);
      return replay(authenticatorId, step, row, signIn);
    }

    const accepted = { lastStep: step, lastStepBy: signIn, lastUsedAt: new Date(now), failedCodes: 0 };
    const where = { id: authenticatorId, lastStep: { lt: step }, lockedAt: null };
    // Accepted and its point given back in one write, while its window is still the open one.
    let { count } = await this.db.authenticator.updateMany({
      where: { ...where, guessWindowStart: guess.windowStart, guessesInWindow: { gt: 0 } },
      data: { ...accepted, guessesInWindow: { decrement: 1 } },
    });
    // Its window was closed and another opened meanwhile: the point stays in the old one, gone.
    if (count === 0) ({ count } = await this.db.authenticator.updateMany({ where, data: accepted }));
    if (count === 1) return { ok: true, authenticatorId };
    // Lost the race: another request accepted this step first, or the authenticator just locked.
    const current = await this.db.authenticator.findUnique({
      where: { id: authenticatorId },
      select: { lockedAt: true, lastStep: true, lastStepBy: true },
    });
    if (!current) return { ok: false, reason: 'not_enrolled' };
    if (current.lockedAt) return { ok: false, reason: 'locked', authenticatorId };
    // A double submit of a right code: a replay, not a guess.
    await this.giveBack(authenticatorId, guess);
    return replay(authenticatorId, step, current, signIn);
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

  private confirmedRow(accountId: string): Promise<Row | null> {
    return this.db.authenticator.findFirst({
      where: { accountId, confirmedAt: { not: null } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /**
   * Takes a point of the guessing budget for one code check, or null when the budget is spent (or
   * the authenticator locked or went since it was read). A point is taken in the open window if it
   * has one left, else a new window opens at `now` when the last one is over; when two requests
   * race to open one, the loser counts in the winner's.
   */
  private async takeGuess(authenticatorId: string, now: number): Promise<Guess | null> {
    const { guesses, windowMs } = this.guessBudget;
    const over = new Date(now - windowMs);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const taken = await this.db.authenticator.update({
          where: {
            id: authenticatorId,
            lockedAt: null,
            guessWindowStart: { gt: over },
            guessesInWindow: { lt: guesses },
          },
          data: { guessesInWindow: { increment: 1 } },
          select: { guessWindowStart: true, guessesInWindow: true },
        });
        return { windowStart: taken.guessWindowStart!, last: taken.guessesInWindow >= guesses };
      } catch (error) {
        if (!isNoMatch(error)) throw error;
      }
      if (attempt === 1) break;
      const windowStart = new Date(now);
      const { count } = await this.db.authenticator.updateMany({
        where: {
          id: authenticatorId,
          lockedAt: null,
          OR: [{ guessWindowStart: null }, { guessWindowStart: { lte: over } }],
        },
        data: { guessWindowStart: windowStart, guessesInWindow: 1 },
      });
      if (count === 1) return { windowStart, last: guesses === 1 };
    }
    return null;
  }

  /** A checked code that was not a guess after all (right, or a replay): its point goes back. */
  private async giveBack(authenticatorId: string, guess: Guess): Promise<void> {
    await this.db.authenticator.updateMany({
      where: { id: authenticatorId, guessWindowStart: guess.windowStart, guessesInWindow: { gt: 0 } },
      data: { guessesInWindow: { decrement: 1 } },
    });
  }

  /** Locks the authenticator; `lockedNow` when this call did it (worth an audit event). */
  private async lock(authenticatorId: string): Promise<VerifyResult> {
    const { count } = await this.db.authenticator.updateMany({
      where: { id: authenticatorId, lockedAt: null },
      data: { lockedAt: new Date(this.clock.now()) },
    });
    if (count === 1) return { ok: false, reason: 'locked', authenticatorId, lockedNow: true };
    const current = await this.db.authenticator.findUnique({ where: { id: authenticatorId }, select: { id: true } });
    return current ? { ok: false, reason: 'locked', authenticatorId } : { ok: false, reason: 'not_enrolled' };
  }

  /**
   * One more consecutive wrong code (its budget point is kept); locks the authenticator when the
   * consecutive count reaches its limit or the budget is spent.
   */
  private async countFailure(authenticatorId: string, guess: Guess): Promise<VerifyResult> {
    let failedCodes: number;
    try {
      ({ failedCodes } = await this.db.authenticator.update({
        where: { id: authenticatorId, lockedAt: null },
        data: { failedCodes: { increment: 1 } },
        select: { failedCodes: true },
      }));
    } catch (error) {
      if (!isNoMatch(error)) throw error;
      // Locked, or removed by an administrator, since we read it.
      const current = await this.db.authenticator.findUnique({ where: { id: authenticatorId }, select: { id: true } });
      return current ? { ok: false, reason: 'locked', authenticatorId } : { ok: false, reason: 'not_enrolled' };
    }
    if (failedCodes < this.maxConsecutiveFailures && !guess.last)
      return { ok: false, reason: 'invalid', authenticatorId };
    return this.lock(authenticatorId);
  }
}
