// The account portal (/account) is a relying party of the provider it lives in: a person reaches
// it through the same two-step sign-in as any application, and leaves it through RP-initiated
// logout. Real HTTP, real database, the pages read and submitted like a browser without script.
import { request, type IncomingMessage } from 'node:http';
import { decodeEntities, UserAgent, type Visit } from '../support/user-agent.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import { recoveryCodesOn, saveRecoveryCodes } from '../support/sign-in.js';
import { testTime } from '../support/clock.js';
import { TEST_REDIS_URL as REDIS_URL } from '../support/databases.js';

const PASSWORD = 'correct horse battery staple';

function heading(visit: Visit): string {
  return decodeEntities(/<h1>([\s\S]*?)<\/h1>/.exec(visit.body)?.[1]?.trim() ?? '');
}

function textOf(visit: Visit, id: string): string {
  const match = new RegExp(`id="${id}"[^>]*>([\\s\\S]*?)</`).exec(visit.body);
  return decodeEntities(match?.[1]?.trim() ?? '');
}

// The portal keeps its sessions in the protocol store: the database by default, Redis when set.
describe.each([
  ['the database', {}],
  ['Redis', { REDIS_URL }],
])('the account portal, sessions in %s', (_store, env: Record<string, string>) => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold({ BCRYPT_COST: '4', ...env });
  });
  afterAll(() => twofold.stop());

  /** First sign-in through /account: password, then enrolment typing the key shown on the page. */
  async function signInFirstTime(
    agent: UserAgent,
    email: string,
  ): Promise<{ account: Visit; app: AuthenticatorApp; recoveryCodes: string[] }> {
    const passwordPage = await agent.navigate('/account');
    expect(heading(passwordPage)).toBe('Sign in');
    const enrolment = await agent.submit(passwordPage, '/password', { email, password: PASSWORD });
    expect(heading(enrolment)).toBe('Set up your authenticator app');
    const app = new AuthenticatorApp(textOf(enrolment, 'secret').replace(/\s+/g, ''));
    const code = await app.nextCode();
    const { visit: account, recoveryCodes } = await saveRecoveryCodes(
      agent,
      await agent.submit(enrolment, '/enroll', { code }),
    );
    return { account, app, recoveryCodes };
  }

  it('is registered as a public, first-party client of the provider itself', async () => {
    const client = await twofold.clients.find('twofold-account');
    expect(client?.firstParty).toBe(true);
    expect(client?.metadata).toMatchObject({
      token_endpoint_auth_method: 'none',
      redirect_uris: [`${twofold.url}/account/callback`],
      post_logout_redirect_uris: [`${twofold.url}/account/signed-out`],
      client_name: 'Twofold account',
    });
  });

  it('signs a person in through the two steps and shows their email, authenticator and how they signed in', async () => {
    const account = await twofold.accounts.create({ email: 'grace@example.com', password: PASSWORD });
    const agent = new UserAgent(twofold.url);
    const { account: page } = await signInFirstTime(agent, 'grace@example.com');

    expect(page.url.pathname).toBe('/account');
    // The browser went through the provider's authorization endpoint and came back with a code.
    expect(page.history.some((u) => u.pathname === '/account/callback' && u.searchParams.has('code'))).toBe(true);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(heading(page)).toBe('Your account');
    expect(textOf(page, 'account-email')).toBe('grace@example.com');
    // Plain words, never the protocol's values (amr, acr).
    expect(page.body).not.toMatch(/pwd otp|urn:twofold:acr/);
    expect(textOf(page, 'sign-in-methods')).toContain('your password and a one-time code from your authenticator app');

    const [authenticator] = await twofold.authenticators.list(account.id);
    expect(page.body).toContain(`<strong id="authenticator-0">${authenticator!.name}</strong>`);
    expect(page.body).toContain(`datetime="${authenticator!.confirmedAt!.toISOString()}"`);
    // No consent page for the provider's own portal: password, enrolment, then straight back.
    expect(page.history.some((u) => u.pathname.includes('consent'))).toBe(false);
  });

  it('signs out through the provider, and the next visit asks for the password again', async () => {
    await twofold.accounts.create({ email: 'ken@example.com', password: PASSWORD });
    const agent = new UserAgent(twofold.url);
    const { account } = await signInFirstTime(agent, 'ken@example.com');
    expect(heading(account)).toBe('Your account');

    // A sign-out form without the page's CSRF token is refused and changes nothing.
    const forged = await agent.post('/account/sign-out', { csrf: 'not-the-token' });
    expect(forged.status).toBe(403);
    expect(heading(await agent.navigate('/account'))).toBe('Your account');

    const confirm = await agent.submit(account, '/account/sign-out');
    expect(confirm.history.some((u) => u.pathname === '/session/end' && u.searchParams.has('id_token_hint'))).toBe(
      true,
    );
    const signedOut = await agent.submit(confirm, '/session/end/confirm', {}, 'yes');
    expect(signedOut.url.pathname).toBe('/account/signed-out');
    expect(heading(signedOut)).toBe('You are signed out');
    expect(signedOut.body).toContain(`href="${twofold.url}/account"`);

    const again = await agent.navigate('/account');
    expect(heading(again)).toBe('Sign in');
  });

  it('"No, stay signed in" on the sign-out question leads back to the account page, signed in', async () => {
    await twofold.accounts.create({ email: 'lin@example.com', password: PASSWORD });
    const agent = new UserAgent(twofold.url);
    const { account } = await signInFirstTime(agent, 'lin@example.com');
    const confirm = await agent.submit(account, '/account/sign-out');
    const stay = /<a class="button secondary" href="([^"]+)">No, stay signed in<\/a>/.exec(confirm.body)?.[1];
    expect(stay).toBe('/account');
    // The provider's session lives on: the account page signs the person in again without a password.
    const back = await agent.navigate(stay!);
    expect(back.url.pathname).toBe('/account');
    expect(heading(back)).toBe('Your account');
    expect(back.history.some((u) => u.pathname.startsWith('/interaction/'))).toBe(false);
  });

  it('ends with every other session of the account (as after reset-mfa or disabling)', async () => {
    const account = await twofold.accounts.create({ email: 'edsger@example.com', password: PASSWORD });
    const agent = new UserAgent(twofold.url);
    expect(heading((await signInFirstTime(agent, 'edsger@example.com')).account)).toBe('Your account');
    await twofold.protocolStore.revokeAccount(account.id);
    expect(heading(await agent.navigate('/account'))).toBe('Sign in');
  });

  it('shows the recovery codes left and gives a new set, only shortly after a full sign-in', async () => {
    const account = await twofold.accounts.create({ email: 'barbara@example.com', password: PASSWORD });
    const agent = new UserAgent(twofold.url);
    const { app, recoveryCodes } = await signInFirstTime(agent, 'barbara@example.com');
    expect(await twofold.recoveryCodes.use(account.id, recoveryCodes[0]!)).toEqual({ ok: true, remaining: 9 });
    const before = await agent.navigate('/account');
    expect(textOf(before, 'recovery-codes-left')).toBe('9 unused recovery codes left.');

    // Without the page's CSRF token: refused, nothing replaced.
    expect((await agent.post('/account/recovery-codes', { csrf: 'not-the-token' })).status).toBe(403);
    const fresh = await agent.submit(before, '/account/recovery-codes');
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('cache-control')).toBe('no-store');
    expect(heading(fresh)).toBe('Your new recovery codes');
    const codes = recoveryCodesOn(fresh);
    expect(codes).toHaveLength(10);
    expect(await twofold.recoveryCodes.use(account.id, recoveryCodes[1]!)).toEqual({ ok: false, reason: 'invalid' });
    expect(textOf(await agent.navigate('/account'), 'recovery-codes-left')).toBe('10 unused recovery codes left.');
    const events = (await twofold.audit.list({ accountId: account.id })).filter(
      (e) => e.type === 'recovery_codes_regenerated',
    );
    expect(events.map((e) => e.detail)).toEqual([{ source: 'account_page', count: 10 }]);

    // Past ACCOUNT_REAUTH_WINDOW (10 minutes) after the full sign-in: both factors again first
    // (test/integration/account-security.test.ts says more), then back at the form.
    await testTime.pass(11 * 60 * 1000);
    const stale = await agent.submit(await agent.navigate('/account'), '/account/recovery-codes');
    expect(heading(stale)).toBe('Sign in');
    expect(recoveryCodesOn(stale)).toEqual([]);
    const codePage = await agent.submit(stale, '/password', { email: 'barbara@example.com', password: PASSWORD });
    const back = await agent.submit(codePage, '/code', { code: await app.nextCode() });
    expect(heading(back)).toBe('Your account');
    expect(textOf(back, 'account-notice')).toBe('You signed in again with both steps. You can make your change now.');
    expect(await twofold.recoveryCodes.use(account.id, codes[0]!)).toEqual({ ok: true, remaining: 9 });
    expect(heading(await agent.submit(back, '/account/recovery-codes'))).toBe('Your new recovery codes');
    expect(await twofold.recoveryCodes.use(account.id, codes[1]!)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a forged callback with a friendly page', async () => {
    const agent = new UserAgent(twofold.url);
    const started = await agent.navigate('/account');
    expect(heading(started)).toBe('Sign in');

    const forged = await agent.navigate(
      `/account/callback?code=stolen-code&state=forged-state&iss=${encodeURIComponent(twofold.url)}`,
    );
    expect(forged.status).toBe(400);
    expect(heading(forged)).toBe('This sign-in could not be completed');
    expect(forged.body).toContain(`href="${twofold.url}/account"`);
    expect(forged.body).not.toMatch(/Error:|at .*\.(js|ts):\d+|stack/i);
    expect(agent.cookieNames('/account')).not.toContain('twofold.account');

    // Without any sign-in started in this browser, a callback is just as worthless.
    const stranger = new UserAgent(twofold.url);
    const orphan = await stranger.navigate(`/account/callback?code=stolen-code&state=forged-state`);
    expect(orphan.status).toBe(400);
    expect(heading(orphan)).toBe('This sign-in could not be completed');
  });

  it('explains a declined sign-in instead of showing the provider error', async () => {
    const agent = new UserAgent(twofold.url);
    const started = await agent.navigate('/account');
    const authorization = started.history.find((u) => u.pathname === '/auth')!;
    expect(authorization.searchParams.get('client_id')).toBe('twofold-account');
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    // What the provider sends back when the person declines: an error instead of a code.
    const state = authorization.searchParams.get('state')!;
    const denied = await agent.navigate(
      `/account/callback?error=access_denied&state=${state}&iss=${encodeURIComponent(twofold.url)}`,
    );
    expect(denied.status).toBe(403);
    expect(heading(denied)).toBe('Sign-in was cancelled');
    expect(denied.body).toContain('Go to your account');
  });
});

