// A person changes their password on the account page in a real browser: the form is labelled and
// works without script under the page's Content-Security-Policy, says what it did, and the next
// sign-in takes the new password only; past ACCOUNT_REAUTH_WINDOW the page asks for both factors
// first and brings the person back to the form.
import type { Browser, Page } from 'playwright-core';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import { launchBrowser } from '../support/browser.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { testTime } from '../support/clock.js';

const EMAIL = 'hedy@example.com';
const OLD = 'correct horse battery staple';
const NEW = 'frequency hopping since nineteen forty-two';

describe('changing the password in a real browser', () => {
  let twofold: RunningTwofold;
  let browser: Browser;

  beforeAll(async () => {
    twofold = await startTwofold({ BCRYPT_COST: '4' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    await browser?.close();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    await twofold?.stop();
  });

  async function signInWith(page: Page, password: string): Promise<void> {
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Continue' }).click();
  }

  it('changes it from /account; signed out, the old password is refused and the new one signs in', async () => {
    await twofold.accounts.create({ email: EMAIL, password: OLD });
    const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    const blocked: string[] = [];
    page.on('console', (message) => {
      // What the policy refused (answers such as the 400 of a refused form are not that).
      if (message.type() === 'error' && /Content Security Policy|Refused to/.test(message.text()))
        blocked.push(message.text());
    });

    await page.goto(`${twofold.url}/account`);
    await signInWith(page, OLD);
    const key = (await page.locator('#secret').innerText()).replace(/\s+/g, '');
    const app = new AuthenticatorApp(key);
    await page.getByLabel('6-digit code').fill(await app.nextCode());
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.getByRole('button', { name: 'I have saved these codes — continue' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();

    // A typo in the repeated password first: the page says so and changes nothing.
    await page.getByLabel('Current password').fill(OLD);
    await page.getByLabel('New password', { exact: true }).fill(NEW);
    await page.getByLabel('New password again').fill(`${NEW}.`);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('The two new passwords are not the same.');
    await expect(page.getByLabel('New password again').getAttribute('aria-invalid')).resolves.toBe('true');

    await page.getByLabel('Current password').fill(OLD);
    await page.getByLabel('New password', { exact: true }).fill(NEW);
    await page.getByLabel('New password again').fill(NEW);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toBe(
      'Your password was changed. You were signed out everywhere else.',
    );
    await expect(page.locator('#account-email').innerText()).resolves.toBe(EMAIL);

    // The change ended this browser's session at the provider too: signing out asks nothing more.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await signInWith(page, OLD);
    await expect(page.getByRole('alert').innerText()).resolves.toContain('That email and password do not match');
    await page.getByLabel('Password').fill(NEW);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('6-digit code').fill(await app.nextCode());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    expect(blocked).toEqual([]);
    await context.close();
  });

  it('past ACCOUNT_REAUTH_WINDOW, asks for both factors first and brings the person back to the form', async () => {
    const email = 'grace@example.com';
    await twofold.accounts.create({ email, password: OLD });
    const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${twofold.url}/account`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(OLD);
    await page.getByRole('button', { name: 'Continue' }).click();
    const app = new AuthenticatorApp((await page.locator('#secret').innerText()).replace(/\s+/g, ''));
    await page.getByLabel('6-digit code').fill(await app.nextCode());
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.getByRole('button', { name: 'I have saved these codes — continue' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();

    await testTime.pass(11 * 60 * 1000);
    await page.getByLabel('Current password').fill(OLD);
    await page.getByLabel('New password', { exact: true }).fill(NEW);
    await page.getByLabel('New password again').fill(NEW);
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(OLD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('6-digit code').fill(await app.nextCode());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    // At the password form, which is empty: what was typed before was never kept.
    expect(new URL(page.url()).hash).toBe('#password-heading');
    await expect(page.getByRole('status').first().innerText()).resolves.toBe(
      'You signed in again with both steps. You can make your change now.',
    );
    await expect(page.getByLabel('New password', { exact: true }).inputValue()).resolves.toBe('');
    await expect(page.getByRole('heading', { name: 'Password' }).isVisible()).resolves.toBe(true);
    await context.close();
  });
});
