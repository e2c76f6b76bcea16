// A person changes their password on /account: the current password, then the new one twice. It
// takes the current password (a wrong one is refused and counted like a wrong password at
// sign-in), the same rules as `twofold user add`, and the account page's CSRF token; a change ends
// every other session and refresh token of the account while this browser stays signed in, and is
// audited. Real HTTP, real database; the portal's sessions in the database, then in Redis.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgentAt } from '../support/from-address.js';
import type { UserAgent, Visit } from '../support/user-agent.js';
import type { AuthenticatorApp } from '../support/authenticator-app.js';
import { createPerson, firstSignIn, isCodePage, isPasswordPage, submitPassword, typeCode } from '../support/sign-in.js';
import { TEST_REDIS_URL as REDIS_URL } from '../support/databases.js';

const NEW_PASSWORD = 'a brand new passphrase for the winter 7';
let addresses = 0;
const newAddress = () => `198.51.100.${++addresses}`;

const isAccountPage = (visit: Visit) =>
  visit.url.pathname.startsWith('/account') && visit.body.includes('<h1>Your account</h1>');

describe.each([
  ['the database', {}],
  ['Redis', { REDIS_URL }],
])('changing the password on /account, sessions in %s', (_store, env: Record<string, string>) => {
  let twofold: RunningTwofold;
  let notes: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({ TRUST_PROXY: 'true', BCRYPT_COST: '4', ...env });
    notes = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  });
  afterAll(() => twofold.stop());

  interface Person {
    id: string;
    email: string;
    password: string;
  }

  /** Both factors through /account, back on the account page. */
  async function accountPage(ua: UserAgent, person: Person, app: AuthenticatorApp): Promise<Visit> {
    const codePage = await submitPassword(ua, await ua.navigate('/account'), person.email, person.password);
    const page = await typeCode(ua, codePage, app);
    expect(isAccountPage(page)).toBe(true);
    return page;
  }

  /** A person whose phone signed in to Notes (with a refresh token), and whose laptop is on /account. */
  async function signedInTwice() {
    const person = await createPerson(twofold);
    const phone = new UserAgentAt(twofold.url, newAddress());
    const { app, tokens } = await firstSignIn(phone, notes, person, {
      scope: 'openid offline_access',
      prompt: 'consent',
    });
    expect(tokens.refresh_token).toBeDefined();
    const laptop = new UserAgentAt(twofold.url, newAddress());
    const page = await accountPage(laptop, person, app);
    return { person, app, phone, refreshToken: tokens.refresh_token!, laptop, page };
  }

  const change = (ua: UserAgent, page: Visit, current: string, next: string, again = next) =>
    ua.submit(page, '/account/password', { current_password: current, new_password: next, confirm_password: again });

  const passwordWorks = async (person: Person, password: string) => {
    const ua = new UserAgentAt(twofold.url, newAddress());
    const answer = await submitPassword(ua, await ua.navigate((await notes.start()).url), person.email, password);
    if (isCodePage(answer)) return true;
    expect(isPasswordPage(answer)).toBe(true);
    expect(answer.body).toContain('That email and password do not match');
    return false;
  };

  const events = async (accountId: string, type: string) =>
    (await twofold.audit.list({ accountId })).filter((e) => e.type === type);

  it('the account page offers the form: current password, the new one twice, with the rules', async () => {
    const { page } = await signedInTwice();
    expect(page.body).toContain('<h2 id="password-heading">Password</h2>');
    expect(page.body).toMatch(
      /<input id="current_password" name="current_password" type="password" autocomplete="current-password"/,
    );
    expect(page.body).toMatch(
      /<input id="new_password" name="new_password" type="password" autocomplete="new-password"/,
    );
    expect(page.body).toContain('At least 8 characters.');
    expect(page.body).toContain('Changing your password signs you out everywhere else');
  });

  it('refuses a wrong current password, audits it, and counts it like a wrong password at sign-in', async () => {
    const { person, laptop, page } = await signedInTwice();
    const refused = await change(laptop, page, 'not my password at all', NEW_PASSWORD);
    expect(refused.status).toBe(400);
    expect(refused.body).toContain('That is not your current password. Your password was not changed.');
    expect(isAccountPage(refused)).toBe(true);
    expect(await passwordWorks(person, person.password)).toBe(true);
    expect(await passwordWorks(person, NEW_PASSWORD)).toBe(false);
    expect(await events(person.id, 'password_change_failed')).toEqual([
      expect.objectContaining({ ip: laptop.address, detail: { reason: 'wrong_password' } }),
    ]);

    // Four more: the fifth wrong password from this address used up the email's attempts here.
    let visit = refused;
    for (let attempt = 2; attempt <= 5; attempt++)
      visit = await change(laptop, visit, `wrong ${attempt}`, NEW_PASSWORD);
    expect(visit.status).toBe(400);
    const limited = await change(laptop, visit, person.password, NEW_PASSWORD);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body).toContain('<h1>Too many attempts</h1>');
    expect(limited.body).toContain('Too many wrong passwords were typed');
    // The right password was not even checked: nothing changed.
    expect(await passwordWorks(person, NEW_PASSWORD)).toBe(false);
    // The same counter as the sign-in's: from this address, signing in is paused too.
    const signIn = new UserAgentAt(twofold.url, laptop.address);
    const paused = await submitPassword(
      signIn,
      await signIn.navigate((await notes.start()).url),
      person.email,
      person.password,
    );
    expect(paused.status).toBe(429);
    expect((await events(person.id, 'rate_limited')).map((e) => e.detail)).toEqual([
      { limit: 'password_per_account_ip', retryAfterSeconds: expect.any(Number) },
    ]);
  });

  it.each([
    ['short', 'short', 'The new password must be at least 8 characters long.'],
    ['common', 'password1', 'That password is too common: it is on lists of leaked passwords. Choose another one.'],
  ])(
    'refuses a %s new password with the rule’s message, before checking the current one',
    async (_what, weak, message) => {
      const { person, laptop, page } = await signedInTwice();
      const refused = await change(laptop, page, person.password, weak);
      expect(refused.status).toBe(400);
      expect(refused.body).toContain(message);
      expect(await passwordWorks(person, person.password)).toBe(true);
      expect(await events(person.id, 'password_changed')).toEqual([]);
    },
  );

  it('refuses two new passwords that differ, and a form without the page’s CSRF token', async () => {
    const { person, laptop, page } = await signedInTwice();
    const mismatch = await change(laptop, page, person.password, NEW_PASSWORD, `${NEW_PASSWORD}!`);
    expect(mismatch.status).toBe(400);
    expect(mismatch.body).toContain('The two new passwords are not the same.');
    const forged = await laptop.post('/account/password', {
      csrf: 'forged',
      current_password: person.password,
      new_password: NEW_PASSWORD,
      confirm_password: NEW_PASSWORD,
    });
    expect(forged.status).toBe(403);
    expect(forged.body).toContain('That form has expired.');
    expect(await passwordWorks(person, NEW_PASSWORD)).toBe(false);
  });

  it('changes it: the old password stops working, the new one works, every other session ends, this one stays, audited', async () => {
    const { person, app, phone, refreshToken, laptop, page } = await signedInTwice();
    // A second browser on the account page, which must be signed out too.
    const tablet = new UserAgentAt(twofold.url, newAddress());
    await accountPage(tablet, person, app);

    const changed = await change(laptop, page, person.password, NEW_PASSWORD);
    expect(changed.status).toBe(200);
    expect(isAccountPage(changed)).toBe(true);
    expect(changed.body).toContain('Your password was changed. You were signed out everywhere else.');

    expect(await passwordWorks(person, person.password)).toBe(false);
    expect(await passwordWorks(person, NEW_PASSWORD)).toBe(true);
    // Notes' refresh token, from the phone's sign-in: refused.
    await expect(notes.refresh(refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The phone's session at the provider is gone: Notes asks for the password again.
    expect(isPasswordPage(await phone.navigate((await notes.start()).url))).toBe(true);
    // The tablet's account page asks it to sign in again.
    expect(isPasswordPage(await tablet.navigate('/account'))).toBe(true);
    // This browser is still signed in to its account page, and its forms still work.
    const still = await laptop.navigate('/account');
    expect(isAccountPage(still)).toBe(true);
    expect(still.body).toContain(person.email);
    const back = await change(laptop, still, NEW_PASSWORD, person.password);
    expect(back.body).toContain('Your password was changed.');

    expect(await events(person.id, 'password_changed')).toEqual([
      expect.objectContaining({
        ip: laptop.address,
        detail: { source: 'account_page', sessionsEnded: true },
      }),
      expect.objectContaining({ detail: { source: 'account_page', sessionsEnded: true } }),
    ]);
  });
});
