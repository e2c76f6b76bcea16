// What a hostile page or a network attacker meets in the browser: every page we serve forbids
// framing, inline script, referrer leaks and MIME sniffing; cookies are out of script's reach and
// not sent by other sites' forms (Secure too, with HSTS, when the issuer is https); every form needs
// its CSRF token; and no parameter sends the browser to an address nobody registered.
import { RelyingParty, CALLBACK_ORIGIN } from '../support/relying-party.js';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import {
  PASSWORD,
  callbackOf,
  createPerson,
  enrol,
  isCodePage,
  isConsentPage,
  isPasswordPage,
  submitPassword,
} from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { UserAgent, parseForms, type Visit } from '../support/user-agent.js';

interface Seen {
  url: URL;
  status: number;
  headers: Headers;
}

/**
 * A browser that remembers every response it got. With `behindProxy`, it talks to the issuer's
 * public https name through a TLS-terminating proxy: requests go to the server's own port with
 * X-Forwarded-Proto https, as nginx would send them.
 */
class RecordingAgent extends UserAgent {
  readonly seen: Seen[] = [];

  constructor(
    issuer: string,
    private readonly behindProxy?: string,
  ) {
    super(issuer);
  }

  override async fetch(url: URL, init: RequestInit = {}): Promise<Response> {
    const target = this.behindProxy ? new URL(url.pathname + url.search, this.behindProxy) : url;
    const headers = this.behindProxy
      ? { ...(init.headers as Record<string, string>), 'x-forwarded-proto': 'https', 'x-forwarded-host': url.host }
      : init.headers;
    const response = await super.fetch(target, { ...init, headers });
    this.seen.push({ url, status: response.status, headers: response.headers });
    return response;
  }

  setCookies(): string[] {
    return this.seen.flatMap((s) => s.headers.getSetCookie());
  }
}

const EVIL = 'https://evil.example';

function expectPageHeaders(seen: Seen, https: boolean): void {
  const where = `${seen.status} ${seen.url.pathname}`;
  const h = (name: string) => [where, seen.headers.get(name)];
  expect(h('x-content-type-options')).toEqual([where, 'nosniff']);
  expect(h('referrer-policy')).toEqual([where, 'no-referrer']);
  const csp = seen.headers.get('content-security-policy') ?? '';
  expect([where, csp]).toEqual([where, expect.stringContaining("frame-ancestors 'none'")]);
  const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? /(?:^|;)\s*default-src ([^;]*)/.exec(csp)?.[1];
  expect([where, scriptSrc]).toEqual([where, expect.any(String)]);
  expect([where, scriptSrc]).not.toEqual([where, expect.stringContaining('unsafe-inline')]);
  expect([where, csp]).not.toEqual([where, expect.stringContaining('unsafe-eval')]);
  if (https) expect(h('strict-transport-security')).toEqual([where, expect.stringMatching(/^max-age=\d{7,}/)]);
  else expect(h('strict-transport-security')).toEqual([where, null]);
}

function expectCookies(cookies: string[], https: boolean): void {
  expect(cookies.length).toBeGreaterThan(0);
  for (const cookie of cookies) {
    const name = cookie.split('=')[0];
    expect([name, /;\s*httponly/i.test(cookie)]).toEqual([name, true]);
    expect([name, /;\s*samesite=lax/i.test(cookie)]).toEqual([name, true]);
    expect([name, /;\s*secure/i.test(cookie)]).toEqual([name, https]);
  }
}

