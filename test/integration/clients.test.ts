import { InvalidInputError } from '../../src/accounts/errors.js';
import { clientCredentialsToken, introspect, revoke } from '../support/client-credentials.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';

describe('relying parties', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold();
  });
  afterAll(() => twofold.stop());

  const service = (clientId: string) =>
    twofold.clients.add({
      clientId,
      redirectUris: [],
      postLogoutRedirectUris: [],
      isPublic: false,
      firstParty: false,
      grants: ['client_credentials'],
    });
  const app = (clientId: string, redirect: string) =>
    twofold.clients.add({
      clientId,
      redirectUris: [redirect],
      postLogoutRedirectUris: [],
      isPublic: false,
      firstParty: false,
      grants: [],
    });

  it('must receive codes over https, except on this very machine', async () => {
    await expect(app('plain-http', 'http://rp.example/callback')).rejects.toThrow(InvalidInputError);
    await expect(app('plain-http', 'http://rp.example/callback')).rejects.toThrow(/must use https/);
    await expect(app('dev-app', 'http://localhost:8080/callback')).resolves.toMatchObject({ clientId: 'dev-app' });
    await expect(app('web-app', 'https://rp.example/callback')).resolves.toMatchObject({ clientId: 'web-app' });
    expect(await twofold.clients.find('plain-http')).toBeNull();
  });

  it("cannot introspect another client's token", async () => {
    const a = await service('service-a');
    const b = await service('service-b');
    const token = String((await clientCredentialsToken(twofold.url, 'service-a', a.clientSecret!)).body.access_token);

    const own = await introspect(twofold.url, 'service-a', a.clientSecret!, token);
    expect(own.body).toMatchObject({ active: true, client_id: 'service-a' });
    const foreign = await introspect(twofold.url, 'service-b', b.clientSecret!, token);
    expect(foreign.status).toBe(200);
    expect(foreign.body).toEqual({ active: false });
  });

  it("cannot revoke another client's token, nor learn from the answer whether it is valid", async () => {
    const a = await service('revoking-a');
    const b = await service('revoking-b');
    const token = String((await clientCredentialsToken(twofold.url, 'revoking-a', a.clientSecret!)).body.access_token);

    // The same answer as for a token that does not exist (RFC 7009 §2.2), and the token lives on.
    const foreign = await revoke(twofold.url, 'revoking-b', b.clientSecret!, token);
    const unknown = await revoke(twofold.url, 'revoking-b', b.clientSecret!, 'no-such-token');
    expect(foreign).toEqual({ status: 200, body: '' });
    expect(unknown).toEqual(foreign);
    expect((await introspect(twofold.url, 'revoking-a', a.clientSecret!, token)).body).toMatchObject({ active: true });

    expect(await revoke(twofold.url, 'revoking-a', a.clientSecret!, token)).toEqual({ status: 200, body: '' });
    expect((await introspect(twofold.url, 'revoking-a', a.clientSecret!, token)).body).toEqual({ active: false });
  });
});
