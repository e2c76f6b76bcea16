// Accessibility beyond axe, in a real Chromium: on a phone the enrolment page opens at its heading
// and first step, a person signs in with the keyboard alone, and one with JavaScript turned off. axe's
// audit of every kind of page is in accessibility-english.browser.test.ts and
// accessibility-french.browser.test.ts (one file per language, so they run side by side).
import { AuthenticatorApp } from '../support/authenticator-app.js';
import { accessibilityRig } from '../support/accessibility.js';
import { PASSWORD } from '../support/sign-in.js';

describe('accessibility of every page, in Chromium', () => {
  const rig = accessibilityRig();

  it('on a phone, the enrolment page opens at its heading and first step', async () => {
    const context = await rig.browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 3,
    });
    const page = await context.newPage();
    const email = 'phone@example.com';
    await rig.twofold.accounts.create({ email, password: PASSWORD });
    await page.goto(`${rig.twofold.url}/account`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    await page.waitForLoadState('load');
    expect(await page.evaluate<number>('window.scrollY')).toBe(0);
    const h1 = (await page.locator('h1').boundingBox())!;
    const firstStep = (await page.locator('ol.steps > li').first().boundingBox())!;
    expect(h1.y).toBeGreaterThanOrEqual(0);
    expect(firstStep.y + firstStep.height).toBeLessThanOrEqual(844);
    // The keyboard does not come up over the QR code: nothing has the focus yet.
    expect(await page.evaluate<string>('document.activeElement.tagName')).toBe('BODY');
    await context.close();
  });

  it('a person signs in with the keyboard alone, first time, from the password to the account page', async () => {
    const context = await rig.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const email = 'keyboard@example.com';
    await rig.twofold.accounts.create({ email, password: PASSWORD });
    /** The focused element, as a person hears it: a field by its name, a button by its words. */
    const focused = () =>
      page.evaluate<string>(
        `(e => e instanceof HTMLInputElement ? e.name : (e?.textContent ?? '').trim())(document.activeElement)`,
      );
    /** Tab until `target` has the focus, as a person would. */
    const tabTo = async (target: string) => {
      for (let presses = 0; presses < 30 && (await focused()) !== target; presses++) await page.keyboard.press('Tab');
      expect(await focused()).toBe(target);
    };

    await page.goto(`${rig.twofold.url}/account`);
    // The email field has the focus on arrival.
    expect(await focused()).toBe('email');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('password');
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    const app = new AuthenticatorApp((await page.locator('#secret').innerText()).replace(/\s+/g, ''));
    await tabTo('code');
    await page.keyboard.type(await app.nextCode());
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Save your recovery codes' }).waitFor();
    await tabTo('I have saved these codes — continue');
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await expect(page.locator('#account-email').innerText()).resolves.toBe(email);
    await context.close();
  });

  it('a person signs in with JavaScript turned off, first time and again with a code', async () => {
    const context = await rig.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const email = 'no-script@example.com';
    await rig.twofold.accounts.create({ email, password: PASSWORD });

    await page.goto(`${rig.twofold.url}/account`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { name: 'Set up your authenticator app' }).waitFor();
    const app = new AuthenticatorApp((await page.locator('#secret').innerText()).replace(/\s+/g, ''));
    await page.getByLabel('6-digit code').fill(await app.nextCode());
    await page.getByRole('button', { name: 'Confirm and sign in' }).click();
    await page.getByRole('button', { name: 'I have saved these codes — continue' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Yes, sign me out' }).click();
    await page.getByRole('heading', { name: 'You are signed out' }).waitFor();
    await page.getByRole('link', { name: 'Sign in again' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByLabel('6-digit code').fill(await app.nextCode());
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Your account' }).waitFor();
    await expect(page.locator('#account-email').innerText()).resolves.toBe(email);
    await context.close();
  });
});
