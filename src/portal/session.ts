// The portal's own session: a random id in an HttpOnly cookie, the data server-side in the
// protocol store (Redis or the database, like oidc-provider's sessions), so every instance of a
// deployment sees it. Two stages share one cookie: a pending sign-in (state, nonce, PKCE
// verifier; one use, short-lived) and then the signed-in session (claims, ID token, CSRF token).
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'koa';
import type { Adapter } from 'oidc-provider';
import type { ProtocolStore } from '../oidc/adapters/index.js';
import type { PortalEnd } from '../account-security/sessions.js';
import type { PortalAuthorization, PortalIdentity } from './relying-party.js';
import { ownCookie } from '../http/cookies.js';

export const PORTAL_SESSION_MODEL = 'TwofoldPortalSession';
const COOKIE = 'twofold.account';
// Long enough to type a password and enrol an app; the provider's interaction lasts 15 minutes.
const PENDING_TTL_SECONDS = 15 * 60;
// The portal shows account data; after an hour it asks the provider again (silently while the
// provider's own session lasts), so a session ended elsewhere does not linger here.
const SIGNED_IN_TTL_SECONDS = 60 * 60;

/** What the portal keeps about how this browser signed in, beside the identity. */
export interface SignInFacts {
  /** When both factors were last proved, on our clock (ms); null if this sign-in did not prove both. */
  fullSignInAt: number | null;
  /** The uid of the provider's session the sign-in came from: ending that session ends this one. */
  providerSession: string | undefined;
}

export interface SignedInSession extends SignInFacts {
  identity: PortalIdentity;
  csrfToken: string;
}

/** A sign-in started for a change on the page: where to return (a section of the page) once done. */
export interface PendingSignIn {
  pending: PortalAuthorization;
  returnTo?: string | undefined;
}

type PortalRecord = ({ kind: 'pending' } & PendingSignIn) | { kind: 'signed-in'; session: SignedInSession };

export class PortalSessions {
  constructor(
    private readonly store: Adapter,
    private readonly secureCookies: boolean,
  ) {}

  /** The signed-in session this browser holds, if any. */
  async signedIn(ctx: Context): Promise<SignedInSession | undefined> {
    const record = await this.read(ctx);
    return record?.kind === 'signed-in' ? record.session : undefined;
  }

  /** Remembers a sign-in that is about to start, replacing whatever this browser had. */
  async startSignIn(ctx: Context, pending: PortalAuthorization, returnTo?: string): Promise<void> {
    await this.end(ctx);
    await this.write(ctx, { kind: 'pending', pending, ...(returnTo ? { returnTo } : {}) }, PENDING_TTL_SECONDS);
  }

  /** The pending sign-in, removed as it is read: a callback can be used once. */
  async takePending(ctx: Context): Promise<PendingSignIn | undefined> {
    const record = await this.read(ctx);
    if (record?.kind !== 'pending') return undefined;
    await this.end(ctx);
    return { pending: record.pending, returnTo: record.returnTo };
  }

  /**
   * Starts the signed-in session under a new id, so an id seen before sign-in is worthless after.
   * Also how a password change keeps this browser signed in once every session of the account ended.
   */
  async signIn(ctx: Context, identity: PortalIdentity, facts: SignInFacts): Promise<SignedInSession> {
    await this.end(ctx);
    const session: SignedInSession = { identity, csrfToken: randomId(), ...facts };
    // accountId lets "end every session of this account" (reset-mfa, disable) reach the portal too.
    await this.write(ctx, { kind: 'signed-in', session }, SIGNED_IN_TTL_SECONDS, identity.sub);
    return session;
  }

  /** Ends whatever this browser has; returns the signed-in session it ended, if any. */
  async end(ctx: Context): Promise<SignedInSession | undefined> {
    const id = this.cookieId(ctx);
    if (!id) return undefined;
    const record = await this.read(ctx);
    await this.store.destroy(id);
    ctx.cookies.set(COOKIE, null, this.cookieOptions());
    return record?.kind === 'signed-in' ? record.session : undefined;
  }

  /** The id of the portal session this browser holds (its cookie), if any. */
  idOf(ctx: Context): string | undefined {
    return this.cookieId(ctx);
  }

  /** Constant-time check of the CSRF token a form sent against the session's. */
  static csrfMatches(session: SignedInSession, sent: unknown): boolean {
    if (typeof sent !== 'string') return false;
    const a = Buffer.from(sent);
    const b = Buffer.from(session.csrfToken);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private async read(ctx: Context): Promise<PortalRecord | undefined> {
    const id = this.cookieId(ctx);
    if (!id) return undefined;
    const payload = (await this.store.find(id)) as { record?: PortalRecord } | undefined;
    return payload?.record;
  }

  private async write(ctx: Context, record: PortalRecord, ttlSeconds: number, accountId?: string): Promise<void> {
    const id = randomId();
    await this.store.upsert(id, { record, ...(accountId ? { accountId } : {}) }, ttlSeconds);
    ctx.cookies.set(COOKIE, id, { ...this.cookieOptions(), maxAge: ttlSeconds * 1000 });
  }

  private cookieId(ctx: Context): string | undefined {
    const id = ctx.cookies.get(COOKIE, { signed: false });
    // Only ids we could have made; anything else is not worth a store lookup.
    return id && /^[A-Za-z0-9_-]{43}$/.test(id) ? id : undefined;
  }

  private cookieOptions() {
    return ownCookie(this.secureCookies, '/account');
  }
}

/**
 * Ends the account pages that go with provider sessions ended from /account in another browser:
 * those signed in through the ended session, and those whose own session no longer lives or was
 * never known (the page kept after a password change): that browser may have signed in again since
 * and is asked again, silently if so. `all` ends every one (sign out everywhere else). Never the
 * asking page's own.
 */
export async function endPortalSessions(
  store: Pick<ProtocolStore, 'adapter' | 'listByAccount'>,
  accountId: string,
  { which, keep }: PortalEnd,
): Promise<void> {
  const adapter = store.adapter(PORTAL_SESSION_MODEL);
  const [entries, sessions] = await Promise.all([
    store.listByAccount(PORTAL_SESSION_MODEL, accountId),
    which === 'all' ? Promise.resolve([]) : store.listByAccount('Session', accountId),
  ]);
  const live = new Set(sessions.map(({ payload }) => payload.uid));
  const ending = entries.filter(({ id, payload }) => {
    const record = (payload as { record?: PortalRecord }).record;
    if (id === keep || record?.kind !== 'signed-in') return false;
    if (which === 'all') return true;
    const from = record.session.providerSession;
    return from === which.from || from === undefined || !live.has(from);
  });
  await Promise.all(ending.map(({ id }) => adapter.destroy(id)));
}

function randomId(): string {
  return randomBytes(32).toString('base64url');
}
