// A client secret (or a code, or a refresh token) guessed at the token endpoints: failures are
// counted per (client_id, client IP) over /token, /token/introspection and /token/revocation; the
// 21st failure in 15 minutes is answered 429 {"error":"slow_down"} with Retry-After, whatever it
// carries, while the same client elsewhere and other clients here go on working.
import { request as httpRequest } from 'node:http';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { startRedisServer, until, type RedisServer } from '../support/redis-server.js';
import { RelyingParty } from '../support/relying-party.js';
import { createPerson, firstSignIn } from '../support/sign-in.js';
import { UserAgent } from '../support/user-agent.js';

interface Answer {
  status: number;
  retryAfter: string | null;
  body: Record<string, unknown>;
}

async function call(
  twofold: RunningTwofold,
  path: string,
  auth: { clientId: string; secret: string; via: 'basic' | 'post' },
  form: Record<string, string>,
  address: string,
): Promise<Answer> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-forwarded-for': address,
  };
  const body = new URLSearchParams(form);
  if (auth.via === 'basic') {
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(auth.clientId)}:${encodeURIComponent(auth.secret)}`).toString('base64')}`;
  } else {
    body.set('client_id', auth.clientId);
    body.set('client_secret', auth.secret);
  }
  const response = await fetch(`${twofold.url}${path}`, { method: 'POST', headers, body });
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    body: (await response.json()) as Record<string, unknown>,
  };
}

/** A confidential client; with `signsIn` it also has the authorization_code and refresh_token grants. */
const machineClient = async (twofold: RunningTwofold, clientId: string, signsIn = false) => {
  const { clientSecret } = await twofold.clients.add({
    clientId,
    redirectUris: signsIn ? [`https://rp.example/${clientId}/callback`] : [],
    postLogoutRedirectUris: [],
    isPublic: false,
    firstParty: false,
    grants: ['client_credentials'],
  });
  return { clientId, secret: clientSecret! };
};

const grant = { grant_type: 'client_credentials' };

function expectSlowDown(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(answer.body).toEqual({
    error: 'slow_down',
    error_description: expect.stringMatching(
      /^too many failed requests from this client at this address; retry after \d+ seconds$/,
    ),
  });
  expect(Number(answer.retryAfter)).toBeGreaterThan(15 * 60 - 60);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(15 * 60);
}

/**
 * `count` requests in flight together: each is sent but for the last byte of its body, and all are
 * finished at once after a pause in which every one has reached the server and passed what it does
 * before reading a body. So all of them are checked before any is answered: the attacker's best case.
 */
async function simultaneously(
  url: string,
  count: number,
  request: (n: number) => { headers: Record<string, string>; body: string },
): Promise<Answer[]> {
  const sent = Array.from({ length: count }, (_, n) => {
    const { headers, body } = request(n);
    const req = httpRequest(url, {
      method: 'POST',
      agent: false,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
    });
    const answer = new Promise<Answer>((resolve, reject) => {
      req.on('error', reject);
      req.on('response', (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode!,
            retryAfter: response.headers['retry-after'] ?? null,
            body: JSON.parse(text),
          }),
        );
      });
    });
    req.write(body.slice(0, -1));
    return { finish: () => req.end(body.slice(-1)), answer };
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
  sent.forEach(({ finish }) => finish());
  return Promise.all(sent.map(({ answer }) => answer));
}