describe('browser-side protections over http', () => {
  let twofold: RunningTwofold;
  let notes: RelyingParty;
  let agent: RecordingAgent;
  let person: { id: string; email: string; password: string };
  let app: AuthenticatorApp;
  /** The enrolled person signs in to Notes in a new browser (password, code, consent); returns the ID token. */
  async function signInAgain(browser: UserAgent): Promise<string> {
    const started = await notes.start();
    const codePage = await submitPassword(browser, await browser.navigate(started.url), person.email, person.password);
    let visit = await browser.submit(codePage, '/code', { code: await app.nextCode() });
    if (isConsentPage(visit)) visit = await browser.submit(visit, '/consent', {}, 'allow');
    return (await notes.finish(callbackOf(visit), started)).id_token!;
  }
  /** One page of each kind, kept for the CSRF checks. */
  const pages: Record<string, Visit> = {};

  beforeAll(async () => {
    twofold = await startTwofold();
    notes = await RelyingParty.register(twofold, { clientId: 'notes', name: 'Notes' });
    agent = new RecordingAgent(twofold.url);
    person = await createPerson(twofold);

    // A whole first sign-in at a third-party relying party: password, enrolment, consent.
    const started = await notes.start();
    pages.password = await agent.navigate(started.url);
    expect(isPasswordPage(pages.password)).toBe(true);
    pages.enroll = await submitPassword(agent, pages.password, person.email, person.password);
    const enrolled = await enrol(agent, pages.enroll);
    app = enrolled.app;
    pages.consent = enrolled.visit;
    expect(isConsentPage(pages.consent)).toBe(true);
    const tokens = await notes.finish(callbackOf(await agent.submit(pages.consent, '/consent', {}, 'allow')), started);

    // The code page, in a second browser (the first one has a session now).
    const other = new RecordingAgent(twofold.url);
    pages.code = await submitPassword(
      other,
      await other.navigate((await notes.start()).url),
      person.email,
      person.password,
    );
    expect(isCodePage(pages.code)).toBe(true);
    agent.seen.push(...other.seen);

    pages.help = await agent.navigate('/help/authenticator');
    pages.account = await agent.navigate('/account');
    expect(pages.account.url.pathname).toBe('/account');
    expect(pages.account.body).toContain('Your account');
    pages.logout = await agent.navigate(notes.logoutUrl(tokens.id_token!));
    expect(pages.logout.body).toContain('Sign out?');
    // Error pages: an unknown client at /auth, an unknown interaction, a path that does not exist.
    await agent.navigate(
      `/auth?client_id=nobody&response_type=code&scope=openid&redirect_uri=${encodeURIComponent(`${EVIL}/cb`)}`,
    );
    await agent.navigate('/interaction/no-such-interaction');
    await agent.navigate('/no-such-page');
    await agent.navigate('/account/callback?code=forged&state=forged');
    // The portal's sign-out, through the provider's confirmation, to the signed-out page.
    const confirm = await agent.submit(pages.account, '/account/sign-out');
    pages.signedOut = await agent.submit(confirm, '/session/end/confirm', {}, 'yes');
    expect(pages.signedOut.url.pathname).toBe('/account/signed-out');
    // Logout without a session, and the provider's own "signed out" page.
    await agent.navigate('/session/end');
    pages.loggedOut = await agent.navigate('/session/end/success');
    expect(pages.loggedOut.body).toContain('Signed out');
  }, 60_000);
  afterAll(() => twofold.stop());

  it('sends the headers on every page: interaction, help, account, error and logout pages', () => {
    const html = agent.seen.filter((s) => s.headers.get('content-type')?.startsWith('text/html'));
    const paths = new Set(html.map((s) => s.url.pathname.replace(/\/interaction\/[^/]+/, '/interaction/:uid')));
    for (const path of [
      '/interaction/:uid',
      '/help/authenticator',
      '/account',
      '/account/signed-out',
      '/session/end',
      '/session/end/success',
      '/auth',
      '/account/callback',
    ]) {
      expect([...paths]).toContain(path);
    }
    expect(html.some((s) => s.status >= 400)).toBe(true);
    for (const seen of agent.seen) expectPageHeaders(seen, false);
  });

  it('sets only HttpOnly, SameSite=Lax cookies, not Secure over http', () => {
    const cookies = agent.setCookies();
    expect(cookies.map((c) => c.split('=')[0])).toEqual(
      expect.arrayContaining(['_interaction', '_session', 'twofold.account']),
    );
    expectCookies(cookies, false);
  });

  it('refuses every hosted form without its CSRF token, or with a wrong one, with 403', async () => {
    for (const [name, suffix] of [
      ['password', '/password'],
      ['enroll', '/enroll'],
      ['code', '/code'],
      ['consent', '/consent'],
    ] as const) {
      const form = parseForms(pages[name]!.body).find((f) => f.action.endsWith(suffix))!;
      const { csrf, ...rest } = form.fields;
      expect([name, csrf]).toEqual([name, expect.any(String)]);
      const action = new URL(form.action, twofold.url);
      const missing = await agent.post(action, {
        ...rest,
        email: person.email,
        password: PASSWORD,
        code: '123456',
        decision: 'allow',
      });
      expect([name, 'missing', missing.status]).toEqual([name, 'missing', 403]);
      // The first character changed: it carries six bits of the HMAC (the last one carries only four,
      // so a token already ending as the forgery does would slip through one run in a thousand).
      const forged = `${csrf!.startsWith('A') ? 'B' : 'A'}${csrf!.slice(1)}`;
      const wrong = await agent.post(action, { ...rest, csrf: forged, code: '123456', decision: 'allow' });
      expect([name, 'wrong', wrong.status]).toEqual([name, 'wrong', 403]);
      expect(wrong.body).toContain('This form could not be verified');
    }
  });

  it('refuses the portal sign-out and the logout confirmation without their tokens, and nothing is signed out', async () => {
    const browser = new RecordingAgent(twofold.url);
    const idToken = await signInAgain(browser);
    const account = await browser.navigate('/account');
    expect(account.body).toContain('Your account');

    expect((await browser.post('/account/sign-out', {})).status).toBe(403);
    expect((await browser.post('/account/sign-out', { csrf: 'not-the-token' })).status).toBe(403);

    const confirm = await browser.navigate(notes.logoutUrl(idToken));
    const form = parseForms(confirm.body).find((f) => f.action.endsWith('/session/end/confirm'))!;
    const { xsrf, ...rest } = form.fields;
    expect(xsrf).toEqual(expect.any(String));
    // oidc-provider refuses a logout confirmation without its xsrf token (as invalid_request).
    for (const forged of [
      { ...rest, logout: 'yes' },
      { ...rest, xsrf: 'forged', logout: 'yes' },
    ]) {
      const refused = await browser.post(new URL(form.action, twofold.url), forged);
      expect(refused.status).toBeGreaterThanOrEqual(400);
      expect(refused.status).toBeLessThan(500);
      expect(refused.leftTo).toBeUndefined();
    }
    // Still signed in: the account page shows without a new sign-in.
    expect((await browser.navigate('/account')).body).toContain('Your account');
  });

  describe('open redirects', () => {
    const offSite = (visit: Visit) =>
      [visit.leftTo?.origin, ...visit.history.map((u) => u.origin)].filter(
        (o) => o && o !== new URL(twofold.url).origin,
      );

    it('an unregistered redirect_uri gets an error page, never a redirect', async () => {
      for (const redirect of [
        `${EVIL}/cb`,
        `${CALLBACK_ORIGIN}/notes/callback/../../evil`,
        `${CALLBACK_ORIGIN}/notes/callback?x=1`,
        `${CALLBACK_ORIGIN}.evil.example/notes/callback`,
        '//evil.example/cb',
      ]) {
        const url = new URL(`${twofold.url}/auth`);
        url.search = new URLSearchParams({
          client_id: 'notes',
          response_type: 'code',
          scope: 'openid',
          redirect_uri: redirect,
          code_challenge: 'x'.repeat(43),
          code_challenge_method: 'S256',
          state: 's',
        }).toString();
        const visit = await new UserAgent(twofold.url).navigate(url);
        expect([redirect, visit.status]).toEqual([redirect, 400]);
        expect(offSite(visit)).toEqual([]);
        expect(visit.body).toContain('invalid_redirect_uri');
      }
    });

    it('an unregistered post_logout_redirect_uri gets an error page, never a redirect', async () => {
      const browser = new UserAgent(twofold.url);
      const idToken = await signInAgain(browser);
      const attempts: Record<string, string>[] = [
        { id_token_hint: idToken, post_logout_redirect_uri: `${EVIL}/bye` },
        { client_id: 'notes', post_logout_redirect_uri: `${EVIL}/bye` },
      ];
      for (const params of attempts) {
        const url = new URL(`${twofold.url}/session/end`);
        url.search = new URLSearchParams(params).toString();
        const visit = await browser.navigate(url);
        expect([params, visit.status]).toEqual([params, 400]);
        expect(visit.body).toContain('invalid_request');
        expect(offSite(visit)).toEqual([]);
      }
      // Without a client to check it against, oidc-provider ignores the address: the confirmation
      // ends on the provider's own signed-out page.
      const bare = await browser.navigate(`/session/end?post_logout_redirect_uri=${encodeURIComponent(`${EVIL}/bye`)}`);
      expect(offSite(bare)).toEqual([]);
      const out = await browser.submit(bare, '/session/end/confirm', {}, 'yes');
      expect(offSite(out)).toEqual([]);
      expect(out.url.pathname).toBe('/session/end/success');
    });

    it('no return/next-style parameter of our own routes sends the browser elsewhere', async () => {
      const names = ['return', 'return_to', 'returnTo', 'next', 'redirect', 'redirect_uri', 'url', 'continue', 'goto'];
      const targets = [`${EVIL}/x`, '//evil.example/x', '/\\evil.example/x', 'javascript:alert(1)'];
      for (const path of [
        '/account',
        '/account/signed-out',
        '/account/callback',
        '/help/authenticator',
        '/interaction/no-such-interaction',
      ]) {
        for (const name of names) {
          for (const target of targets) {
            const browser = new UserAgent(twofold.url);
            const visit = await browser.navigate(`${path}?${name}=${encodeURIComponent(target)}`);
            expect([path, name, target, offSite(visit)]).toEqual([path, name, target, []]);
            expect(visit.body).not.toContain('evil.example');
          }
        }
      }
      // The sign-out form too (a signed-out browser: it goes to the signed-out page).
      const out = await new UserAgent(twofold.url).post('/account/sign-out', {
        next: `${EVIL}/x`,
        return: `${EVIL}/x`,
      });
      expect(offSite(out)).toEqual([]);
    });
  });
});

