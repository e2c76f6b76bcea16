// oidc-provider's own auto-submit pages in a real browser, under our Content-Security-Policy: the
// three places where oidc-provider answers with a form that a small inline script submits at once.
// A policy that blocked that script would leave the person on a blank "Submitting Callback" page:
// the relying party would never get its code, the previous person would stay signed in, and a
// signed-out browser could not reach the application's "signed out" page.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { generateTotpSecret } from '../../src/mfa/totp-app/totp.js';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import { launchBrowser } from '../support/browser.js';
import { RelyingParty } from '../support/relying-party.js';
import { createPerson, PASSWORD } from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';

interface Person {
  id: string;
  email: string;
  app: AuthenticatorApp;
}

/** What the browser did that a person would not see: blocked scripts, pages left blank. */
function watchPolicyViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

interface Arrival {
  method: string;
  url: URL;
  body: string;
}

/**
 * The relying party's web site, a real server on this machine: its callback and signed-out pages
 * answer with a plain page, and every request the browser sends there is kept.
 */
async function relyingPartySite(): Promise<{ origin: string; arrived: Arrival[]; close(): Promise<void> }> {
  const arrived: Arrival[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      arrived.push({
        method: req.method ?? '',
        url: new URL(req.url ?? '/', origin),
        body: Buffer.concat(chunks).toString(),
      });
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><title>Notes</title><h1>Back at Notes</h1>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, arrived, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe("oidc-provider's auto-submit pages work in a real browser under our CSP", () => {
  let twofold: RunningTwofold;
  let browser: Browser;
  let site: Awaited<ReturnType<typeof relyingPartySite>>;
  let notes: RelyingParty;
  let bob: Person;
  let alice: Person;

  /** An account whose authenticator app is linked already: the store does what enrolment does. */
  async function enrolledPerson(): Promise<Person> {
    const person = await createPerson(twofold);
    const secret = generateTotpSecret();
    await twofold.authenticators.enroll(person.id, 'Phone', secret, 0);
    return { id: person.id, email: person.email, app: new AuthenticatorApp(secret) };
  }

  /** On our password page and then the code page, the way a person fills them in. */
  async function signInOnPages(page: Page, person: Person): Promise<void> {
    await page.locator('input[name="email"]').fill(person.email);
    await page.locator('input[name="password"]').fill(PASSWORD);
    await page.locator('form[action$="/password"] button[type="submit"]').click();
    await page.locator('input[name="code"]').waitFor();
    await page.locator('input[name="code"]').fill(await person.app.nextCode());
    await page.locator('form[action$="/code"] button[type="submit"]').click();
  }

  beforeAll(async () => {
    twofold = await startTwofold({ BCRYPT_COST: '4' });
    browser = await launchBrowser();
    site = await relyingPartySite();
    notes = await RelyingParty.register(twofold, {
      clientId: 'notes',
      name: 'Notes',
      firstParty: true,
      callbackOrigin: site.origin,
    });
    bob = await enrolledPerson();
    alice = await enrolledPerson();
  });
  afterAll(async () => {
    await browser.close();
    await site.close();
    await twofold.stop();
  });

  it('response_mode=form_post: the browser posts the code to the relying party, which redeems it', async () => {
    const discovery = (await (await fetch(`${twofold.url}/.well-known/openid-configuration`)).json()) as {
      response_modes_supported: string[];
    };
    expect(discovery.response_modes_supported).toContain('form_post');

    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = watchPolicyViolations(page);
    let formPostPolicy: string | undefined;
    page.on('response', (response) => {
      if (response.url().startsWith(`${twofold.url}/auth/`))
        formPostPolicy = response.headers()['content-security-policy'];
    });

    const started = await notes.start({ response_mode: 'form_post' });
    await page.goto(started.url.href);
    await signInOnPages(page, bob);
    await page.waitForURL(notes.redirectUri);

    const posted = site.arrived.find((arrival) => arrival.body.includes(started.state));
    expect(posted?.method).toBe('POST');
    expect(posted?.url.href).toBe(notes.redirectUri);
    const form = new URLSearchParams(posted!.body);
    expect(form.get('state')).toBe(started.state);
    expect(form.get('code')).toEqual(expect.any(String));
    // The relying party redeems what it received: the code is bob's.
    const tokens = await notes.finish(new URL(`${notes.redirectUri}?${form.toString()}`), started);
    expect(tokens.claims()?.sub).toBe(bob.id);

    // The script ran because its own hash was allowed, not because inline script was.
    expect(formPostPolicy).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/]+=*'/);
    expect(formPostPolicy).not.toContain('unsafe-inline');
    expect(violations).toEqual([]);
    await context.close();
  });

  it('prompt=login as another person: the previous person is signed out and the new one signed in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = watchPolicyViolations(page);

    // Bob signs in to Notes in this browser.
    const first = await notes.start();
    await page.goto(first.url.href);
    await signInOnPages(page, bob);
    await page.waitForURL(`${notes.redirectUri}?**`);
    const bobTokens = await notes.finish(new URL(page.url()), first);
    expect(bobTokens.claims()?.sub).toBe(bob.id);
    const bobSession = (await context.cookies(twofold.url)).find((cookie) => cookie.name === '_session');
    expect(bobSession).toBeDefined();

    // Alice, at the same computer, is asked to sign in again and signs in as herself.
    const second = await notes.start({ prompt: 'login' });
    await page.goto(second.url.href);
    await signInOnPages(page, alice);
    await page.waitForURL(`${notes.redirectUri}?**`);
    const aliceTokens = await notes.finish(new URL(page.url()), second);
    expect(aliceTokens.claims()?.sub).toBe(alice.id);

    // Bob's session ended: his old cookie, replayed in another browser, signs nobody in.
    const replay = await browser.newContext();
    await replay.addCookies([bobSession!]);
    const check = await replay.newPage();
    const silent = await notes.start({ prompt: 'none' });
    await check.goto(silent.url.href);
    await check.waitForURL(`${notes.redirectUri}?**`);
    expect(new URL(check.url()).searchParams.get('error')).toBe('login_required');
    // And this browser's session is alice's: a silent request gets a code for her.
    const again = await notes.start({ prompt: 'none' });
    await page.goto(again.url.href);
    await page.waitForURL(`${notes.redirectUri}?**`);
    expect((await notes.finish(new URL(page.url()), again)).claims()?.sub).toBe(alice.id);

    expect(violations).toEqual([]);
    await replay.close();
    await context.close();
  });

  it('logout asked by the relying party in a browser without a session reaches its signed-out page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const violations = watchPolicyViolations(page);

    const logout = new URL('/session/end', twofold.url);
    logout.searchParams.set('client_id', 'notes');
    logout.searchParams.set('post_logout_redirect_uri', notes.postLogoutRedirectUri);
    logout.searchParams.set('state', 'after-logout');
    await page.goto(logout.href);
    await page.waitForURL(`${notes.postLogoutRedirectUri}?**`);

    expect(new URL(page.url()).searchParams.get('state')).toBe('after-logout');
    await expect(page.locator('h1').innerText()).resolves.toBe('Back at Notes');
    expect(violations).toEqual([]);
    await context.close();
  });
});
