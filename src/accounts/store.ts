// Accounts in the database: creation with policy checks, lookups by the indexed id and email.
import { randomUUID } from 'node:crypto';
import type { Database } from '../database/client.js';
import type { FastReads } from '../database/fast-reads.js';
import { databaseErrorKind } from '../database/errors.js';
import { parseEmail } from './email.js';
import { InvalidInputError } from './errors.js';
import { checkPasswordPolicy, hashPassword } from './password.js';
import { mayBeStored } from '../database/text.js';
import { systemClock, type Clock } from '../clock.js';

export interface NewAccount {
  email: string;
  displayName?: string | undefined;
  password: string;
}

export type Account = NonNullable<Awaited<ReturnType<Database['account']['findUnique']>>>;

export interface AccountStoreOptions {
  /** The two lookups every sign-in and token request makes go through these, when given. */
  reads?: FastReads | undefined;
  /** How long a new account may link its first app with the password alone (ENROLLMENT_WINDOW). */
  enrollmentWindowSeconds?: number;
  clock?: Clock;
}

export class AccountStore {
  private readonly reads: FastReads | undefined;
  private readonly enrollmentWindowMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly db: Database,
    private readonly bcryptCost: number,
    options: AccountStoreOptions = {},
  ) {
    this.reads = options.reads;
    this.enrollmentWindowMs = (options.enrollmentWindowSeconds ?? 72 * 3600) * 1000;
    this.clock = options.clock ?? systemClock;
  }

  async create(input: NewAccount): Promise<Account> {
    const email = parseEmail(input.email);
    // An empty or blank name is no name.
    const displayName = input.displayName?.normalize('NFKC').trim() || null; // eslint-disable-line @typescript-eslint/prefer-nullish-coalescing
    if (displayName && (displayName.length > 100 || /\p{Cc}/u.test(displayName))) {
      throw new InvalidInputError('name must be at most 100 characters, without control characters');
    }
    checkPasswordPolicy(input.password);
    if (await this.findByEmail(email)) throw new InvalidInputError(`an account with email ${email} already exists`);
    const passwordHash = await hashPassword(input.password, this.bcryptCost);
    try {
      const now = this.clock.now();
      return await this.db.account.create({
        data: {
          id: randomUUID(),
          email,
          displayName,
          passwordHash,
          createdAt: new Date(now),
          enrollmentOpenUntil: this.enrollmentWindowMs > 0 ? new Date(now + this.enrollmentWindowMs) : null,
        },
      });
    } catch (error) {
      // Lost a race with another writer of the same address: the unique index decided.
      if (databaseErrorKind(error) === 'unique_violation')
        throw new InvalidInputError(`an account with email ${email} already exists`);
      throw error;
    }
  }

  async findById(id: string): Promise<Account | null> {
    if (!mayBeStored(id)) return null;
    return this.reads
      ? this.reads.one<Account>('SELECT * FROM accounts WHERE id = ?', id)
      : this.db.account.findUnique({ where: { id } });
  }

  async findByEmail(email: string): Promise<Account | null> {
    if (!mayBeStored(email)) return null;
    return this.reads
      ? this.reads.one<Account>('SELECT * FROM accounts WHERE email = ?', email)
      : this.db.account.findUnique({ where: { email } });
  }

  /** Replaces the hash only if it is still `previous` (a password change in between wins). */
  async replacePasswordHash(id: string, previous: string, next: string): Promise<boolean> {
    const { count } = await this.db.account.updateMany({
      where: { id, passwordHash: previous },
      data: { passwordHash: next },
    });
    return count === 1;
  }

  count(): Promise<number> {
    return this.db.account.count();
  }

  /** Marks the account disabled; returns it, or null when no account has that email. */
  async disable(email: string): Promise<Account | null> {
    const normalized = parseEmail(email);
    const { count } = await this.db.account.updateMany({
      where: { email: normalized, disabledAt: null },
      data: { disabledAt: new Date() },
    });
    const account = await this.findByEmail(normalized);
    return account && (count > 0 || account.disabledAt) ? account : null;
  }
}
