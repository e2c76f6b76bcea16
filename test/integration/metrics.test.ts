// Operator metrics: a separate listener (METRICS_PORT) serves GET /metrics in the Prometheus text
// format; the public port never does. A sign-in and a token request show up as counters, and no
// person or address ever becomes part of a series.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgent } from '../support/user-agent.js';
import { createPerson, firstSignIn, signIn, submitPassword } from '../support/sign-in.js';
import { clientCredentialsToken } from '../support/client-credentials.js';
import { scrape, type Scrape } from '../support/prometheus.js';

describe('operator metrics', () => {
  let twofold: RunningTwofold;
  let metricsUrl: string;
  let rp: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({ METRICS_PORT: '0', RATE_LIMIT_PASSWORD_PER_ACCOUNT_IP: '2' });
    metricsUrl = `http://127.0.0.1:${twofold.metricsPort()}/metrics`;
    rp = await RelyingParty.register(twofold, { clientId: 'metrics-app', firstParty: true });
  });
  afterAll(() => twofold.stop());

  /** How much each counter moved between two scrapes. */
  const moved = (before: Scrape, after: Scrape) => (name: string, labels?: Record<string, string>) =>
    after.value(name, labels) - before.value(name, labels);

  it('a sign-in and token requests move the sign-in, token and HTTP counters', async () => {
    const before = await scrape(metricsUrl);
    expect(before.status).toBe(200);
    expect(before.contentType).toMatch(/^text\/plain; version=0\.0\.4/);

    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const started = await rp.start();
    const wrong = await submitPassword(ua, await ua.navigate(started.url), person.email, 'not the password');
    expect(wrong.status).toBe(200);
    const { app } = await firstSignIn(ua, rp, person);
    await signIn(new UserAgent(twofold.url), rp, person, app);
    const { clientSecret } = await twofold.clients.add({
      clientId: 'metrics-service',
      redirectUris: [],
      postLogoutRedirectUris: [],
      isPublic: false,
      firstParty: false,
      grants: ['client_credentials'],
    });
    expect((await clientCredentialsToken(twofold.url, 'metrics-service', clientSecret!)).status).toBe(200);
    expect((await clientCredentialsToken(twofold.url, 'metrics-service', 'wrong secret')).status).toBe(401);

    const delta = moved(before, await scrape(metricsUrl));
    const signin = (step: string, outcome: string) => delta('twofold_signin_total', { step, outcome });
    expect({
      passwordFailure: signin('password', 'failure'),
      passwordSuccess: signin('password', 'success'),
      enrollment: signin('enrollment', 'success'),
      code: signin('code', 'success'),
      signedIn: signin('signin', 'success'),
      codeFailure: signin('code', 'failure'),
    }).toEqual({ passwordFailure: 1, passwordSuccess: 2, enrollment: 1, code: 1, signedIn: 2, codeFailure: 0 });
    expect({
      codes: delta('twofold_oidc_tokens_issued_total', { type: 'authorization_code' }),
      consumed: delta('twofold_oidc_authorization_codes_consumed_total'),
      accessTokens: delta('twofold_oidc_tokens_issued_total', { type: 'access_token' }),
      clientCredentials: delta('twofold_oidc_tokens_issued_total', { type: 'client_credentials' }),
      clientAuthFailures: delta('twofold_client_auth_failures_total', { endpoint: 'token' }),
    }).toEqual({ codes: 2, consumed: 2, accessTokens: 2, clientCredentials: 1, clientAuthFailures: 1 });
    // Two code exchanges and two client-credentials requests; one of them refused.
    expect(delta('twofold_http_requests_total', { route: 'token', status: '2xx' })).toBe(3);
    expect(delta('twofold_http_requests_total', { route: 'token', status: '4xx' })).toBe(1);
    expect(delta('twofold_http_request_duration_seconds_count', { route: 'token' })).toBe(4);
    expect(delta('twofold_http_requests_total', { route: 'interaction' })).toBeGreaterThanOrEqual(4);
    expect(delta('twofold_http_requests_total', { route: 'authorization', status: '3xx' })).toBeGreaterThanOrEqual(2);
  });

  it('discovery and JWKS requests are counted, answered from memory as they are', async () => {
    const before = await scrape(metricsUrl);
    const discovery = await fetch(`${twofold.url}/.well-known/openid-configuration`);
    await discovery.arrayBuffer();
    const etag = discovery.headers.get('etag')!;
    await (
      await fetch(`${twofold.url}/.well-known/openid-configuration`, { headers: { 'if-none-match': etag } })
    ).text();
    await (await fetch(`${twofold.url}/jwks`)).text();
    const delta = moved(before, await scrape(metricsUrl));
    expect({
      discovery: delta('twofold_http_requests_total', { route: 'discovery', status: '2xx' }),
      unchanged: delta('twofold_http_requests_total', { route: 'discovery', status: '3xx' }),
      jwks: delta('twofold_http_requests_total', { route: 'jwks', status: '2xx' }),
    }).toEqual({ discovery: 1, unchanged: 1, jwks: 1 });
  });

  it('each refusal by a rate limit is counted, and reaching the limit counts as a rate-limited sign-in', async () => {
    const before = await scrape(metricsUrl);
    const ua = new UserAgent(twofold.url);
    let visit = await ua.navigate((await rp.start()).url);
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      visit = await ua.submit(visit, '/password', { email: 'nobody@example.com', password: `guess ${i}` });
      statuses.push(visit.status);
      if (visit.status === 429) visit = await ua.navigate((await rp.start()).url);
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
    const delta = moved(before, await scrape(metricsUrl));
    expect(delta('twofold_rate_limit_refusals_total', { limiter: 'password_per_account_ip' })).toBe(2);
    // The audit trail records the moment the limit was reached, once.
    expect(delta('twofold_signin_total', { step: 'password', outcome: 'rate_limited' })).toBe(1);
    expect(delta('twofold_signin_total', { step: 'password', outcome: 'failure' })).toBe(2);
    // Every limit has its own series from the first scrape, not a catch-all.
    const after = await scrape(metricsUrl);
    for (const limiter of ['password_per_ip', 'code_per_ip', 'recovery_code_per_account']) {
      expect(
        after.samples.some((s) => s.name === 'twofold_rate_limit_refusals_total' && s.labels.limiter === limiter),
      ).toBe(true);
    }
    expect(after.samples.some((s) => s.labels.limiter === 'other')).toBe(false);
  });

  it('the scrape names no person, account, address or path a client chose, and has the process metrics', async () => {
    const person = await createPerson(twofold, 'metrics-person@example.com');
    const ua = new UserAgent(twofold.url);
    await submitPassword(ua, await ua.navigate((await rp.start()).url), person.email, 'wrong');
    const hostilePaths = [
      '/metrics-person@example.com',
      '/interaction/x%0a"}evil',
      '/.well-known/openid-configuration/extra',
      '/token/../jwks',
    ];
    for (const path of hostilePaths) await fetch(`${twofold.url}${path}`);

    const { text, samples } = await scrape(metricsUrl);
    for (const secret of [person.email, person.id, 'example.com', '127.0.0.1', 'evil', 'extra', 'metrics-app'])
      expect([secret, text.includes(secret)]).toEqual([secret, false]);
    const routes = new Set(samples.filter((s) => s.name === 'twofold_http_requests_total').map((s) => s.labels.route));
    expect([...routes].every((r) => /^[a-z_]+$/.test(r!))).toBe(true);
    expect(routes.has('other')).toBe(true);
    expect(samples.some((s) => s.name === 'process_cpu_user_seconds_total')).toBe(true);
    expect(samples.some((s) => s.name === 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('metrics are served only at GET /metrics on the metrics port, never on the public port', async () => {
    expect((await fetch(`${twofold.url}/metrics`)).status).toBe(404);
    const origin = new URL(metricsUrl).origin;
    const statuses = await Promise.all(
      [
        fetch(`${origin}/`),
        fetch(`${origin}/metrics/x`),
        fetch(`${origin}/.well-known/openid-configuration`),
        fetch(`${origin}/metrics`, { method: 'POST' }),
      ].map(async (r) => (await r).status),
    );
    expect(statuses).toEqual([404, 404, 404, 404]);
  });

  it('without METRICS_PORT nothing is served; shutdown closes the metrics port', async () => {
    const off = await startTwofold();
    try {
      expect(off.metricsPort()).toBeUndefined();
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
    } finally {
      await off.stop();
    }

    const on = await startTwofold({ METRICS_PORT: '0' });
    const url = `http://127.0.0.1:${on.metricsPort()}/metrics`;
    expect((await fetch(url)).status).toBe(200);
    await on.stop();
    await expect(fetch(url)).rejects.toThrow();
  });
});
