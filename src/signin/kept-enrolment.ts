// What of an enrolment outlives its sign-in (oidc-provider's interaction lasts 15 minutes; finding
// a phone may take longer): the key shown on the enrolment page, and the relying party's request
// the sign-in was for, both kept in the protocol store for ENROLLMENT_SECRET_TTL and both reachable
// only from the browser they were shown in. That browser holds a random token (a cookie of the
// sign-in pages); a record's id is a digest of that token with what it belongs to, so nobody
// without the cookie can even name it.
// - The key is kept per (browser, account, grant): the same grant (a new account's window, the same
//   set-up link, a recovery code accepted again with the same apps to replace) shows the same key
//   after the password again, so the entry already added in the app confirms. The key alone grants
//   nothing: it is looked up only by a sign-in that holds a grant (src/signin/enrolment.ts), and a
//   sign-in with the password in another browser gets a key of its own. Sealed with the SecretBox,
//   bound to its id. Deleted when the enrolment is confirmed or refused, or its sign-in starts over
//   after too many wrong codes.
// - The request lets the "expired" page offer "Start again" at our own /auth with the parameters
//   oidc-provider validated then (and validates again): never an address taken from the browser.
// No account id in the payloads: ending an account's sessions (a recovery code) must not drop them.
import { createHash, randomBytes } from 'node:crypto';
import type { Adapter } from 'oidc-provider';
import type { Clock } from '../clock.js';
import { SecretBoxError, type SecretBox } from '../mfa/secret-box.js';
import { generateTotpSecret } from '../mfa/totp-app/totp.js';
import type { EnrolmentGrant } from './enrolment.js';

/** The oidc-provider adapter model names of the kept key and of the request to start again. */
export const KEPT_SECRET_MODEL = 'TwofoldKeptEnrolmentSecret';
export const RESTART_MODEL = 'TwofoldSignInRestart';

/** The relying party's authorization request, as oidc-provider validated it. */
export type AuthorizationRequest = Record<string, string>;

interface KeptSecret {
  ciphertext: string;
  keyId: string;
  /** Seconds since the epoch, by the injected clock. */
  expiresAt: number;
}

interface KeptRequest {
  params: AuthorizationRequest;
  expiresAt: number;
}

const BROWSER_TOKEN = /^[A-Za-z0-9_-]{43}$/;
const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\n'), 'utf8').digest('base64url');
// Parameters that named a request object or a pushed request: used up, so never sent again.
const NOT_REPEATED = new Set(['request', 'request_uri']);

export class KeptEnrolments {
  constructor(
    private readonly secrets: Adapter,
    private readonly requests: Adapter,
    private readonly box: SecretBox,
    private readonly ttlSeconds: number,
    private readonly clock: Clock,
  ) {}

  /** A new browser token (256 random bits), for a browser that holds none. */
  static newBrowserToken(): string {
    return randomBytes(32).toString('base64url');
  }

  /** The token if it has the shape of one; anything else is no token at all. */
  static browserToken(value: string | undefined): string | undefined {
    return value && BROWSER_TOKEN.test(value) ? value : undefined;
  }

  get lifetimeSeconds(): number {
    return this.ttlSeconds;
  }

  /** The key kept for this browser, account and grant, or a new one, kept from now on. */
  async secretFor(browser: string, accountId: string, grant: EnrolmentGrant): Promise<string> {
    const id = secretId(browser, accountId, grant);
    const kept = (await this.secrets.find(id)) as KeptSecret | undefined;
    if (kept && kept.expiresAt > this.now()) {
      try {
        return this.box.open(kept.ciphertext, kept.keyId, id);
      } catch (error) {
        // Sealed under a key since removed: a new key, as if it had expired.
        if (!(error instanceof SecretBoxError)) throw error;
      }
    }
    const secret = generateTotpSecret();
    const sealed = this.box.seal(secret, id);
    const expiresAt = this.now() + this.ttlSeconds;
    await this.secrets.upsert(id, { ...sealed, expiresAt }, this.ttlSeconds);
    return secret;
  }

  /** The enrolment was confirmed (or its grant refused): its key is no longer kept. */
  async forget(browser: string, accountId: string, grant: EnrolmentGrant): Promise<void> {
    await this.secrets.destroy(secretId(browser, accountId, grant));
  }

  /** Keeps the request the sign-in `uid` was for, so its "expired" page can start it again. */
  async keepRequest(browser: string, uid: string, params: Record<string, unknown>): Promise<void> {
    const kept: AuthorizationRequest = {};
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string' && !NOT_REPEATED.has(name)) kept[name] = value;
    }
    if (!kept.client_id) return;
    await this.requests.upsert(
      digest('request', browser, uid),
      { params: kept, expiresAt: this.now() + this.ttlSeconds },
      this.ttlSeconds,
    );
  }

  /** The request the sign-in `uid` was for, when this browser showed its enrolment page. */
  async requestOf(browser: string, uid: string): Promise<AuthorizationRequest | undefined> {
    const kept = (await this.requests.find(digest('request', browser, uid))) as KeptRequest | undefined;
    return kept && kept.expiresAt > this.now() ? kept.params : undefined;
  }

  private now(): number {
    return Math.floor(this.clock.now() / 1000);
  }
}

/** A grant is the same grant when it allows the same: same reason, same link, same apps replaced. */
function secretId(browser: string, accountId: string, grant: EnrolmentGrant): string {
  return digest(
    'secret',
    browser,
    accountId,
    grant.reason,
    grant.linkDigest ?? '',
    [...grant.replaces].sort().join(','),
  );
}
