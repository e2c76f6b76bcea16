// Accessibility in a real Chromium, shared by test/e2e/accessibility*.browser.test.ts: axe-core's
// verdict (WCAG 2 A/AA and best practices) on a page in the light and the dark theme at desktop and
// phone sizes, the branded server and the browser those files start, and every kind of page a
// person can meet in one language (sign-in, each kind of error, enrolment, code, recovery, consent,
// the locked app, too many attempts, logout, account (and adding an app there), help and 404). Each language is a file of its
// own so that jest's workers audit them side by side; within a file one browser walks the pages once
// and audits each in the four looks by changing the viewport and colour scheme in place.
//
// axe is evaluated through the DevTools protocol, which the pages' Content-Security-Policy does not
// govern: the policy stays exactly as people get it.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { generateTotpSecret } from '../../src/mfa/totp-app/totp.js';
import type { Locale } from '../../src/i18n/locales.js';
import { translators, type MessageKey } from '../../src/i18n/translator.js';
import { AuthenticatorApp } from './authenticator-app.js';
import { launchBrowser } from './browser.js';
import { RelyingParty } from './relying-party.js';
import { createPerson, PASSWORD, submitPassword, typeCode } from './sign-in.js';
import { UserAgent } from './user-agent.js';
import { startTwofold, type RunningTwofold } from './twofold.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TEXT = translators({ timeZone: 'UTC' });

const LOOKS = [
  { name: 'light, desktop', colorScheme: 'light', viewport: { width: 1280, height: 800 } },
  { name: 'dark, desktop', colorScheme: 'dark', viewport: { width: 1280, height: 800 } },
  { name: 'light, phone', colorScheme: 'light', viewport: { width: 390, height: 844 } },
  { name: 'dark, phone', colorScheme: 'dark', viewport: { width: 390, height: 844 } },
] as const;

interface Violation {
  page: string;
  look: string;
  rule: string;
  impact: string | null | undefined;
  nodes: string[];
}

/** axe's verdict on the page as it is now, in each of the four looks. */
async function audit(page: Page, name: string): Promise<Violation[]> {
  await page.waitForLoadState('load');
  if (!(await page.evaluate<boolean>("'axe' in window"))) await page.evaluate(AXE_SOURCE);
  const found: Violation[] = [];
  for (const look of LOOKS) {
    await page.setViewportSize(look.viewport);
    await page.emulateMedia({ colorScheme: look.colorScheme });
    const results = await page.evaluate<AxeResults>("axe.run({ resultTypes: ['violations'] })");
    // What makes this test able to fail: axe did look at the text colours and the structure.
    expect(results.passes.length + results.violations.length).toBeGreaterThan(20);
    expect([...results.passes, ...results.violations].map((rule) => rule.id)).toContain('color-contrast');
    for (const violation of results.violations)
      found.push({
        page: name,
        look: look.name,
        rule: violation.id,
        impact: violation.impact,
        nodes: violation.nodes.map((node) => `${node.target.join(' ')}: ${node.failureSummary ?? ''}`),
      });
  }
  return found;
}

interface Person {
  email: string;
  app: AuthenticatorApp;
}

/**
 * A walk audits a dozen pages in four looks each, about 50 runs of axe, each pure CPU in the
 * browser: on 2 busy cores that can take longer than the suite's 60 s per test.
 */
const WALK_TIMEOUT = 180_000;

export interface AccessibilityRig {
  twofold: RunningTwofold;
  browser: Browser;
  /** A third-party application, whose sign-ins end at the consent page. */
  thirdParty: RelyingParty;
}

/** Registers the hooks that start a branded Twofold and a browser for the file; filled in beforeAll. */
export function accessibilityRig(): AccessibilityRig {
  const rig = {} as AccessibilityRig;
  beforeAll(async () => {
    const folder = mkdtempSync(join(tmpdir(), 'twofold-a11y-'));
    writeFileSync(
      join(folder, 'logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40"><circle cx="20" cy="20" r="18" fill="#2f5bd3"/></svg>',
    );
    rig.twofold = await startTwofold({
      BCRYPT_COST: '4',
      ISSUER_NAME: 'Acme Sign-in',
      BRAND_LOGO: join(folder, 'logo.svg'),
      SUPPORT_URL: 'https://desk.example.com/',
      SUPPORT_EMAIL: 'help@example.com',
      RATE_LIMIT_PASSWORD_PER_ACCOUNT_IP: '3',
      RATE_LIMIT_CODE_PER_ACCOUNT: '3',
    });
    rig.browser = await launchBrowser();
    rig.thirdParty = await RelyingParty.register(rig.twofold, { clientId: 'analytics', name: 'Acme Analytics' });
  });
  afterAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    await rig.browser?.close();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    await rig.twofold?.stop();
  });
  return rig;
}