// Behind a TLS proxy the issuer's name may not even resolve from inside; the portal's own
// discovery and token calls still reach this server, and what it sends browsers names the issuer.
describe('the account portal behind a proxy', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold({ BCRYPT_COST: '4', ISSUER: 'https://id.twofold.invalid', TRUST_PROXY: 'true' });
  });
  afterAll(() => twofold.stop());

  it('starts a sign-in at the public authorization endpoint, with a secure cookie', async () => {
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: Number(twofold.env.PORT),
          path: '/account',
          headers: { host: 'id.twofold.invalid', 'x-forwarded-proto': 'https' },
        },
        resolve,
      );
      req.on('error', reject);
      req.end();
    });
    response.resume();
    expect(response.statusCode).toBe(302);
    const location = new URL(response.headers.location!);
    expect(location.origin + location.pathname).toBe('https://id.twofold.invalid/auth');
    expect(location.searchParams.get('redirect_uri')).toBe('https://id.twofold.invalid/account/callback');
    const cookie = response.headers['set-cookie']!.find((c) => c.startsWith('twofold.account='))!;
    expect(cookie).toMatch(/; path=\/account/);
    expect(cookie).toMatch(/; secure/);
    expect(cookie).toMatch(/; samesite=lax/);
    expect(cookie).toMatch(/; httponly/);
  });
});
