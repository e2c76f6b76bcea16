// With REDIS_URL set, a running Twofold keeps its protocol state in Redis and says so on /readyz.
import { Redis } from 'ioredis';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { TEST_REDIS_URL as REDIS_URL } from '../support/databases.js';

describe('redis mode', () => {
  let twofold: RunningTwofold;
  let redis: Redis;
  const createdKeys: string[] = [];
  beforeAll(async () => {
    twofold = await startTwofold({ REDIS_URL });
    redis = new Redis(REDIS_URL);
  });
  afterAll(async () => {
    if (createdKeys.length) await redis.del(...createdKeys);
    await redis.quit();
    await twofold.stop();
  });

  it('reports Redis ready on /readyz', async () => {
    const response = await fetch(`${twofold.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', checks: { database: true, redis: true } });
  });

  it('keeps a client_credentials token in Redis, where introspection finds it active', async () => {
    const { clientId, clientSecret } = await twofold.clients.add({
      clientId: `service-${Date.now()}`,
      redirectUris: [],
      postLogoutRedirectUris: [],
      isPublic: false,
      firstParty: false,
      grants: ['client_credentials'],
    });
    const basic = `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret!)}`).toString('base64')}`;
    const tokenResponse = await fetch(`${twofold.url}/token`, {
      method: 'POST',
      headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials' }),
    });
    expect(tokenResponse.status).toBe(200);
    const { access_token: accessToken } = (await tokenResponse.json()) as { access_token: string };

    const key = `${twofold.config.redisKeyPrefix}ClientCredentials:${accessToken}`;
    createdKeys.push(key);
    expect(await redis.exists(key)).toBe(1);
    expect(await redis.ttl(key)).toBeGreaterThan(0);

    const introspect = async () =>
      (await (
        await fetch(`${twofold.url}/token/introspection`, {
          method: 'POST',
          headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token: accessToken }),
        })
      ).json()) as { active: boolean; client_id?: string };
    expect(await introspect()).toEqual(expect.objectContaining({ active: true, client_id: clientId }));

    // The token lives only in Redis: once Redis forgets it, so does the provider.
    await redis.del(key);
    expect(await introspect()).toEqual({ active: false });
  });
});
