// Where an account is signed in: oidc-provider's sessions of the account (one per browser), each
// with the browser, system and address it was last seen from, and ending one or all others.
// oidc-provider keeps no such list and records no device, so `seen` writes a small record per
// session (keyed by the session's stable uid, owned by the account so it goes with revokeAccount),
// and the protocol store's index by account lists both.
import type { AdapterPayload } from 'oidc-provider';
import type { Clock } from '../clock.js';
import type { ProtocolStore } from '../oidc/adapters/index.js';
import { deviceOf } from './user-agent.js';

/** Our own model beside oidc-provider's, in the same protocol store. */
const SESSION_SEEN_MODEL = 'TwofoldSessionSeen';

// A session seen again from the same place within this long is not written again: /auth is busy.
const REFRESH_SECONDS = 60;

interface SeenRecord {
  accountId: string;
  uid: string;
  browser: string | null;
  system: string | null;
  ip: string | null;
  firstSeen: number;
  lastSeen: number;
}

/** One session of the account, as the account page lists it. */
export interface AccountSession {
  /** The session's uid: stable for its whole life, and not the cookie's value (which is its id). */
  uid: string;
  browser: string | null;
  system: string | null;
  ip: string | null;
  /** When the session signed in; when it was first and last seen (null when never recorded). */
  signedInAt: Date | null;
  firstSeenAt: Date | null;
  lastSeenAt: Date | null;
  /** The session the asking browser holds. */
  current: boolean;
}

/** What a request says about the session it used (oidc-provider's Session, after its request). */
export interface SessionInUse {
  uid: string;
  accountId?: string | undefined;
  exp?: number | undefined;
}

type Store = Pick<ProtocolStore, 'adapter' | 'listByAccount' | 'endSessions'>;

/**
 * Which account pages (src/portal) go with sessions ended from /account: those signed in through an
 * ended session (`from`), or every one of the account (`all`); never the asking page's own (`keep`).
 */
export interface PortalEnd {
  which: { from: string } | 'all';
  keep: string | undefined;
}

interface StoredSession {
  id: string;
  uid: string;
  loginTs: number | null;
  grantIds: string[];
  clientIds: string[];
}

