// A person runs their own authenticator apps from /account: adds another (the key shown with a QR
// code, as text and as an otpauth:// link, the same on a reload, linked only by a right first code)
// and signs in with either; renames one (the name shown escaped); removes one, whose codes then fail
// at the next sign-in while nothing else ends; cannot remove the last; is asked for both factors
// again after ACCOUNT_REAUTH_WINDOW; cannot be made to change anything by a forged form; and holds
// at most MAX_AUTHENTICATORS. Real HTTP, the real database; the key being added (and the portal's
// sessions) in the database and then in Redis.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { UserAgentAt } from '../support/from-address.js';
import { decodeEntities, type Visit } from '../support/user-agent.js';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import { testTime } from '../support/clock.js';
import {
  continuePastNotice,
  createPerson,
  enrol,
  isCodePage,
  isPasswordPage,
  isSignInNotice,
  submitPassword,
  typeCode,
} from '../support/sign-in.js';
import { TEST_REDIS_URL as REDIS_URL } from '../support/databases.js';
import { allowAuditRows, refuseAuditRows } from '../support/audit-refusal.js';
import { PENDING_APP_MODEL } from '../../src/account-security/pending-app.js';

const ELEVEN_MINUTES = 11 * 60 * 1000;
const MAX = 3;

let addresses = 0;
const newBrowser = (issuer: string) => new UserAgentAt(issuer, `203.0.113.${++addresses}`);

const heading = (visit: Visit) => decodeEntities(/<h1>([\s\S]*?)<\/h1>/.exec(visit.body)?.[1]?.trim() ?? '');
const isAccountPage = (visit: Visit) => visit.url.pathname === '/account' && heading(visit) === 'Your account';
const isAddAppPage = (visit: Visit) => heading(visit) === 'Add another authenticator app';
const notice = (visit: Visit) => decodeEntities(/id="account-notice"[^>]*>([^<]*)</.exec(visit.body)?.[1] ?? '');
/** The names of the apps the page lists, as a person reads them. */
const appsOn = (visit: Visit) =>
  [...visit.body.matchAll(/<strong id="authenticator-\d+">([^<]*)<\/strong>/g)].map((m) => decodeEntities(m[1]!));
/** The ids the page's app forms carry, in the order of the list. */
const appIdsOn = (visit: Visit) => [
  ...new Set([...visit.body.matchAll(/name="authenticator" value="([^"]+)"/g)].map((m) => m[1]!)),
];
const csrfOn = (visit: Visit) => /name="csrf" value="([^"]+)"/.exec(visit.body)![1]!;

