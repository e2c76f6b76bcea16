// The key of an app being added on /account, between the page that shows it and the first code
// typed back: kept server-side only (never in a form field or a URL), sealed like the sign-in's
// pending secret (src/signin/pending.ts) with the account as associated data, in the protocol
// store (Redis or the database), so every instance sees it and reloading the page shows the same
// QR code. One per account, for PENDING_APP_TTL_SECONDS; `accountId` in the payload lets revoking
// the account's state (a reset, a disable) drop it too. Once the app is linked only a marker stays
// (no key): a form sent again is told the app was already added.
import type { Adapter } from 'oidc-provider';
import type { SecretBox } from '../mfa/secret-box.js';
import { generateTotpSecret } from '../mfa/totp-app/totp.js';

/** The oidc-provider adapter model name the pending key is stored under. */
export const PENDING_APP_MODEL = 'TwofoldPendingApp';
// As long as a sign-in's interaction: time to find the phone and install an app.
const PENDING_APP_TTL_SECONDS = 15 * 60;

type PendingAppPayload =
  | { accountId: string; ciphertext: string; keyId: string }
  /** The app was linked with the key that was here: a form sent twice finds it so, a new "add" gets a new key. */
  | { accountId: string; linked: true };

export type PendingApp = { linked: false; secret: string } | { linked: true };

const context = (accountId: string) => `account-app:${accountId}`;

export class PendingApps {
  constructor(
    private readonly adapter: Adapter,
    private readonly box: SecretBox,
  ) {}

  /** The key being added, created on first use and the same on every later call until it expires. */
  async secret(accountId: string): Promise<string> {
    const current = await this.find(accountId);
    if (current && !current.linked) return current.secret;
    const secret = generateTotpSecret();
    await this.save(accountId, secret);
    return secret;
  }

  /** The key being added, if one is (undefined once it expired), and whether it was linked already. */
  async find(accountId: string): Promise<PendingApp | undefined> {
    const payload = (await this.adapter.find(accountId)) as
      Partial<{ accountId: string; ciphertext: string; keyId: string; linked: true }> | undefined;
    if (payload?.accountId !== accountId) return undefined;
    if (payload.linked) return { linked: true };
    if (!payload.ciphertext || !payload.keyId) return undefined;
    return { linked: false, secret: this.box.open(payload.ciphertext, payload.keyId, context(accountId)) };
  }

  /** The app was linked: the key goes, a marker stays only to answer a second submission. */
  async linked(accountId: string): Promise<void> {
    await this.store({ accountId, linked: true });
  }

  private async save(accountId: string, secret: string): Promise<void> {
    const sealed = this.box.seal(secret, context(accountId));
    await this.store({ accountId, ciphertext: sealed.ciphertext, keyId: sealed.keyId });
  }

  private async store(payload: PendingAppPayload): Promise<void> {
    await this.adapter.upsert(payload.accountId, { ...payload }, PENDING_APP_TTL_SECONDS);
  }
}
