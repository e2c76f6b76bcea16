// Several authenticator apps on one account (issue 13): a spare phone beside the usual one. Either
// signs in; removing one makes its codes fail at once on every instance; the last one cannot be
// removed; MAX_AUTHENTICATORS holds; and a wrong code counts against every app it was checked
// against, so the guessing bound stays one per account. Two instances share one database, as
// behind a load balancer. Real HTTP, the real database (SQLite, and PostgreSQL in its pass).
import { startBeside, startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgent, type Visit } from '../support/user-agent.js';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import { testTime } from '../support/clock.js';
import {
  callbackOf,
  continuePastNotice,
  createPerson,
  firstSignIn,
  isCodePage,
  isEnrolmentPage,
  isSignInNotice,
  saveRecoveryCodes,
  signIn,
  submitPassword,
  typeCode,
} from '../support/sign-in.js';
import { generateTotpSecret, verifyTotp } from '../../src/mfa/totp-app/totp.js';

const BUDGET = 4;

describe('several authenticator apps on one account', () => {
  let first: RunningTwofold;
  let second: RunningTwofold;
  const relyingParties = new Map<RunningTwofold, RelyingParty>();
  beforeAll(async () => {
    const settings = {
      MAX_AUTHENTICATORS: '2',
      RATE_LIMIT_CODE_BUDGET: String(BUDGET),
      RATE_LIMIT_CODE_PER_ACCOUNT_IP: '20',
    };
    first = await startTwofold(settings);
    second = await startBeside(first, settings);
    const suffix = Date.now().toString(36);
    relyingParties.set(first, await RelyingParty.register(first, { clientId: `first-${suffix}`, firstParty: true }));
    relyingParties.set(second, await RelyingParty.register(second, { clientId: `second-${suffix}`, firstParty: true }));
  });
  afterAll(async () => {
    // The second first: stopping the first drops the PostgreSQL database both use.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    await second?.stop();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    await first?.stop();
  });

  /** A person who signed in once (their first app) and then added a spare phone, as on /account. */
  async function personWithTwoApps() {
    const person = await createPerson(first);
    const { app: phone } = await firstSignIn(new UserAgent(first.url), relyingParties.get(first)!, person);
    const spare = await addApp(person.id, 'Spare phone');
    return { person, phone, spare };
  }

  /** What /account does to add an app: a grant for the signed-in person, then the app's first code. */
  async function addApp(accountId: string, name: string) {
    const granted = await first.enrolments.grantForAccount(accountId);
    if (!granted.ok) throw new Error(`no grant: ${granted.reason}`);
    const app = new AuthenticatorApp(generateTotpSecret());
    const acceptedStep = verifyTotp(app.secret, await app.nextCode(), testTime.now())!;
    const linked = await first.enrolments.confirm(accountId, granted.grant, {
      label: name,
      secret: app.secret,
      acceptedStep,
    });
    if (!linked.ok) throw new Error(`not linked: ${linked.reason}`);
    return app;
  }

  async function codePageOn(on: RunningTwofold, person: { email: string; password: string }) {
    const ua = new UserAgent(on.url);
    const started = await relyingParties.get(on)!.start();
    const page = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    return { ua, page, started };
  }

  /** Types the app's code and follows the sign-in back to the relying party (past the notice of wrong codes). */
  async function signInWith(on: RunningTwofold, person: { email: string; password: string }, app: AuthenticatorApp) {
    const { ua, page, started } = await codePageOn(on, person);
    let done = await typeCode(ua, page, app);
    if (isSignInNotice(done)) done = await continuePastNotice(ua, done);
    return relyingParties.get(on)!.finish(callbackOf(done), started);
  }

  const saysWrong = (visit: Visit) => isCodePage(visit) && visit.body.includes('That code is not right');

  it('links two apps, each with its own name; either one signs in, on either instance', async () => {
    const { person, phone, spare } = await personWithTwoApps();
    const apps = await first.authenticators.list(person.id);
    expect(apps.map((a) => a.name)).toEqual(['Authenticator app', 'Spare phone']);
    // Adding the spare phone kept the recovery codes and ended nothing.
    expect(await first.recoveryCodes.remaining(person.id)).toBe(10);

    const withSpare = await signIn(new UserAgent(second.url), relyingParties.get(second)!, person, spare);
    expect(withSpare.tokens.claims()?.sub).toBe(person.id);
    const withPhone = await signIn(new UserAgent(first.url), relyingParties.get(first)!, person, phone);
    expect(withPhone.tokens.claims()?.sub).toBe(person.id);
    const [phoneView, spareView] = await first.authenticators.list(person.id);
    expect(phoneView!.lastUsedAt).not.toBeNull();
    expect(spareView!.lastUsedAt).not.toBeNull();
  });

  it('removing an app makes its codes fail at once on the other instance; the last app cannot be removed', async () => {
    const { person, phone, spare } = await personWithTwoApps();
    const [phoneView, spareView] = await first.authenticators.list(person.id);

    expect(await first.authenticators.remove(person.id, spareView!.id)).toEqual({
      ok: true,
      removed: expect.objectContaining({ id: spareView!.id, name: 'Spare phone' }),
      remaining: 1,
    });
    const { ua, page } = await codePageOn(second, person);
    expect(saysWrong(await ua.submit(page, '/code', { code: await spare.nextCode() }))).toBe(true);

    // The last one stays, whoever asks; someone else's app is not found.
    expect(await first.authenticators.remove(person.id, phoneView!.id)).toEqual({ ok: false, reason: 'last_factor' });
    const stranger = await createPerson(first);
    expect(await first.authenticators.remove(stranger.id, phoneView!.id)).toEqual({ ok: false, reason: 'not_found' });
    expect(await first.authenticators.list(person.id)).toHaveLength(1);
    expect((await signInWith(second, person, phone)).claims()?.sub).toBe(person.id);
  });

  it('the only app that can still give a code cannot be removed while the others are locked', async () => {
    const { person } = await personWithTwoApps();
    const [phoneView, spareView] = await first.authenticators.list(person.id);
    await first.db.authenticator.update({ where: { id: phoneView!.id }, data: { lockedAt: new Date() } });
    expect(await first.authenticators.remove(person.id, spareView!.id)).toEqual({ ok: false, reason: 'last_factor' });
    // The locked one may go: the working one stays.
    expect(await first.authenticators.remove(person.id, phoneView!.id)).toMatchObject({ ok: true, remaining: 1 });
  });

  it('the app linked at sign-in gets the name typed beside its first code; a name that cannot be used is asked again, escaped, without counting', async () => {
    const person = await createPerson(first);
    const ua = new UserAgent(first.url);
    const started = await relyingParties.get(first)!.start();
    const enrolment = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    expect(isEnrolmentPage(enrolment)).toBe(true);
    const app = AuthenticatorApp.fromEnrolmentPage(enrolment.body);
    const refused = await ua.submit(enrolment, '/enroll', { code: await app.nextCode(), name: '<b>right\u202eleft' });
    expect(isEnrolmentPage(refused)).toBe(true);
    expect(refused.body).toContain('That name cannot be used');
    expect(refused.body).toContain('value="&lt;b&gt;right');
    expect(await first.authenticators.list(person.id)).toEqual([]);
    const saved = await saveRecoveryCodes(
      ua,
      await ua.submit(refused, '/enroll', { code: await app.nextCode(), name: ' Work <phone> ' }),
    );
    await relyingParties.get(first)!.finish(callbackOf(saved.visit), started);
    expect((await first.authenticators.list(person.id)).map((a) => a.name)).toEqual(['Work <phone>']);
  });

  it('renames an app to a name of 1 to 40 characters, kept as typed after normalisation', async () => {
    const { person } = await personWithTwoApps();
    const [, spare] = await first.authenticators.list(person.id);
    expect(await first.authenticators.rename(person.id, spare!.id, '  Ｗork phone <b>  ')).toMatchObject({
      ok: true,
      app: { name: 'Work phone <b>' },
    });
    for (const bad of ['', '   ', 'x'.repeat(41), 'tab\there', 'right\u202eleft'])
      expect(await first.authenticators.rename(person.id, spare!.id, bad)).toEqual({
        ok: false,
        reason: 'invalid_name',
      });
    expect(await first.authenticators.rename(person.id, spare!.id, 'é'.repeat(40))).toMatchObject({ ok: true });
    const stranger = await createPerson(first);
    expect(await first.authenticators.rename(stranger.id, spare!.id, 'Mine')).toEqual({
      ok: false,
      reason: 'not_found',
    });
  });

  it('refuses a third app beyond MAX_AUTHENTICATORS=2, even under a grant given before the second', async () => {
    const person = await createPerson(first);
    await firstSignIn(new UserAgent(first.url), relyingParties.get(first)!, person);
    const early = await first.enrolments.grantForAccount(person.id);
    expect(early.ok).toBe(true);
    await addApp(person.id, 'Spare phone');
    expect(await first.enrolments.grantForAccount(person.id)).toEqual({ ok: false, reason: 'too_many' });
    const third = new AuthenticatorApp(generateTotpSecret());
    const acceptedStep = verifyTotp(third.secret, await third.nextCode(), testTime.now())!;
    if (!early.ok) return;
    expect(
      await first.enrolments.confirm(person.id, early.grant, { label: 'Third', secret: third.secret, acceptedStep }),
    ).toEqual({ ok: false, reason: 'too_many' });
    expect(await first.authenticators.list(person.id)).toHaveLength(2);
  });

  it('a wrong code counts against every unlocked app, one point on each, and the locked page waits until all are locked', async () => {
    const person = await createPerson(first);
    const { app: phone } = await firstSignIn(new UserAgent(first.url), relyingParties.get(first)!, person);
    // Three wrong codes while the phone is the only app: one point each, 3 of 4.
    const alone = await codePageOn(first, person);
    let page = alone.page;
    for (let i = 0; i < 3; i++) {
      page = await alone.ua.submit(page, '/code', { code: await phone.wrongCode() });
      expect(saysWrong(page)).toBe(true);
    }
    const spare = await addApp(person.id, 'Spare phone');
    const budgets = async () =>
      (await first.db.authenticator.findMany({ where: { accountId: person.id }, orderBy: { createdAt: 'asc' } })).map(
        (a) => ({ guesses: a.guessesInWindow, failed: a.failedCodes, locked: a.lockedAt !== null }),
      );

    // Checked against both apps: one point from each. The phone's budget is spent, so it locks;
    // the spare phone still signs in, and the page is the code form, not the locked page.
    const both = await codePageOn(second, person);
    const wrong = await both.ua.submit(both.page, '/code', { code: await phone.wrongCode() });
    expect(saysWrong(wrong)).toBe(true);
    expect(await budgets()).toEqual([
      { guesses: 4, failed: 4, locked: true },
      { guesses: 1, failed: 1, locked: false },
    ]);
    const audit = await first.audit.list({ accountId: person.id });
    expect(audit.filter((e) => e.type === 'otp_locked')).toHaveLength(1);

    // The locked phone's right code is refused (checked against the spare phone only, one point).
    const again = await codePageOn(first, person);
    expect(isCodePage(again.page)).toBe(true);
    expect(saysWrong(await again.ua.submit(again.page, '/code', { code: await phone.nextCode() }))).toBe(true);
    expect((await budgets())[1]).toEqual({ guesses: 2, failed: 2, locked: false });
    let done = await again.ua.submit(again.page, '/code', { code: await spare.nextCode() });
    if (isSignInNotice(done)) done = await continuePastNotice(again.ua, done);
    await relyingParties.get(first)!.finish(callbackOf(done), again.started);
    // The right code gave its point back and started the consecutive count again; the budget stays spent in part.
    expect((await budgets())[1]).toEqual({ guesses: 2, failed: 0, locked: false });

    // The last two points: the spare phone locks too, and only now is the sign-in's page the locked one.
    const last = await codePageOn(second, person);
    expect(saysWrong(await last.ua.submit(last.page, '/code', { code: await spare.wrongCode() }))).toBe(true);
    const locked = await last.ua.submit(last.page, '/code', { code: await spare.wrongCode() });
    expect(locked.status).toBe(403);
    expect(locked.body).toContain('recovery');
    const after = await codePageOn(first, person);
    expect(after.page.status).toBe(403);
  });
});