/** Every kind of page in one language, walked once by one browser, with no violation in any look. */
export function everyPageIn(language: string, browserLocale: string, locale: Locale): void {
  const rig = accessibilityRig();

  async function enrolledPerson(): Promise<Person> {
    const person = await createPerson(rig.twofold);
    const secret = generateTotpSecret();
    await rig.twofold.authenticators.enroll(person.id, 'Phone', secret, 0);
    return { email: person.email, app: new AuthenticatorApp(secret) };
  }

  describe(`in ${language}`, () => {
    // The page's words, from the catalogue: the test finds its way in any language.
    const text = TEXT[locale].text.bind(TEXT[locale]) as unknown as (
      key: MessageKey,
      values?: Record<string, string>,
    ) => string;
    const t = (key: MessageKey, values?: Record<string, string>) => text(key, values);
    let context: BrowserContext;
    let page: Page;
    const violations: Violation[] = [];
    const check = async (name: string) => violations.push(...(await audit(page, name)));
    const heading = (text: string) => page.getByRole('heading', { name: text, exact: true }).waitFor();
    const press = (text: string) => page.getByRole('button', { name: text, exact: true }).click();

    beforeAll(async () => {
      context = await rig.browser.newContext({ locale: browserLocale });
      page = await context.newPage();
    });
    afterAll(() => context.close());

    it(
      'a first sign-in, its errors, the account, help, sign-out and 404 have no violation',
      async () => {
        const email = `first-${locale}@example.com`;
        await rig.twofold.accounts.create({ email, password: PASSWORD });

        await page.goto(`${rig.twofold.url}/account`);
        await heading(t('password.title'));
        expect(await page.getAttribute('html', 'lang')).toBe(locale);
        await check('password');

        await page.getByLabel(t('password.email')).fill(email);
        await page.getByLabel(t('password.password')).fill('not the password');
        await press(t('password.continue'));
        await page.locator('#form-error').waitFor();
        await check('password, wrong');

        await page.getByLabel(t('password.password')).fill(PASSWORD);
        await press(t('password.continue'));
        await heading(t('enroll.title'));
        await check('enrolment');
        const app = new AuthenticatorApp((await page.locator('#secret').innerText()).replace(/\s+/g, ''));

        await page.getByLabel(t('code.label')).fill(await app.nextCode());
        await press(t('enroll.confirm'));
        await heading(t('codes.title'));
        await check('recovery codes');

        await press(t('codes.saved_continue'));
        await heading(t('account.title'));
        await check('account');

        // Another app, added on the account page: the page, its error, and the account with two apps.
        await page.getByRole('link', { name: t('account.app.add'), exact: true }).click();
        await heading(t('account.add_app.title'));
        await check('add another app');
        const spare = new AuthenticatorApp((await page.locator('#secret').innerText()).replace(/\s+/g, ''));
        await page.getByLabel(t('account.add_app.name')).fill('Spare phone');
        await page.getByLabel(t('code.label')).fill(await spare.wrongCode());
        await press(t('account.add_app.submit'));
        await page.locator('#form-error').waitFor();
        await check('add another app, wrong code');
        await page.getByLabel(t('code.label')).fill(await spare.nextCode());
        await press(t('account.add_app.submit'));
        await page.locator('#account-notice').waitFor();
        await check('account, two apps');

        await page.goto(`${rig.twofold.url}/help/authenticator?return=/account`);
        await heading(t('help.heading'));
        await check('help');

        await page.goto(`${rig.twofold.url}/no-such-page`);
        await heading(t('problem.not_found.title'));
        await check('404');

        await page.goto(`${rig.twofold.url}/interaction/no-such-sign-in`);
        await heading(t('problem.expired.title'));
        await check('error: sign-in expired');

        await page.goto(
          `${rig.twofold.url}/auth?client_id=nobody&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fx.example%2Fcb`,
        );
        await heading(t('provider.error.title'));
        await check('error: unknown application');

        await page.goto(`${rig.twofold.url}/account`);
        await press(t('account.sign_out'));
        await heading(t('logout.heading'));
        await check('logout confirmation');
        await press(t('logout.yes'));
        await heading(t('signed_out.heading'));
        await check('signed out');

        // Too many wrong passwords for one email: the 429 page.
        await page.getByRole('link', { name: t('signed_out.again') }).click();
        await heading(t('password.title'));
        for (let attempt = 0; attempt < 4; attempt++) {
          await page.getByLabel(t('password.email')).fill(`nobody-${locale}@example.com`);
          await page.getByLabel(t('password.password')).fill('wrong');
          await press(t('password.continue'));
          await page.waitForLoadState('load');
          if ((await page.locator('h1').innerText()) === t('limits.title')) break;
        }
        await heading(t('limits.title'));
        await check('error: too many attempts');

        expect(violations).toEqual([]);
      },
      WALK_TIMEOUT,
    );

    it(
      'the code, recovery, forged-form, consent, account with sessions and apps, and locked pages have no violation',
      async () => {
        const person = await enrolledPerson();
        const started = await rig.thirdParty.start();
        await page.goto(started.url.href);
        await heading(t('password.title'));
        await page.getByLabel(t('password.email')).fill(person.email);
        await page.getByLabel(t('password.password')).fill(PASSWORD);
        await press(t('password.continue'));
        await heading(t('code.title'));
        await check('code');

        await page.getByLabel(t('code.label')).fill('000000');
        await press(t('code.submit'));
        await page.locator('#form-error').waitFor();
        await check('code, wrong');

        await page.getByRole('link', { name: t('link.recovery') }).click();
        await heading(t('recovery.title'));
        await check('recovery');
        await page.getByRole('link', { name: t('recovery.back') }).click();
        await heading(t('code.title'));

        // A form whose CSRF token was tampered with.
        const step = page.url();
        await page.evaluate(`document.querySelector('input[name="csrf"]').value = 'forged'`);
        await page.getByLabel(t('code.label')).fill(await person.app.nextCode());
        await press(t('code.submit'));
        await heading(t('problem.csrf.title'));
        await check('error: form refused');

        await page.goto(step);
        await page.getByLabel(t('code.label')).fill(await person.app.nextCode());
        await press(t('code.submit'));
        await heading(t('consent.heading', { client: 'Acme Analytics' }));
        await check('consent');

        // Allowed, and signed in a second time elsewhere: the account page lists both sessions (one
        // to end) and the connected application (to revoke), then says what each change did.
        await page.route('https://rp.example/**', (route) => route.fulfill({ status: 200, body: 'signed in' }));
        await press(t('consent.allow'));
        await page.waitForURL(/^https:\/\/rp\.example\//);
        const elsewhere = new UserAgent(rig.twofold.url);
        await typeCode(
          elsewhere,
          await submitPassword(elsewhere, await elsewhere.navigate('/account'), person.email, PASSWORD),
          person.app,
        );
        await page.goto(`${rig.twofold.url}/account`);
        await heading(t('account.sessions.heading'));
        await check('account, with sessions and applications');
        await press(t('account.sessions.end'));
        await page.locator('#account-notice').waitFor();
        await check('account, a session ended');
        await press(t('account.apps.revoke'));
        await heading(t('account.title'));
        await expect(page.locator('#account-notice').innerText()).resolves.toBe(t('account.notice.app_revoked'));

        // Another account whose app locks after three wrong codes in a row.
        await context.clearCookies();
        const locked = await enrolledPerson();
        await page.goto(`${rig.twofold.url}/account`);
        await page.getByLabel(t('password.email')).fill(locked.email);
        await page.getByLabel(t('password.password')).fill(PASSWORD);
        await press(t('password.continue'));
        for (let attempt = 0; attempt < 4; attempt++) {
          await page.getByLabel(t('code.label')).fill('000000');
          await press(t('code.submit'));
          await page.waitForLoadState('load');
          if ((await page.locator('h1').innerText()) === t('locked.title')) break;
        }
        await heading(t('locked.title'));
        await check('locked app');
        await context.clearCookies();

        expect(violations).toEqual([]);
      },
      WALK_TIMEOUT,
    );
  });
}
