// One person, one real browser: a first sign-in through the actual pages (password, enrolment of
// an authenticator app by typing the key shown on the page, the recovery codes shown once), landing
// on the account page, then signing out; then the lost phone: back in with a recovery code and a
// newly linked app. Set E2E_SCREENSHOTS=<folder> to keep screenshots of each page for review.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import { launchBrowser } from '../support/browser.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';

const screenshots = process.env.E2E_SCREENSHOTS;

async function snapshot(page: Page, name: string): Promise<void> {
  if (!screenshots) return;
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });
}

describe('signing in with a real browser', () => {
  let twofold: RunningTwofold;
  let browser: Browser;

  beforeAll(async () => {
    twofold = await startTwofold({ BCRYPT_COST: '4', ISSUER_NAME: 'Twofold Test' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    await browser?.close();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    await twofold?.stop();
  });

  it('a new user signs in with password and a freshly linked app, sees their account, and signs out', async () => {
    await twofold.accounts.create({ email: 'ada@example.com', password: 'correct horse battery staple' });
    const context = await browser.newContext({ viewport: { width: 420, height: 900 } });
    const page = await context.newPage();

    await page.goto(`${twofold.url}/account`);
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await snapshot(page, '1-password');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    await snapshot(page, '2-enrolment');
    // What a person without a camera does: type the key shown under the QR code into the app.
    const key = (await page.locator('#secret').innerText()).replace(/\s+/g, '');
    expect(key).toMatch(/^[A-Z2-7]{32}$/);
    await page.getByLabel('6-digit code').fill(await new AuthenticatorApp(key).nextCode());
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();

    // The recovery codes, once, before the sign-in continues.
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    await snapshot(page, '3-recovery-codes');
    const codes = await page.locator('#recovery-codes li').allInnerTexts();
    expect(codes).toHaveLength(10);
    for (const code of codes) expect(code).toMatch(/^([0-9a-z]{4}-){5}[0-9a-z]{4}$/);
    await page.getByRole('button', { name: 'I have saved these codes — continue' }).click();

    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/account');
    await snapshot(page, '4-account');
    await expect(page.locator('#account-email').innerText()).resolves.toBe('ada@example.com');
    // What the sign-in proved, in plain words: never the protocol's own values.
    expect(await page.locator('main').innerText()).not.toMatch(/\b(pwd|otp|mfa)\b/);
    await expect(page.locator('#sign-in-methods').innerText()).resolves.toContain(
      'your password and a one-time code from your authenticator app',
    );
    await expect(page.locator('li.authenticator dl').innerText()).resolves.toMatch(/Last used/);
    await expect(page.locator('#recovery-codes-left').innerText()).resolves.toBe('10 unused recovery codes left.');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await snapshot(page, '5-confirm-sign-out');
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
    await snapshot(page, '6-signed-out');
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();

    // The phone is lost: password, then a recovery code (typed the way a person copies it), then a new app.
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Password').fill('correct horse battery staple');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Enter your code' }).waitFor();
    await page.getByRole('link', { name: 'Can’t use your app? Use a recovery code' }).click();
    await page.getByRole('heading', { name: 'Use a recovery code' }).waitFor();
    await snapshot(page, '7-recovery-code');
    await page.getByLabel('Recovery code').fill(codes[0]!.toUpperCase().replace(/-/g, ' '));
    await page.getByRole('button', { name: 'Use this code' }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Recovery code accepted');
    const newKey = (await page.locator('#secret').innerText()).replace(/\s+/g, '');
    expect(newKey).not.toBe(key);
    await page.getByLabel('6-digit code').fill(await new AuthenticatorApp(newKey).nextCode());
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    await page.getByRole('button', { name: 'I have saved these codes — continue' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    // What the sign-in proved, in plain words: never the protocol's own values.
    expect(await page.locator('main').innerText()).not.toMatch(/\b(pwd|otp|mfa)\b/);
    await context.close();
  });
});
