// The first factor. Unknown emails, wrong passwords and disabled accounts look the same from the
// outside: the same answer and the same work (one account lookup and one bcrypt comparison, against
// a dummy hash of the configured cost when there is no account), so nobody learns which emails
// exist by asking or by timing. The reason is returned for the audit trail only.
// That holds only while stored hashes have the configured cost: after BCRYPT_COST changes, an old
// hash would answer faster or slower than the dummy. So a correct password re-hashes its account
// at the configured cost, and the gap closes as people sign in (SECURITY.md).
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Account, AccountStore } from '../accounts/store.js';
import { normalizeEmail } from '../accounts/email.js';
import { hashCost, hashPassword, verifyPassword } from '../accounts/password.js';

export type PasswordCheck =
  | { ok: true; account: Account }
  | { ok: false; reason: 'unknown_email' | 'wrong_password' | 'account_disabled'; accountId?: string };

export class PasswordSignIn {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly accounts: AccountStore,
    private readonly bcryptCost: number,
    private readonly logger: Logger,
  ) {}

  /** Starts hashing the dummy password now, so the first sign-in does not pay for it. */
  warmUp(): void {
    void this.dummy();
  }

  async check(email: string, password: string): Promise<PasswordCheck> {
    const account = await this.accounts.findByEmail(normalizeEmail(email));
    const matches = await verifyPassword(password, account ? account.passwordHash : await this.dummy());
    if (!account) return { ok: false, reason: 'unknown_email' };
    if (!matches) return { ok: false, reason: 'wrong_password', accountId: account.id };
    if (account.disabledAt) return { ok: false, reason: 'account_disabled', accountId: account.id };
    if (hashCost(account.passwordHash) !== this.bcryptCost) void this.rehash(account, password);
    return { ok: true, account };
  }

  /** In the background: the person's next step does not wait for a second hash. */
  private async rehash(account: Account, password: string): Promise<void> {
    try {
      const replaced = await this.accounts.replacePasswordHash(
        account.id,
        account.passwordHash,
        await hashPassword(password, this.bcryptCost),
      );
      if (replaced)
        this.logger.info(
          { accountId: account.id, cost: this.bcryptCost },
          'password re-hashed at the configured bcrypt cost',
        );
    } catch (error) {
      this.logger.warn({ err: error, accountId: account.id }, 'password re-hash failed; the old hash stays valid');
    }
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(24).toString('base64url'), this.bcryptCost);
    return this.dummyHash;
  }
}