/** Each failure is counted before it is answered: exactly 20 of a burst of wrong secrets get an answer, the rest 429. */
async function burstOfWrongSecrets(twofold: RunningTwofold): Promise<void> {
  const client = await machineClient(twofold, `burst-${Date.now()}`);
  const basic = (secret: string) => `Basic ${Buffer.from(`${client.clientId}:${secret}`).toString('base64')}`;
  const answers = await simultaneously(`${twofold.url}/token`, 32, (n) => ({
    headers: { authorization: basic(`guess-${n}`), 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  }));
  expect(answers.filter((answer) => answer.status === 401)).toHaveLength(20);
  const refused = answers.filter((answer) => answer.status !== 401);
  expect(refused).toHaveLength(12);
  refused.forEach(expectSlowDown);
  expectSlowDown(await call(twofold, '/token', { ...client, via: 'basic' }, grant, ''));
  const events = (await twofold.audit.list({})).filter(
    (e) => e.type === 'rate_limited' && e.clientId === client.clientId,
  );
  expect(events).toHaveLength(1);
}

describe('rate limits at the token endpoints', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold({ TRUST_PROXY: 'true' });
  });
  afterAll(() => twofold.stop());

  it('20 wrong client secrets from one address, then 429 slow_down even for the right secret, by any method; other addresses and clients unaffected', async () => {
    const client = await machineClient(twofold, 'nightly-report');
    const other = await machineClient(twofold, 'weekly-report');
    const attacker = '203.0.113.50';
    for (let attempt = 1; attempt <= 20; attempt++) {
      const answer = await call(
        twofold,
        '/token',
        { ...client, secret: `guess-${attempt}`, via: 'basic' },
        grant,
        attacker,
      );
      expect(answer.status).toBe(401);
      expect(answer.body.error).toBe('invalid_client');
    }
    expectSlowDown(await call(twofold, '/token', { ...client, secret: 'guess-21', via: 'basic' }, grant, attacker));
    expectSlowDown(await call(twofold, '/token', { ...client, via: 'basic' }, grant, attacker));
    expectSlowDown(await call(twofold, '/token', { ...client, via: 'post' }, grant, attacker));
    expectSlowDown(await call(twofold, '/token/introspection', { ...client, via: 'basic' }, { token: 'x' }, attacker));

    const elsewhere = await call(twofold, '/token', { ...client, via: 'basic' }, grant, '203.0.113.51');
    expect(elsewhere.status).toBe(200);
    expect(typeof elsewhere.body.access_token).toBe('string');
    expect((await call(twofold, '/token', { ...other, via: 'basic' }, grant, attacker)).status).toBe(200);

    const events = (await twofold.audit.list({})).filter(
      (e) => e.type === 'rate_limited' && e.clientId === client.clientId,
    );
    expect(events.map((e) => ({ ip: e.ip, detail: e.detail }))).toEqual([
      { ip: attacker, detail: { limit: 'token_per_client_ip', retryAfterSeconds: expect.any(Number) } },
    ]);
  });

  it('a parallel burst of wrong client secrets gets exactly 20 answers, the rest 429', () =>
    burstOfWrongSecrets(twofold));

  it('counts the token endpoint under every spelling oidc-provider answers at (/TOKEN, /token/, /Token/)', async () => {
    const client = await machineClient(twofold, 'spelled-report');
    const attacker = '203.0.113.60';
    const spellings = ['/token/', '/TOKEN', '/Token/', '/token'];
    for (let attempt = 1; attempt <= 20; attempt++) {
      const path = spellings[attempt % spellings.length]!;
      const answer = await call(
        twofold,
        path,
        { ...client, secret: `guess-${attempt}`, via: 'basic' },
        grant,
        attacker,
      );
      // Each spelling reaches the endpoint itself, and each guess counts.
      expect([path, answer.status, answer.body.error]).toEqual([path, 401, 'invalid_client']);
    }
    for (const path of spellings)
      expectSlowDown(await call(twofold, path, { ...client, secret: 'guess-21', via: 'basic' }, grant, attacker));
  });

  it('counts failures at introspection and revocation, wrong grants and client_id in the form body; successes cost nothing', async () => {
    const client = await machineClient(twofold, 'metrics-exporter', true);
    const address = '203.0.113.60';
    for (let i = 0; i < 25; i++)
      expect((await call(twofold, '/token', { ...client, via: 'basic' }, grant, address)).status).toBe(200);

    const wrong = { ...client, secret: 'not-it' };
    const failures = [
      ...Array.from({ length: 5 }, () =>
        call(twofold, '/token/introspection', { ...wrong, via: 'basic' }, { token: 'x' }, address),
      ),
      ...Array.from({ length: 5 }, () =>
        call(twofold, '/token/revocation', { ...wrong, via: 'post' }, { token: 'x' }, address),
      ),
      ...Array.from({ length: 5 }, () => call(twofold, '/token', { ...wrong, via: 'post' }, grant, address)),
      // The right secret, a made-up refresh token: invalid_grant.
      ...Array.from({ length: 5 }, () =>
        call(
          twofold,
          '/token',
          { ...client, via: 'basic' },
          { grant_type: 'refresh_token', refresh_token: 'made-up' },
          address,
        ),
      ),
    ];
    for (const answer of await Promise.all(failures)) expect([400, 401]).toContain(answer.status);
    expectSlowDown(await call(twofold, '/token', { ...client, via: 'post' }, grant, address));
  });

  it("someone sharing the address cannot destroy a public app's refresh tokens by getting its client_id blocked", async () => {
    const app = await RelyingParty.register(twofold, { clientId: 'phone-app', firstParty: true, isPublic: true });
    const { tokens } = await firstSignIn(new UserAgent(twofold.url), app, await createPerson(twofold), {
      scope: 'openid offline_access',
      prompt: 'consent',
    });
    const office = '203.0.113.70';
    const refresh = (refreshToken: string, address: string) =>
      fetch(`${twofold.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: refreshToken,
          client_id: app.clientId,
        }),
      });
    // A colleague's script, or an attacker on the same network: 21 made-up refresh tokens.
    for (let i = 0; i < 20; i++) expect((await refresh(`made-up-${i}`, office)).status).toBe(400);
    expect((await refresh('made-up-21', office)).status).toBe(429);

    // The person's app refreshes from the office: the rotated token is answered, not thrown away.
    const rotated = await refresh(tokens.refresh_token!, office);
    expect(rotated.status).toBe(200);
    const next = (await rotated.json()) as { refresh_token: string };
    const later = await refresh(next.refresh_token, '203.0.113.71');
    expect(later.status).toBe(200);
  });
});

describe('rate limits at the token endpoints with the counters in Redis, and Redis down', () => {
  let redisServer: RedisServer;
  let twofold: RunningTwofold;
  beforeAll(async () => {
    redisServer = await startRedisServer();
    twofold = await startTwofold({ REDIS_URL: redisServer.url });
  });
  afterAll(async () => {
    await twofold.stop();
    await redisServer.stop();
  });

  it('a parallel burst of wrong client secrets, counted in Redis, gets exactly 20 answers, the rest 429', () =>
    burstOfWrongSecrets(twofold));

  it('fails closed: 503 temporarily_unavailable rather than unlimited guessing', async () => {
    const client = await machineClient(twofold, 'nightly-report');
    expect((await call(twofold, '/token', { ...client, via: 'basic' }, grant, '')).status).toBe(200);
    await redisServer.stop();
    const started = Date.now();
    const answer = await call(twofold, '/token', { ...client, secret: 'a guess', via: 'basic' }, grant, '');
    expect(Date.now() - started).toBeLessThan(2500);
    expect(answer.status).toBe(503);
    expect(answer.body).toEqual({
      error: 'temporarily_unavailable',
      error_description: 'the service is temporarily unavailable; try again shortly',
    });
    expect(answer.retryAfter).toBe('5');
    await redisServer.restart();
    await until(() => twofold.protocolStore.ready(), 'Redis to be back', 10000);
  });
});
