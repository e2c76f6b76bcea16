// What of an enrolment outlives its sign-in (oidc-provider's interaction lasts 15 minutes; finding
// a phone may take longer): the key shown on the enrolment page, and the relying party's request
// the sign-in was for, both kept in the protocol store for ENROLLMENT_SECRET_TTL and both reachable
// only from the browser they were shown in. That browser holds a random token (a cookie of the
// sign-in pages, minted afresh whenever an enrolment page is first shown, so never one another site
// or person planted); a record's id is a digest of that token with what it belongs to, so nobody
// without the cookie can even name it.
// - The key is shown again ONLY on the "Start again" path: the expired page's link carries a random
//   restart token, kept beside the request; the next enrolment page in that browser that brings it
//   (and the same grant: the same account, reason, link and apps replaced) uses it up and shows the
//   kept key, once. Any other later sign-in in that browser (a shared computer: the next person
//   types the password within the new account's window) gets a key of its own, and the kept key is
//   left unused. The key alone grants nothing; sealed with the SecretBox, bound to its id. Deleted,
//   with the request, when the enrolment is confirmed or refused, or its sign-in starts over after
//   too many wrong codes.
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
  /** The id of the key shown with it: the one a restart from its expired page may show again. */
  secretId: string;
  expiresAt: number;
}

interface KeptRestart {
  /** The browser token the link was offered to, and its expired sign-in, whose request (and key) it leads back to. */
  browser: string;
  uid: string;
  /** Set once an enrolment page showed the kept key again: the link then shows a new one. */
  used?: true;
  expiresAt: number;
}

/** The restart token a sign-in brings (from the link), with the browser token it holds. */
interface RestartProof {
  browser: string;
  token: string;
}

/** What an enrolment page first shows: its key, and whether it is the kept key shown again. */
interface ShownKey {
  secret: string;
  reshown: boolean;
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

  /**
   * The key of a new enrolment page, kept from now on for `browser` (a token minted for this page)
   * with the request `params` of the sign-in `uid`: the kept key of the expired sign-in `restart`
   * leads back to, when it is unused, alive and of the same grant; otherwise a new one.
   */
  async keep(
    browser: string,
    uid: string,
    accountId: string,
    grant: EnrolmentGrant,
    params: Record<string, unknown>,
    restart?: RestartProof,
  ): Promise<ShownKey> {
    const earlier = restart && (await this.restarted(restart, accountId, grant));
    const secret = earlier ?? generateTotpSecret();
    const id = secretId(browser, accountId, grant);
    const sealed = this.box.seal(secret, id);
    await this.secrets.upsert(id, { ...sealed, expiresAt: this.now() + this.ttlSeconds }, this.ttlSeconds);
    await this.keepRequest(browser, uid, params, id);
    return { secret, reshown: earlier !== undefined };
  }

  /** The enrolment was confirmed, refused or started over: neither its key nor its request is kept. */
  async forget(browser: string, uid: string, accountId: string, grant: EnrolmentGrant): Promise<void> {
    await this.secrets.destroy(secretId(browser, accountId, grant));
    await this.requests.destroy(digest('request', browser, uid));
  }

  /**
   * A new restart token for the expired sign-in `uid`, when this browser was shown its enrolment
   * page: the "Start again" link carries it. Undefined when there is nothing to start again.
   */
  async offerRestart(browser: string, uid: string): Promise<string | undefined> {
    if (!(await this.requestOf(browser, uid))) return undefined;
    const token = KeptEnrolments.newBrowserToken();
    const kept: KeptRestart = { browser, uid, expiresAt: this.now() + this.ttlSeconds };
    await this.requests.upsert(digest('restart', token), { ...kept }, this.ttlSeconds);
    return token;
  }

  /**
   * The request a restart link leads back to: followed in the browser it was offered to, or used
   * already (it then starts a sign-in with a new key, for whoever follows it).
   */
  async requestOfRestart(proof: RestartProof): Promise<AuthorizationRequest | undefined> {
    const restart = await this.restartOf(proof.token);
    if (!restart || (!restart.used && restart.browser !== proof.browser)) return undefined;
    return this.requestOf(restart.browser, restart.uid);
  }

  /** The request the sign-in `uid` was for, when this browser showed its enrolment page. */
  async requestOf(browser: string, uid: string): Promise<AuthorizationRequest | undefined> {
    return (await this.keptRequest(browser, uid))?.params;
  }

  /** Uses up the restart token; the kept key it leads back to, if it is of the same grant. */
  private async restarted(proof: RestartProof, accountId: string, grant: EnrolmentGrant): Promise<string | undefined> {
    const restart = await this.restartOf(proof.token);
    if (!restart || restart.used || restart.browser !== proof.browser) return undefined;
    // Used up before anything is shown: a second sign-in from the same link gets a new key.
    const remaining = restart.expiresAt - this.now();
    await this.requests.upsert(digest('restart', proof.token), { ...restart, used: true }, remaining);
    const request = await this.keptRequest(proof.browser, restart.uid);
    // Bound to the kept record: the key of that very page, and only under the same grant.
    const id = secretId(proof.browser, accountId, grant);
    if (request?.secretId !== id) return undefined;
    const kept = (await this.secrets.find(id)) as KeptSecret | undefined;
    if (!kept || kept.expiresAt <= this.now()) return undefined;
    try {
      const secret = this.box.open(kept.ciphertext, kept.keyId, id);
      // Kept from now on under the new page's token only.
      await this.secrets.destroy(id);
      return secret;
    } catch (error) {
      // Sealed under a key since removed: a new key, as if it had expired.
      if (!(error instanceof SecretBoxError)) throw error;
      return undefined;
    }
  }

  private async restartOf(token: string): Promise<KeptRestart | undefined> {
    const restart = (await this.requests.find(digest('restart', token))) as KeptRestart | undefined;
    return restart && restart.expiresAt > this.now() ? restart : undefined;
  }

  private async keptRequest(browser: string, uid: string): Promise<KeptRequest | undefined> {
    const kept = (await this.requests.find(digest('request', browser, uid))) as KeptRequest | undefined;
    return kept && kept.expiresAt > this.now() ? kept : undefined;
  }

  /** Keeps the request the sign-in `uid` was for, so its "expired" page can start it again. */
  private async keepRequest(browser: string, uid: string, params: Record<string, unknown>, id: string): Promise<void> {
    const kept: AuthorizationRequest = {};
    for (const [name, value] of Object.entries(params)) {
      if (typeof value === 'string' && !NOT_REPEATED.has(name)) kept[name] = value;
    }
    if (!kept.client_id) return;
    const record: KeptRequest = { params: kept, secretId: id, expiresAt: this.now() + this.ttlSeconds };
    await this.requests.upsert(digest('request', browser, uid), { ...record }, this.ttlSeconds);
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