describe.each([
  ['the database', {}],
  ['Redis', { REDIS_URL }],
])('authenticator apps on the account page, protocol state in %s', (_store, env: Record<string, string>) => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold({ TRUST_PROXY: 'true', BCRYPT_COST: '4', MAX_AUTHENTICATORS: String(MAX), ...env });
  });
  afterAll(() => twofold.stop());

  const events = async (accountId: string, type: string) =>
    (await twofold.audit.list({ accountId })).filter((e) => e.type === type);

  /** A new person signs in to /account for the first time, linking their first app on the way. */
  async function personOnAccount() {
    const person = await createPerson(twofold);
    const browser = newBrowser(twofold.url);
    const enrolled = await enrol(
      browser,
      await submitPassword(browser, await browser.navigate('/account'), person.email, person.password),
    );
    expect(isAccountPage(enrolled.visit)).toBe(true);
    return { person, browser, app: enrolled.app, page: enrolled.visit };
  }

  /** Another browser signs in to /account with `app`; returns where it ended. */
  async function signInWith(person: { email: string; password: string }, app: AuthenticatorApp) {
    const browser = newBrowser(twofold.url);
    const codePage = await submitPassword(browser, await browser.navigate('/account'), person.email, person.password);
    return Object.assign(await typeCode(browser, codePage, app), { browser });
  }

  /** Adds an app named `name` from the account page; returns it and the page shown after. */
  async function addApp(browser: UserAgentAt, page: Visit, name: string) {
    const addPage = await browser.navigate(new URL(/id="add-app" href="([^"]+)"/.exec(page.body)![1]!));
    expect(isAddAppPage(addPage)).toBe(true);
    const app = AuthenticatorApp.fromEnrolmentPage(addPage.body);
    const after = await browser.submit(addPage, '/account/authenticators/add', { name, code: await app.nextCode() });
    return { app, after };
  }

  it('adds a second app (QR code, key, link; the same key on a reload) and either app signs in', async () => {
    const { person, browser, app: first, page } = await personOnAccount();
    expect(appsOn(page)).toEqual(['Authenticator app']);

    const addPage = await browser.navigate('/account/authenticators/add');
    expect(isAddAppPage(addPage)).toBe(true);
    expect(addPage.body).toContain('<svg');
    const link = decodeEntities(/<a href="(otpauth:\/\/[^"]+)"/.exec(addPage.body)![1]!);
    const second = AuthenticatorApp.fromEnrolmentPage(addPage.body);
    expect(new URL(link).searchParams.get('secret')).toBe(second.secret);
    // The key stays on the server: the form carries only the name and the code.
    const form = /<form[\s\S]*?<\/form>/.exec(addPage.body)![0];
    expect(form).not.toContain(second.secret);
    expect([...form.matchAll(/name="([^"]+)"/g)].map((m) => m[1])).toEqual(['csrf', 'name', 'code']);
    // Reloading shows the same key: the entry already added in the app keeps working.
    expect(
      AuthenticatorApp.fromEnrolmentPage((await browser.navigate('/account/authenticators/add')).body).secret,
    ).toBe(second.secret);

    // A wrong first code links nothing, and the same key is asked for again.
    const wrong = await browser.submit(addPage, '/account/authenticators/add', {
      name: 'Spare phone',
      code: await second.wrongCode(),
    });
    expect(wrong.status).toBe(400);
    expect(isAddAppPage(wrong)).toBe(true);
    expect(AuthenticatorApp.fromEnrolmentPage(wrong.body).secret).toBe(second.secret);
    expect(wrong.body).toContain('value="Spare phone"');

    const added = await browser.submit(wrong, '/account/authenticators/add', {
      name: 'Spare phone',
      code: await second.nextCode(),
    });
    expect(isAccountPage(added)).toBe(true);
    expect(added.url.hash).toBe('#authenticator-heading');
    expect(notice(added)).toContain('The new app is linked');
    expect(appsOn(added)).toEqual(['Authenticator app', 'Spare phone']);
    expect((await events(person.id, 'mfa_enrolled')).map((e) => e.detail)).toContainEqual({
      grant: 'account',
      replaced: 0,
    });
    // The next "add" shows a new key, not the one just linked.
    const next = AuthenticatorApp.fromEnrolmentPage((await browser.navigate('/account/authenticators/add')).body);
    expect(next.secret).not.toBe(second.secret);

    expect(isAccountPage(await signInWith(person, second))).toBe(true);
    expect(isAccountPage(await signInWith(person, first))).toBe(true);
  });

  it('renames an app; the name is shown escaped, and a name that cannot be used changes nothing', async () => {
    const { person, browser, page } = await personOnAccount();
    const hostile = '<b>Work & "phone"</b>';
    const renamed = await browser.submit(page, '/account/authenticators/rename', { name: hostile });
    expect(notice(renamed)).toBe('The app was renamed.');
    expect(appsOn(renamed)).toEqual([hostile]);
    expect(renamed.body).not.toContain('<b>Work');
    expect(renamed.body).toContain('&lt;b&gt;Work &amp; &quot;phone&quot;&lt;/b&gt;');
    const [event] = await events(person.id, 'mfa_renamed');
    expect(event?.detail).toEqual({ source: 'account_page', authenticator: appIdsOn(page)[0] });

    const tooLong = await browser.submit(renamed, '/account/authenticators/rename', { name: 'x'.repeat(41) });
    expect(tooLong.status).toBe(400);
    expect(notice(tooLong)).toContain('That name cannot be used');
    expect(appsOn(tooLong)).toEqual([hostile]);
  });

  it('removes one app: its codes fail at the next sign-in, the other still signs in, nothing else ends', async () => {
    const { person, browser, app: first, page } = await personOnAccount();
    const { app: second, after } = await addApp(browser, page, 'Old phone');
    expect(appsOn(after)).toEqual(['Authenticator app', 'Old phone']);
    const removed = await browser.post('/account/authenticators/remove', {
      csrf: csrfOn(after),
      authenticator: appIdsOn(after)[1]!,
    });
    expect(isAccountPage(removed)).toBe(true);
    expect(notice(removed)).toContain('The app was removed: its codes no longer work');
    expect(appsOn(removed)).toEqual(['Authenticator app']);
    expect((await events(person.id, 'mfa_removed')).map((e) => e.detail)).toEqual([
      { source: 'account_page', authenticator: appIdsOn(after)[1], remaining: 1 },
    ]);

    // The removed app's code is refused at once; the remaining app signs in.
    const refused = await signInWith(person, second);
    expect(isCodePage(refused)).toBe(true);
    expect(decodeEntities(refused.body)).toContain('That code is not right');
    // The next sign-in tells of that wrong code first, then goes on.
    const told = await signInWith(person, first);
    expect(isSignInNotice(told)).toBe(true);
    expect(isAccountPage(await continuePastNotice(told.browser, told))).toBe(true);
    // This browser was not signed out by the removal.
    expect(isAccountPage(await browser.navigate('/account'))).toBe(true);
  });

  it('a form sent again after the app was added says so, and the key no longer waits on the server', async () => {
    const { person, browser } = await personOnAccount();
    const addPage = await browser.navigate('/account/authenticators/add');
    const spare = AuthenticatorApp.fromEnrolmentPage(addPage.body);
    const form = { name: 'Spare phone', code: await spare.nextCode() };
    const added = await browser.submit(addPage, '/account/authenticators/add', form);
    expect(notice(added)).toContain('The new app is linked');
    const again = await browser.submit(addPage, '/account/authenticators/add', form);
    expect(isAccountPage(again)).toBe(true);
    expect(notice(again)).toContain('That app was already added');
    expect(appsOn(again)).toEqual(['Authenticator app', 'Spare phone']);
    const waiting = await twofold.protocolStore.adapter(PENDING_APP_MODEL).find(person.id);
    expect(waiting).toMatchObject({ accountId: person.id, linked: true });
    expect(Object.keys(waiting!)).not.toContain('ciphertext');
  });

  it('counts wrong first codes like the sign-in’s, per account and address: past the limit, 429', async () => {
    const { person, browser } = await personOnAccount();
    const addPage = await browser.navigate('/account/authenticators/add');
    const spare = AuthenticatorApp.fromEnrolmentPage(addPage.body);
    for (let i = 0; i < twofold.config.rateLimits.codePerAccountIp; i++) {
      const wrong = await browser.submit(addPage, '/account/authenticators/add', {
        name: 'Spare phone',
        code: await spare.wrongCode(),
      });
      expect(wrong.status).toBe(400);
    }
    const refused = await browser.submit(addPage, '/account/authenticators/add', {
      name: 'Spare phone',
      code: await spare.nextCode(),
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(appsOn(await browser.navigate('/account'))).toEqual(['Authenticator app']);
    const failed = (await events(person.id, 'otp_failed')).filter(
      (e) => (e.detail as { stage?: string }).stage === 'enrolment',
    );
    expect(failed).toHaveLength(twofold.config.rateLimits.codePerAccountIp);
  });

  it('links or removes an app only with its audit row: when the row cannot be written, nothing changes', async () => {
    const { person, browser, page } = await personOnAccount();
    const addPage = await browser.navigate('/account/authenticators/add');
    const spare = AuthenticatorApp.fromEnrolmentPage(addPage.body);
    await refuseAuditRows(twofold, 'mfa_enrolled');
    try {
      const failed = await browser.submit(addPage, '/account/authenticators/add', {
        name: 'Spare phone',
        code: await spare.nextCode(),
      });
      expect(failed.status).toBeGreaterThanOrEqual(500);
    } finally {
      await allowAuditRows(twofold);
    }
    expect(appsOn(await browser.navigate('/account'))).toEqual(['Authenticator app']);
    expect((await events(person.id, 'mfa_enrolled')).map((e) => e.detail)).not.toContainEqual(
      expect.objectContaining({ grant: 'account' }),
    );

    const { after } = await addApp(browser, page, 'Old phone');
    expect(appsOn(after)).toEqual(['Authenticator app', 'Old phone']);
    await refuseAuditRows(twofold, 'mfa_removed');
    try {
      const failed = await browser.post('/account/authenticators/remove', {
        csrf: csrfOn(after),
        authenticator: appIdsOn(after)[1]!,
      });
      expect(failed.status).toBeGreaterThanOrEqual(500);
    } finally {
      await allowAuditRows(twofold);
    }
    expect(appsOn(await browser.navigate('/account'))).toEqual(['Authenticator app', 'Old phone']);
    expect(await events(person.id, 'mfa_removed')).toEqual([]);
  });

  it('never removes the last app: the page says to add the new phone first', async () => {
    const { person, browser, app, page } = await personOnAccount();
    expect(decodeEntities(page.body)).toContain('This is your only app, so it cannot be removed');
    expect(page.body).not.toMatch(/action="[^"]*\/account\/authenticators\/remove"/);
    // The form a person does not see, sent anyway.
    const refused = await browser.post('/account/authenticators/remove', {
      csrf: csrfOn(page),
      authenticator: appIdsOn(page)[0]!,
    });
    expect(refused.status).toBe(409);
    expect(notice(refused)).toBe(
      'That is your only app, so it was not removed. Add the new phone first, then remove the old one.',
    );
    expect(appsOn(refused)).toEqual(['Authenticator app']);
    expect(await events(person.id, 'mfa_removed')).toEqual([]);
    expect(isAccountPage(await signInWith(person, app))).toBe(true);
  });

  it('asks for both factors again after ACCOUNT_REAUTH_WINDOW, then returns to the apps', async () => {
    const { person, browser, app, page } = await personOnAccount();
    const { after } = await addApp(browser, page, 'Spare phone');
    await testTime.pass(ELEVEN_MINUTES);

    const asked = await browser.post('/account/authenticators/remove', {
      csrf: csrfOn(after),
      authenticator: appIdsOn(after)[1]!,
    });
    expect(asked.history.some((u) => u.pathname === '/auth' && u.searchParams.get('prompt') === 'login')).toBe(true);
    expect(isPasswordPage(asked)).toBe(true);
    const back = await typeCode(browser, await submitPassword(browser, asked, person.email, person.password), app);
    expect(isAccountPage(back)).toBe(true);
    expect(back.url.hash).toBe('#authenticator-heading');
    // Nothing was removed on the way: the person makes the change now.
    expect(appsOn(back)).toEqual(['Authenticator app', 'Spare phone']);
    expect(await events(person.id, 'mfa_removed')).toEqual([]);

    // Adding and renaming ask the same way.
    await testTime.pass(ELEVEN_MINUTES);
    const addAsked = await browser.navigate('/account/authenticators/add');
    expect(isPasswordPage(addAsked)).toBe(true);
    const again = await typeCode(browser, await submitPassword(browser, addAsked, person.email, person.password), app);
    await testTime.pass(ELEVEN_MINUTES);
    const renameAsked = await browser.submit(again, '/account/authenticators/rename', { name: 'Renamed late' });
    expect(isPasswordPage(renameAsked)).toBe(true);
    expect(await events(person.id, 'mfa_renamed')).toEqual([]);
  });

  it('refuses a forged form (no CSRF token of this session) and changes nothing', async () => {
    const { person, browser, page } = await personOnAccount();
    const { app: second, after } = await addApp(browser, page, 'Spare phone');
    const [firstId, secondId] = appIdsOn(after);
    for (const [path, fields] of [
      ['/account/authenticators/remove', { authenticator: secondId! }],
      ['/account/authenticators/rename', { authenticator: firstId!, name: 'Attacker' }],
      ['/account/authenticators/add', { name: 'Attacker', code: '123456' }],
    ] as const) {
      const forged = await browser.post(path, { csrf: 'forged', ...fields });
      expect(forged.status).toBe(403);
    }
    expect(appsOn(await browser.navigate('/account'))).toEqual(['Authenticator app', 'Spare phone']);
    expect(await events(person.id, 'mfa_removed')).toEqual([]);
    expect(await events(person.id, 'mfa_renamed')).toEqual([]);
    expect(isAccountPage(await signInWith(person, second))).toBe(true);
  });

  it('changes only the asking account’s apps: another account’s app id, or nonsense, finds nothing', async () => {
    const owner = await personOnAccount();
    const ownerApps = appIdsOn((await addApp(owner.browser, owner.page, 'Spare phone')).after);
    const other = await personOnAccount();
    const { after } = await addApp(other.browser, other.page, 'Mine');
    for (const authenticator of [ownerApps[1]!, "' OR 1=1 --", 'x'.repeat(300), '']) {
      const removed = await other.browser.post('/account/authenticators/remove', {
        csrf: csrfOn(after),
        authenticator,
      });
      expect(notice(removed)).toBe('That app was not linked any more. Nothing was changed.');
      const renamed = await other.browser.post('/account/authenticators/rename', {
        csrf: csrfOn(after),
        authenticator,
        name: 'Taken over',
      });
      expect(notice(renamed)).toBe('That app was not linked any more. Nothing was changed.');
    }
    expect(appsOn(await owner.browser.navigate('/account'))).toEqual(['Authenticator app', 'Spare phone']);
    expect(await events(owner.person.id, 'mfa_removed')).toEqual([]);
  });

  it('holds at most MAX_AUTHENTICATORS apps', async () => {
    const { browser, page } = await personOnAccount();
    let current = page;
    for (const name of ['Second', 'Third']) current = (await addApp(browser, current, name)).after;
    expect(appsOn(current)).toEqual(['Authenticator app', 'Second', 'Third']);
    expect(current.body).not.toContain('id="add-app"');
    expect(decodeEntities(current.body)).toContain(`You have linked ${MAX} apps, the most allowed`);
    const refused = await browser.navigate('/account/authenticators/add');
    expect(isAccountPage(refused)).toBe(true);
    expect(notice(refused)).toBe('You have linked the most apps allowed. Remove one before adding another.');
  });
});
