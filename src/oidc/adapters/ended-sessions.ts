// A session ended on purpose stays ended. oidc-provider writes back, at the end of every request,
// the session it loaded at the start: a request in flight with a stolen session cookie (say a
// `prompt=none` authorization) while the owner ends that session would store it again, and
// first-party clients would get new grants from it silently. It also gives a session a new id
// when a sign-in step finishes, so deleting the id that was listed may delete nothing. So ending a
// session marks its uid (stable for the session's whole life) as ended, for as long as a session
// can live; a marked session is never found and never stored again, whatever its id. One extra
// key read per session lookup, in the same store.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { ProtocolStore } from './index.js';

/** Our model beside oidc-provider's: one entry per ended session, keyed by the session's uid. */
const ENDED_SESSION_MODEL = 'TwofoldSessionEnded';

/** The store without the ending of sessions, as each backend makes it. */
export type BackendStore = Omit<ProtocolStore, 'endSessions'>;

/** One stored session: its id (the cookie's value, which changes) and its uid (which does not). */
export interface SessionRef {
  id: string;
  uid: string;
}

/** The backend's store, with sessions ended by `endSessions` or `revokeAccount` kept ended. */
export function honouringEndedSessions(store: BackendStore, sessionLifetimeSeconds: number): ProtocolStore {
  const ended = store.adapter(ENDED_SESSION_MODEL);
  // oidc-provider's Adapter type lets find answer `void`; ours answer a payload or undefined.
  const isEnded = async (found: unknown) => {
    const uid = (found as AdapterPayload | undefined)?.uid;
    return typeof uid === 'string' && (await ended.find(uid)) !== undefined;
  };
  const live = async (found: unknown) => ((await isEnded(found)) ? undefined : (found as AdapterPayload | undefined));

  const sessions = store.adapter('Session');
  const guarded: Adapter = {
    upsert: async (id, payload, expiresIn) => {
      // A request that loaded the session before it ended saves it afterwards: not stored again.
      if (!(await isEnded(payload))) await sessions.upsert(id, payload, expiresIn);
    },
    // Marked before it is deleted, so a save racing the end is never found even if it is stored.
    find: async (id) => live(await sessions.find(id)),
    findByUid: async (uid) => live(await sessions.findByUid(uid)),
    findByUserCode: async (userCode) => live(await sessions.findByUserCode(userCode)),
    consume: (id) => sessions.consume(id),
    destroy: (id) => sessions.destroy(id),
    revokeByGrantId: (grantId) => sessions.revokeByGrantId(grantId),
  };

  const endSessions = async (ends: SessionRef[]) => {
    // The mark first: from then on no request can find the session or store it again.
    await Promise.all(ends.map(({ uid }) => ended.upsert(uid, { ended: true }, sessionLifetimeSeconds)));
    await Promise.all(
      ends.map(async ({ id, uid }) => {
        // Under the id listed, and under the id it has now if oidc-provider gave it a new one since.
        const now = await sessions.findByUid(uid);
        await sessions.destroy(id);
        if (now && typeof now.jti === 'string' && now.jti !== id) await sessions.destroy(now.jti);
      }),
    );
  };

  return {
    ...store,
    adapter: (model) => (model === 'Session' ? guarded : store.adapter(model)),
    listByAccount: async (model, accountId) => {
      const entries = await store.listByAccount(model, accountId);
      if (model !== 'Session') return entries;
      const marked = await Promise.all(entries.map(({ payload }) => isEnded(payload)));
      return entries.filter((_, i) => !marked[i]);
    },
    endSessions,
    revokeAccount: async (accountId) => {
      // A password change, a reset, a disabled account: every session ends, and stays ended.
      const entries = await store.listByAccount('Session', accountId);
      await endSessions(
        entries.flatMap(({ id, payload }) => (typeof payload.uid === 'string' ? [{ id, uid: payload.uid }] : [])),
      );
      await store.revokeAccount(accountId);
    },
  };
}
