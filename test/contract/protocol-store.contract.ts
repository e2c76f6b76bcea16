// What every protocol store promises oidc-provider and our own code, written once and run against
// each store (test/integration/protocol-store.test.ts): whatever holds sessions, grants, codes and
// tokens, a code is spent once, a revoked grant or account leaves nothing usable behind.
import { randomUUID } from 'node:crypto';
import type { AdapterPayload } from 'oidc-provider';
import type { ProtocolStore } from '../../src/oidc/adapters/index.js';
import type { ClientStore } from '../../src/clients/store.js';

export interface ContractSubject {
  store: ProtocolStore;
  clients: ClientStore;
  dispose(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => Math.floor(Date.now() / 1000);
const id = () => randomUUID().replace(/-/g, '');

/** A token-like payload as oidc-provider would save it. */
function payload(kind: string, fields: Record<string, unknown> = {}): AdapterPayload {
  return { jti: id(), kind, iat: now(), exp: now() + 600, ...fields };
}

export function describeProtocolStoreContract(name: string, makeStore: () => Promise<ContractSubject>): void {
  describe(`protocol store contract: ${name}`, () => {
    let subject: ContractSubject;
    let store: ProtocolStore;
    beforeAll(async () => {
      subject = await makeStore();
      store = subject.store;
    });
    afterAll(() => subject.dispose());

    async function save(model: string, fields: Record<string, unknown> = {}, expiresIn = 600): Promise<string> {
      const entry = payload(model, fields);
      await store.adapter(model).upsert(entry.jti!, entry, expiresIn);
      return entry.jti!;
    }
    const find = (model: string, entryId: string) => store.adapter(model).find(entryId);

    it('reads an entry back exactly as it was written', async () => {
      const entry = payload('AccessToken', {
        accountId: 'acc-1',
        grantId: id(),
        scope: 'openid email',
        claims: { id_token: { email: null } },
      });
      await store.adapter('AccessToken').upsert(entry.jti!, entry, 600);
      expect(await find('AccessToken', entry.jti!)).toEqual(entry);
    });

    it('replaces an entry written again under the same id', async () => {
      const entryId = await save('Session', { uid: id(), accountId: 'acc-1', loginTs: 1 });
      const replacement = payload('Session', { jti: entryId, uid: id(), accountId: 'acc-1', loginTs: 2 });
      await store.adapter('Session').upsert(entryId, replacement, 600);
      expect(await find('Session', entryId)).toEqual(replacement);
    });

    it('knows nothing of an unknown id, nor of an id saved under another model', async () => {
      expect(await find('AccessToken', id())).toBeUndefined();
      const entryId = await save('AccessToken');
      expect(await find('RefreshToken', entryId)).toBeUndefined();
    });

    it('forgets an entry once its lifetime has passed', async () => {
      const entryId = await save('AuthorizationCode', {}, 1);
      expect(await find('AuthorizationCode', entryId)).toBeDefined();
      await sleep(1100);
      expect(await find('AuthorizationCode', entryId)).toBeUndefined();
    });

    it('marks a consumed code, and a second consumption keeps the first time', async () => {
      const before = now();
      const entryId = await save('AuthorizationCode', { accountId: 'acc-1', grantId: id() });
      await store.adapter('AuthorizationCode').consume(entryId);
      const first = await find('AuthorizationCode', entryId);
      expect(first!.consumed).toBeGreaterThanOrEqual(before);
      expect(first!.consumed).toBeLessThanOrEqual(now());
      // Past a second boundary, so a store that overwrote the time would show a different one.
      await sleep(1100);
      await store.adapter('AuthorizationCode').consume(entryId);
      expect((await find('AuthorizationCode', entryId))!.consumed).toBe(first!.consumed);
      expect(await find('AuthorizationCode', entryId)).toEqual(first);
    });

    it('lets ten concurrent consumers of one refresh token all finish, leaving one consumption time', async () => {
      const entryId = await save('RefreshToken', { accountId: 'acc-1', grantId: id() });
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => store.adapter('RefreshToken').consume(entryId)),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      const consumed = (await find('RefreshToken', entryId))!.consumed;
      expect(typeof consumed).toBe('number');
      await sleep(1100);
      await store.adapter('RefreshToken').consume(entryId);
      expect((await find('RefreshToken', entryId))!.consumed).toBe(consumed);
    });

    it('does not bring an unknown code into existence by consuming it', async () => {
      const entryId = id();
      await store.adapter('AuthorizationCode').consume(entryId);
      expect(await find('AuthorizationCode', entryId)).toBeUndefined();
    });

    it('destroys one entry and nothing else', async () => {
      const doomed = await save('AccessToken');
      const kept = await save('AccessToken');
      await store.adapter('AccessToken').destroy(doomed);
      expect(await find('AccessToken', doomed)).toBeUndefined();
      expect(await find('AccessToken', kept)).toBeDefined();
    });

    it('revoking a grant removes its codes and tokens of every model, and nothing of another grant', async () => {
      const [revoked, other] = [id(), id()];
      const models = [
        'AccessToken',
        'AuthorizationCode',
        'RefreshToken',
        'DeviceCode',
        'BackchannelAuthenticationRequest',
      ];
      const ofRevoked = await Promise.all(
        models.map(async (model) => [model, await save(model, { grantId: revoked, accountId: 'acc-1' })] as const),
      );
      const ofOther = await Promise.all(
        models.map(async (model) => [model, await save(model, { grantId: other, accountId: 'acc-1' })] as const),
      );
      await store.adapter('AccessToken').revokeByGrantId(revoked);
      for (const [model, entryId] of ofRevoked) expect([model, await find(model, entryId)]).toEqual([model, undefined]);
      for (const [model, entryId] of ofOther)
        expect([model, await find(model, entryId)]).toEqual([model, expect.objectContaining({ grantId: other })]);
    });

    it('revoking a grant leaves the sign-in in progress that names it (another person signing in)', async () => {
      const grantId = id();
      const code = await save('AuthorizationCode', { grantId, accountId: 'acc-1' });
      const interaction = await save('Interaction', { uid: id(), grantId, result: { login: { accountId: 'acc-2' } } });
      await store.adapter('AuthorizationCode').revokeByGrantId(grantId);
      expect(await find('AuthorizationCode', code)).toBeUndefined();
      expect(await find('Interaction', interaction)).toEqual(expect.objectContaining({ grantId }));
    });

    it('finds a session by its uid, and nothing once the session is gone', async () => {
      const uid = id();
      const entryId = await save('Session', { uid, accountId: 'acc-1' });
      expect(await store.adapter('Session').findByUid(uid)).toEqual(expect.objectContaining({ jti: entryId, uid }));
      expect(await store.adapter('Session').findByUid(id())).toBeUndefined();
      await store.adapter('Session').destroy(entryId);
      expect(await store.adapter('Session').findByUid(uid)).toBeUndefined();
    });

    it('lists the live entries of one model that belong to an account, with their ids', async () => {
      const account = `acc-${id()}`;
      const first = await save('Session', { uid: id(), accountId: account });
      const second = await save('Session', { uid: id(), accountId: account });
      const gone = await save('Session', { uid: id(), accountId: account });
      await store.adapter('Session').destroy(gone);
      await save('Session', { uid: id(), accountId: `acc-${id()}` });
      await save('Grant', { accountId: account, clientId: 'notes' });
      const short = await save('Session', { uid: id(), accountId: account }, 1);
      expect((await store.listByAccount('Session', account)).map((e) => e.id).sort()).toEqual(
        [first, second, short].sort(),
      );
      await sleep(1100);
      const listed = await store.listByAccount('Session', account);
      expect(listed.map((e) => e.id).sort()).toEqual([first, second].sort());
      expect(listed.find((e) => e.id === first)!.payload).toEqual(await find('Session', first));
      expect(await store.listByAccount('Session', `acc-${id()}`)).toEqual([]);
    });

    it('finds a device code by its user code', async () => {
      const userCode = 'BCDF-GHJK';
      const entryId = await save('DeviceCode', { userCode: `${userCode}-${id()}` });
      const stored = await find('DeviceCode', entryId);
      expect(await store.adapter('DeviceCode').findByUserCode(stored!.userCode!)).toEqual(stored);
      expect(await store.adapter('DeviceCode').findByUserCode(`${userCode}-unknown`)).toBeUndefined();
    });

    it("revoking an account ends its sessions, grants, codes, tokens and finished sign-ins, and not another account's", async () => {
      const [revoked, other] = [`acc-${id()}`, `acc-${id()}`];
      const stateOf = async (accountId: string) => {
        const grantId = id();
        return Promise.all(
          [
            ['Session', { uid: id(), accountId }],
            // As oidc-provider stores them: the grant's id is the grantId of its codes and tokens.
            ['Grant', { jti: grantId, accountId, clientId: 'app' }],
            ['AuthorizationCode', { accountId, grantId }],
            ['AccessToken', { accountId, grantId }],
            ['RefreshToken', { accountId, grantId }],
            // A sign-in that passed both factors but has not returned to /auth yet: it would still
            // mint a session.
            ['Interaction', { uid: id(), result: { login: { accountId } } }],
          ].map(
            async ([model, fields]) =>
              [model as string, await save(model as string, fields as Record<string, unknown>)] as const,
          ),
        );
      };
      const ofRevoked = await stateOf(revoked);
      const ofOther = await stateOf(other);
      await store.revokeAccount(revoked);
      for (const [model, entryId] of ofRevoked) expect([model, await find(model, entryId)]).toEqual([model, undefined]);
      for (const [model, entryId] of ofOther)
        expect([model, await find(model, entryId)]).toEqual([model, expect.anything()]);
    });

    it("revoking a client ends its grants, codes and tokens, and not another client's", async () => {
      const [removed, other] = [`app-${id()}`, `app-${id()}`];
      const stateOf = async (clientId: string) => {
        const grantId = id();
        return Promise.all(
          [
            ['Grant', { jti: grantId, accountId: 'acc-1', clientId }],
            ['AuthorizationCode', { accountId: 'acc-1', clientId, grantId }],
            ['AccessToken', { accountId: 'acc-1', clientId, grantId }],
            ['RefreshToken', { accountId: 'acc-1', clientId, grantId }],
            ['ClientCredentials', { clientId }],
          ].map(
            async ([model, fields]) =>
              [model as string, await save(model as string, fields as Record<string, unknown>)] as const,
          ),
        );
      };
      const ofRemoved = await stateOf(removed);
      const ofOther = await stateOf(other);
      const session = await save('Session', { uid: id(), accountId: 'acc-1' });
      await store.revokeClient(removed);
      for (const [model, entryId] of ofRemoved) expect([model, await find(model, entryId)]).toEqual([model, undefined]);
      for (const [model, entryId] of ofOther)
        expect([model, await find(model, entryId)]).toEqual([model, expect.objectContaining({ clientId: other })]);
      // The person's session at the provider is theirs, not the client's.
      expect(await find('Session', session)).toBeDefined();
    });

    it('serves clients from the database, with the digest of their secret', async () => {
      const clientId = `contract-${id()}`;
      await subject.clients.add({
        clientId,
        redirectUris: [],
        postLogoutRedirectUris: [],
        isPublic: false,
        firstParty: false,
        grants: ['client_credentials'],
      });
      const client = await find('Client', clientId);
      expect(client).toEqual(expect.objectContaining({ client_id: clientId, grant_types: ['client_credentials'] }));
      expect(typeof client!.client_secret).toBe('string');
      expect(await find('Client', `contract-${id()}`)).toBeUndefined();
    });

    it('answers when asked whether it is ready', async () => {
      expect(await store.ready()).toBe(true);
    });
  });
}
