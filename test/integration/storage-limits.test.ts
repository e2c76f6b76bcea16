// An attacker who wants the server to store data without limit: starting sign-ins by the hundred
// and abandoning them (each /auth stores the whole request for 15 minutes), opening the account
// page without cookies (each visit stores a pending sign-in), and calling the client endpoints with
// made-up client_ids (each failure used to write an audit row and a rate-limit counter of its own).
// Each is bounded per address, on the database and on Redis, while a person who finishes their
// sign-ins from that same address is never stopped.
import { Redis } from 'ioredis';
import { UserAgentAt } from '../support/from-address.js';
import { until } from '../support/redis-server.js';
import { RelyingParty } from '../support/relying-party.js';
import { createPerson, firstSignIn, signIn } from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

describe.each([
  ['the database', {}],
  ['Redis', { REDIS_URL }],
])('storage one address can fill (protocol state in %s)', (where, extra: Record<string, string>) => {
  let twofold: RunningTwofold;
  let redis: Redis | undefined;
  let notes: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({
      ...extra,
      TRUST_PROXY: 'true',
      RATE_LIMIT_INTERACTION_PER_IP: '3',
      RATE_LIMIT_UNKNOWN_CLIENT_PER_IP: '4',
    });
    if (where === 'Redis') redis = new Redis(REDIS_URL);
    notes = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  });
  afterAll(async () => {
    redis?.disconnect();
    await twofold.stop();
  });

  /** How many entries of a model the protocol store holds right now. */
  async function stored(model: string): Promise<number> {
    if (!redis) return twofold.db.oidcPayload.count({ where: { model } });
    let count = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${twofold.env.REDIS_KEY_PREFIX}${model}:*`, 'COUNT', 500);
      count += keys.length;
      cursor = next;
    } while (cursor !== '0');
    return count;
  }

  const rawFrom = (address: string, path: string, init: RequestInit = {}) =>
    fetch(`${twofold.url}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), 'x-forwarded-for': address },
    });

  it('sign-ins started and abandoned from one address are paused at the limit, and no more are stored', async () => {
    const before = await stored('Interaction');
    const starts: number[] = [];
    for (let i = 0; i < 6; i++) {
      const { url } = await notes.start({ login_hint: 'x'.repeat(4000) });
      starts.push((await rawFrom('198.51.100.7', `${url.pathname}${url.search}`)).status);
    }
    expect(starts).toEqual([303, 303, 303, 429, 429, 429]);
    expect((await stored('Interaction')) - before).toBe(3);

    const refused = await rawFrom('198.51.100.7', `/auth${(await notes.start()).url.search}`, {
      headers: { accept: 'text/html' },
    });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Too many sign-ins were started from your network');
    // The refusal is in the audit trail once.
    const audited = await twofold.audit.list({});
    expect(audited.filter((e) => e.type === 'rate_limited' && e.detail.limit === 'interaction_per_ip')).toHaveLength(1);

    // Someone at another address is not affected.
    expect((await rawFrom('198.51.100.8', `/auth${(await notes.start()).url.search}`)).status).toBe(303);
  });

  it('the account page opened without cookies counts too', async () => {
    const before = await stored('TwofoldPortalSession');
    const visits: number[] = [];
    for (let i = 0; i < 5; i++) visits.push((await rawFrom('198.51.100.20', '/account')).status);
    expect(visits).toEqual([302, 302, 302, 429, 429]);
    expect((await stored('TwofoldPortalSession')) - before).toBe(3);
  });

  it('a person who finishes each sign-in is never paused, however many they make', async () => {
    const person = await createPerson(twofold);
    const first = await firstSignIn(new UserAgentAt(twofold.url, '203.0.113.5'), notes, person);
    // More sign-ins from that address than the limit allows to be open at once.
    for (let i = 0; i < 2; i++) await signIn(new UserAgentAt(twofold.url, '203.0.113.5'), notes, person, first.app);
    const another = await notes.start();
    const visit = await new UserAgentAt(twofold.url, '203.0.113.5').navigate(another.url);
    expect(visit.status).toBe(200);
    expect(visit.body).toContain('/password');
  });

  it('made-up client_ids from one address: one counter, one sampled audit row, then 429', async () => {
    const auditBefore = await twofold.db.auditEvent.count();
    const answers: number[] = [];
    for (let i = 0; i < 4; i++) {
      answers.push(
        (
          await rawFrom('192.0.2.44', '/token', {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ grant_type: 'client_credentials', client_id: `made-up-${i}` }).toString(),
          })
        ).status,
      );
    }
    const basic = (id: string) => `Basic ${Buffer.from(`${id}:secret`).toString('base64')}`;
    for (let i = 0; i < 2; i++) {
      answers.push(
        (
          await rawFrom('192.0.2.44', '/request', {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic(`par-${i}`) },
            body: new URLSearchParams({ response_type: 'code', scope: 'openid' }).toString(),
          })
        ).status,
      );
    }
    expect(answers).toEqual([401, 401, 401, 401, 429, 429]);
    const refused = await rawFrom('192.0.2.44', '/token/introspection', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic('yet-another') },
      body: new URLSearchParams({ token: 'x' }).toString(),
    });
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error: 'slow_down',
      error_description: expect.stringContaining('unregistered client_ids from this address'),
    });

    const written = (await twofold.audit.list({})).filter((e) => e.ip === '192.0.2.44');
    expect(written.map((e) => e.type).sort()).toEqual(['client_auth_failed', 'rate_limited']);
    expect(written.find((e) => e.type === 'client_auth_failed')?.detail).toEqual({
      endpoint: 'token',
      reason: 'client not found',
      sample: true,
    });
    expect((await twofold.db.auditEvent.count()) - auditBefore).toBe(2);
    if (!redis) {
      // One counter for the address, not one per invented id.
      expect(await twofold.db.rateLimit.count({ where: { key: { contains: 'unknown_client_per_ip' } } })).toBe(1);
      expect(await twofold.db.rateLimit.count({ where: { key: { contains: 'token_per_client_ip' } } })).toBe(0);
    }
  });

  it("a registered client's wrong secret from that same address is still answered, and audited", async () => {
    const { clientSecret } = await twofold.clients.add({
      clientId: 'nightly',
      redirectUris: [],
      postLogoutRedirectUris: [],
      isPublic: false,
      firstParty: false,
      grants: ['client_credentials'],
    });
    const wrong = await rawFrom('192.0.2.44', '/token', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from('nightly:not-the-secret').toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect(wrong.status).toBe(401);
    const right = await rawFrom('192.0.2.44', '/token', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`nightly:${clientSecret!}`).toString('base64')}`,
      },
      body: 'grant_type=client_credentials',
    });
    expect(right.status).toBe(200);
    // oidc-provider reports the failure as an event once it has answered; the row follows.
    await until(
      async () =>
        (await twofold.audit.list({})).some((e) => e.type === 'client_auth_failed' && e.clientId === 'nightly'),
      "the registered client's failure in the audit trail",
    );
  });
});
