// The first factor. Unknown emails, wrong passwords and disabled accounts look the same from the
// outside: the same answer and the same work (one account lookup and one bcrypt comparison, against
// a dummy hash of the configured cost when there is no account), so nobody learns which emails
// exist by asking or by timing. The reason is returned for the audit trail only.
import { randomBytes } from 'node:crypto';
import type { Account, AccountStore } from '../accounts/store.js';
import { normalizeEmail } from '../accounts/email.js';
import { hashPassword, verifyPassword } from '../accounts/password.js';

export type PasswordCheck =
  | { ok: true; account: Account }
  | { ok: false; reason: 'unknown_email' | 'wrong_password' | 'account_disabled'; accountId?: string };

export class PasswordSignIn {
  private dummyHash: Promise<string> | undefined;

  constructor(
    private readonly accounts: AccountStore,
    private readonly bcryptCost: number,
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
    return { ok: true, account };
  }

  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(randomBytes(24).toString('base64url'), this.bcryptCost);
    return this.dummyHash;
  }
}