describe('browser-side protections behind a TLS proxy (https issuer)', () => {
  const ISSUER = 'https://id.twofold.invalid';
  let twofold: RunningTwofold;
  let agent: RecordingAgent;
  beforeAll(async () => {
    twofold = await startTwofold({ ISSUER, TRUST_PROXY: 'true' });
    agent = new RecordingAgent(ISSUER, `http://127.0.0.1:${twofold.env.PORT}`);
    const person = await createPerson(twofold);
    // The account portal signs in through the public name: password, enrolment, back to /account.
    const passwordPage = await agent.navigate(`${ISSUER}/account`);
    const { visit } = await enrol(agent, await submitPassword(agent, passwordPage, person.email, person.password));
    expect(visit.url.href).toBe(`${ISSUER}/account`);
    expect(visit.body).toContain('Your account');
    await agent.navigate(`${ISSUER}/help/authenticator`);
    await agent.navigate(`${ISSUER}/interaction/no-such-interaction`);
  }, 60_000);
  afterAll(() => twofold.stop());

  it('sends HSTS and the other headers on every page', () => {
    expect(agent.seen.length).toBeGreaterThan(5);
    for (const seen of agent.seen) expectPageHeaders(seen, true);
  });

  it('sets only Secure, HttpOnly, SameSite=Lax cookies', () => {
    const cookies = agent.setCookies();
    expect(cookies.map((c) => c.split('=')[0])).toEqual(
      expect.arrayContaining(['_interaction', '_session', 'twofold.account', '__Host-twofold.enrolment']),
    );
    expectCookies(cookies, true);
    // The enrolment's browser token carries the __Host- prefix: Secure, Path=/, no Domain, so a
    // sibling subdomain cannot plant one; never sent under its plain name.
    expect(cookies.map((c) => c.split('=')[0])).not.toContain('twofold.enrolment');
    for (const cookie of cookies.filter((c) => c.startsWith('__Host-'))) {
      expect(cookie).toMatch(/;\s*path=\/(;|$)/i);
      expect(cookie).not.toMatch(/;\s*domain=/i);
    }
  });
});
