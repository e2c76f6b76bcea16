import { InvalidInputError } from '../../src/accounts/errors.js';
import { clientCredentialsToken, introspect } from '../support/client-credentials.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';

describe('relying parties', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold();
  });
  afterAll(() => twofold.stop());

  const service = (clientId: string) =>
    twofold.clients.add({ clientId, redirectUris: [], postLogoutRedirectUris: [], isPublic: false, firstParty: false, grants: ['client_credentials'] });
  const app = (clientId: string, redirect: string) =>
    twofold.clients.add({ clientId, redirectUris: [redirect], postLogoutRedirectUris: [], isPublic: false, firstParty: false, grants: [] });

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
});
