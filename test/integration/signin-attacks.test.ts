// What someone who is not the person (or a hostile page) sees: nothing about which emails exist,
// no code without the second factor, no replay, no forged form, no markup injected into a page.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgent, parseForms, type Visit } from '../support/user-agent.js';
import { AuthenticatorApp, earlyInTimeStep } from '../support/authenticator-app.js';
import {
  PASSWORD,
  callbackOf,
  createPerson,
  firstSignIn,
  isCodePage,
  isEnrolmentPage,
  isPasswordPage,
  saveRecoveryCodes,
  submitPassword,
} from '../support/sign-in.js';

describe('sign-in under attack', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    // These tests are about each sign-in's own rules; the limits per (account, IP) across sign-ins,
    // which would otherwise refuse a sixth code from this one address, are tested in rate-limits.test.ts.
    twofold = await startTwofold({ RATE_LIMIT_CODE_PER_ACCOUNT_IP: '50' });
    rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  });
  afterAll(() => twofold.stop());

  async function passwordPage(ua = new UserAgent(twofold.url)): Promise<{ ua: UserAgent; page: Visit }> {
    return { ua, page: await ua.navigate((await rp.start()).url) };
  }

  /** An enrolled person, and a browser of theirs now on the code page. */
  async function atCodePage() {
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgent(twofold.url), rp, person);
    const { ua, page } = await passwordPage();
    const codePage = await submitPassword(ua, page, person.email, person.password);
    expect(isCodePage(codePage)).toBe(true);
    return { person, app, ua, codePage };
  }

  const alertOf = (visit: Visit) => /role="alert">([^<]*)</.exec(visit.body)?.[1];

  it('a wrong password and an unknown email get the same answer', async () => {
    const person = await createPerson(twofold);
    const wrongPassword = await (async () => {
      const { ua, page } = await passwordPage();
      return submitPassword(ua, page, person.email, 'not the password at all');
    })();
    const unknownEmail = await (async () => {
      const { ua, page } = await passwordPage();
      return submitPassword(ua, page, 'nobody-here@example.com', 'not the password at all');
    })();
    expect(isPasswordPage(wrongPassword) && isPasswordPage(unknownEmail)).toBe(true);
    expect(wrongPassword.status).toBe(unknownEmail.status);
    expect(alertOf(wrongPassword)).toBe('That email and password do not match. Check them and try again.');
    expect(alertOf(unknownEmail)).toBe(alertOf(wrongPassword));
    // The pages differ only in the interaction, its token and the email typed back into the field.
    const normalise = (visit: Visit, email: string) =>
      visit.body
        .replace(/\/interaction\/[^/"]+/g, '/interaction/X')
        .replace(/name="csrf" value="[^"]+"/, '')
        .replace(email, 'EMAIL');
    expect(normalise(wrongPassword, person.email)).toBe(normalise(unknownEmail, 'nobody-here@example.com'));

    const events = await twofold.audit.list({ accountId: person.id });
    expect(events.filter((e) => e.type === 'signin_password_failed').map((e) => e.detail)).toEqual([
      { reason: 'wrong_password' },
    ]);
  });

  it('after 5 wrong codes the sign-in starts over from the password, and the old progress is gone', async () => {
    const { person, app, ua, codePage } = await atCodePage();
    let visit = codePage;
    for (let attempt = 1; attempt <= 4; attempt++) {
      visit = await ua.submit(visit, '/code', { code: await app.wrongCode() });
      expect(isCodePage(visit)).toBe(true);
      expect(alertOf(visit)).toMatch(/^That code is not right/);
      expect(visit.body).toContain('aria-describedby="form-error"');
    }
    const restarted = await ua.submit(visit, '/code', { code: await app.wrongCode() });
    expect(isPasswordPage(restarted)).toBe(true);
    expect(alertOf(restarted)).toMatch(/^Too many wrong codes\. For your safety, sign-in has started over/);

    // The code form of the dropped progress no longer leads anywhere, even with a right code.
    const stale = await ua.submit(visit, '/code', { code: await app.nextCode() });
    expect(stale.leftTo).toBeUndefined();
    expect(isPasswordPage(stale)).toBe(true);

    const types = (await twofold.audit.list({ accountId: person.id })).map((e) => e.type);
    expect(types.filter((t) => t === 'otp_failed')).toHaveLength(5);
    expect(types).toContain('signin_restarted');

    // Starting over works.
    const again = await ua.submit(restarted, '/password', { email: person.email, password: person.password });
    expect(isCodePage(again)).toBe(true);
    expect((await ua.submit(again, '/code', { code: await app.nextCode() })).leftTo).toBeDefined();
  });

  it('5 wrong codes during enrolment start over too, and enrol nothing', async () => {
    const person = await createPerson(twofold);
    const { ua, page } = await passwordPage();
    let visit = await submitPassword(ua, page, person.email, person.password);
    const app = AuthenticatorApp.fromEnrolmentPage(visit.body);
    for (let attempt = 1; attempt <= 5; attempt++)
      visit = await ua.submit(visit, '/enroll', { code: await app.wrongCode() });
    expect(isPasswordPage(visit)).toBe(true);
    expect(await twofold.authenticators.list(person.id)).toEqual([]);
    // A new start shows a new key: the old one was never linked.
    const enrolment = await submitPassword(ua, visit, person.email, person.password);
    expect(isEnrolmentPage(enrolment)).toBe(true);
    expect(AuthenticatorApp.fromEnrolmentPage(enrolment.body).secret).not.toBe(app.secret);
  });

  it('a code that was already accepted is refused when typed again', async () => {
    await earlyInTimeStep();
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgent(twofold.url), rp, person);
    const code = await app.codeAt(app.lastOffered);

    const { ua, page } = await passwordPage();
    const codePage = await submitPassword(ua, page, person.email, person.password);
    const replayed = await ua.submit(codePage, '/code', { code });
    expect(replayed.leftTo).toBeUndefined();
    expect(isCodePage(replayed)).toBe(true);
    expect(alertOf(replayed)).toMatch(/^That code was already used/);
    expect((await twofold.audit.list({ accountId: person.id })).map((e) => e.type)).toContain('otp_replay');
  });

  it('a form without its CSRF token, or with another sign-in’s token, is refused with 403', async () => {
    const { person, ua, codePage } = await atCodePage();
    const other = (await passwordPage()).page;
    const otherToken = parseForms(other.body)[0]!.fields.csrf!;
    const action = new URL(parseForms(codePage.body)[0]!.action, twofold.url);

    const missing = await ua.post(action, { code: '123456' });
    expect(missing.status).toBe(403);
    expect(missing.body).toContain('This form could not be verified');
    expect(missing.body).not.toMatch(/at \w+ \(|Error:/);
    const foreign = await ua.post(action, { code: '123456', csrf: otherToken });
    expect(foreign.status).toBe(403);
    const garbage = await ua.post(action, { code: '123456', csrf: 'x'.repeat(43) });
    expect(garbage.status).toBe(403);
    // None of them counted as a code attempt.
    expect((await twofold.audit.list({ accountId: person.id })).map((e) => e.type)).not.toContain('otp_failed');
  });

  it('an email containing <script> shows as text', async () => {
    const email = '<script>alert(1)</script>@example.com';
    await twofold.accounts.create({ email, password: PASSWORD });
    const { ua, page } = await passwordPage();
    const enrolment = await submitPassword(ua, page, email, PASSWORD);
    expect(isEnrolmentPage(enrolment)).toBe(true);
    expect(enrolment.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;@example.com');
    expect(enrolment.body).not.toContain('<script>');

    const wrong = await submitPassword(ua, (await passwordPage(ua)).page, email, 'wrong password here');
    expect(wrong.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;@example.com"');
    expect(wrong.body).not.toContain('<script>');
  });

  it('oversized and non-form bodies are refused; unknown interactions get a friendly 400', async () => {
    const { ua, page } = await passwordPage();
    const form = parseForms(page.body)[0]!;
    const action = new URL(form.action, twofold.url);
    const huge = await ua.post(action, { ...form.fields, email: 'a@example.com', password: 'x'.repeat(20_000) });
    expect(huge.status).toBe(413);
    expect(huge.body).toContain('Too much data');
    const json = await ua.fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(form.fields),
    });
    expect(json.status).toBe(415);

    const unknown = await new UserAgent(twofold.url).navigate('/interaction/no-such-interaction');
    expect(unknown.status).toBe(400);
    expect(unknown.body).toContain('This sign-in has expired');
    expect(unknown.body).not.toMatch(/SessionNotFound|at \w+ \(/);
  });

  it('no password, code or secret ends up in the audit trail', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const started = await rp.start();
    await submitPassword(ua, await ua.navigate(started.url), person.email, 'a wrong password guess');
    const enrolment = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    const app = AuthenticatorApp.fromEnrolmentPage(enrolment.body);
    const wrongCode = await app.wrongCode();
    const afterWrong = await ua.submit(enrolment, '/enroll', { code: wrongCode });
    const code = await app.nextCode();
    const { recoveryCodes, visit } = await saveRecoveryCodes(ua, await ua.submit(afterWrong, '/enroll', { code }));
    await rp.finish(callbackOf(visit), started);

    const trail = JSON.stringify(await twofold.audit.list({ accountId: person.id }));
    expect(trail).toContain('mfa_enrolled');
    expect(trail).toContain('signin_succeeded');
    expect(trail).toContain('recovery_codes_issued');
    for (const secret of [person.password, 'a wrong password guess', app.secret, wrongCode, code, ...recoveryCodes])
      expect(trail).not.toContain(secret);
  });
});