export class AccountSessions {
  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    /** Ends what else belongs to an ended session (the account page's own session, src/portal). */
    private readonly alsoEnd: (accountId: string, end: PortalEnd) => Promise<void> = () => Promise.resolve(),
  ) {}

  /** Records that a signed-in session was used from this browser and address. */
  async seen(session: SessionInUse, request: { userAgent: string | undefined; ip: string | null }): Promise<void> {
    const { accountId, uid } = session;
    if (!accountId) return;
    const adapter = this.store.adapter(SESSION_SEEN_MODEL);
    const before = (await adapter.find(uid)) as (AdapterPayload & Partial<SeenRecord>) | undefined;
    const device = deviceOf(request.userAgent);
    const now = this.clock.now();
    const same =
      before?.accountId === accountId &&
      before.ip === request.ip &&
      before.browser === device.browser &&
      before.system === device.system;
    if (same && now - (before.lastSeen ?? 0) < REFRESH_SECONDS * 1000) return;
    const record: SeenRecord = {
      accountId,
      uid,
      ...device,
      ip: request.ip,
      firstSeen: before?.accountId === accountId && before.firstSeen ? before.firstSeen : now,
      lastSeen: now,
    };
    // Not for a session ended meanwhile (a request of it was in flight): where it was seen is gone.
    if (!(await this.store.adapter('Session').findByUid(uid))) return;
    // As long as the session itself; oidc-provider's `exp` is in its own (real) seconds.
    const lifetime = session.exp ? session.exp - Math.floor(Date.now() / 1000) : 0;
    await adapter.upsert(uid, record as unknown as AdapterPayload, Math.max(lifetime, REFRESH_SECONDS));
  }

  /** The account's sessions, the current one first, then the most recently seen. */
  async list(accountId: string, currentUid: string | undefined): Promise<AccountSession[]> {
    const [sessions, seen] = await Promise.all([
      this.sessions(accountId),
      this.store.listByAccount(SESSION_SEEN_MODEL, accountId),
    ]);
    const records = new Map(
      seen.map(({ payload }) => [String(payload.uid), payload as unknown as SeenRecord] as const),
    );
    const listed = sessions.map((session): AccountSession => {
      const record = records.get(session.uid);
      return {
        uid: session.uid,
        browser: record?.browser ?? null,
        system: record?.system ?? null,
        ip: record?.ip ?? null,
        signedInAt: session.loginTs ? new Date(session.loginTs * 1000) : null,
        firstSeenAt: record ? new Date(record.firstSeen) : null,
        lastSeenAt: record ? new Date(record.lastSeen) : null,
        current: session.uid === currentUid,
      };
    });
    const order = (s: AccountSession) => (s.current ? Infinity : ((s.lastSeenAt ?? s.signedInAt)?.getTime() ?? 0));
    return listed.sort((a, b) => order(b) - order(a));
  }

  /**
   * Ends one session of the account and everything issued in it: the grants it holds, their codes,
   * access and refresh tokens (what oidc-provider's own logout revokes, whether or not a client
   * asked its tokens to outlive logout: here the person ends the session on purpose). Returns the
   * clients it had signed in to, or null when the account has no such session.
   */
  async end(accountId: string, uid: string, keepPortal?: string): Promise<{ clientIds: string[] } | null> {
    const session = (await this.sessions(accountId)).find((s) => s.uid === uid);
    if (!session) return null;
    await this.endSessions([session]);
    await this.alsoEnd(accountId, { which: { from: uid }, keep: keepPortal });
    return { clientIds: session.clientIds };
  }

  /**
   * Ends every session of the account but the one kept, and every account page of the account but
   * the asking one (whatever session each came from); returns how many sessions ended.
   */
  async endOthers(accountId: string, keepUid: string | undefined, keepPortal?: string): Promise<number> {
    const others = (await this.sessions(accountId)).filter((s) => s.uid !== keepUid);
    await this.endSessions(others);
    await this.alsoEnd(accountId, { which: 'all', keep: keepPortal });
    return others.length;
  }

  /** Forgets where a session was seen, once it ended (a sign-out): it is kept only while it lives. */
  async forget(uid: string): Promise<void> {
    await this.store.adapter(SESSION_SEEN_MODEL).destroy(uid);
  }

  private async endSessions(sessions: StoredSession[]): Promise<void> {
    // The sessions first, for good: from then on no new token can be issued in them.
    await this.store.endSessions(sessions);
    const grants = this.store.adapter('Grant');
    await Promise.all(
      sessions.flatMap((session) => [
        ...session.grantIds.map(async (grantId) => {
          // Our adapters end every code and token of the grant whatever the model they are called on.
          await grants.revokeByGrantId(grantId);
          await grants.destroy(grantId);
        }),
        this.forget(session.uid),
      ]),
    );
  }

  private async sessions(accountId: string): Promise<StoredSession[]> {
    const entries = await this.store.listByAccount('Session', accountId);
    return entries.flatMap(({ id, payload }) => {
      if (payload.accountId !== accountId || typeof payload.uid !== 'string') return [];
      const authorizations = Object.entries(
        (payload as { authorizations?: Record<string, { grantId?: unknown }> }).authorizations ?? {},
      );
      return [
        {
          id,
          uid: payload.uid,
          loginTs: typeof payload.loginTs === 'number' ? payload.loginTs : null,
          clientIds: authorizations.map(([clientId]) => clientId),
          grantIds: authorizations.flatMap(([, a]) => (typeof a.grantId === 'string' ? [a.grantId] : [])),
        },
      ];
    });
  }
}
