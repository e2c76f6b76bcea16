// CSRF tokens for the hosted forms, bound to one interaction: HMAC-SHA-256 of the interaction uid
// under a key derived from the cookie-signing keys. Only this server can mint one, a token taken
// from one sign-in is worthless for another, and nothing needs storing. Checked in constant time;
// every cookie key verifies, so rotating the keys does not break a page that is already open.
import { createHmac, timingSafeEqual } from 'node:crypto';

const PURPOSE = 'twofold interaction csrf v1';

export class CsrfTokens {
  private readonly keys: Buffer[];

  constructor(cookieKeys: readonly string[]) {
    if (cookieKeys.length === 0) throw new Error('CSRF tokens need at least one cookie key');
    this.keys = cookieKeys.map((key) => createHmac('sha256', key).update(PURPOSE).digest());
  }

  issue(uid: string): string {
    return this.mac(this.keys[0]!, uid);
  }

  matches(uid: string, token: unknown): boolean {
    if (typeof token !== 'string' || token.length === 0 || token.length > 128) return false;
    const presented = Buffer.from(token);
    let ok = false;
    for (const key of this.keys) {
      const expected = Buffer.from(this.mac(key, uid));
      if (expected.length === presented.length && timingSafeEqual(expected, presented)) ok = true;
    }
    return ok;
  }

  private mac(key: Buffer, uid: string): string {
    return createHmac('sha256', key).update(uid).digest('base64url');
  }
}
