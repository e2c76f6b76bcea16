// The lost phone: recovery codes as the person and an attacker meet them, over real HTTP. Every
// linked app comes with ten codes, shown once; one code gets the person back in and straight to
// linking a new app (also when the old one is locked), ends every other session, and never works
// twice, not even when submitted many times at once; guesses run into limits per address and per
// account; none of it is reachable before the password.
import { AuthenticatorApp } from '../support/authenticator-app.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgentAt } from '../support/from-address.js';
import { parseForms, type UserAgent, type Visit } from '../support/user-agent.js';
import {
  callbackOf,
  continuePastNotice,
  createPerson,
  enrol,
  firstSignIn,
  isCodePage,
  isEnrolmentPage,
  isPasswordPage,
  isRecoveryCodesPage,
  isRecoveryPage,
  recoveryCodesOn,
  submitPassword,
  typeCode,
} from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { generateRecoveryCode } from '../../src/mfa/recovery-codes/codes.js';

const CODE_SHAPE = /^([0-9a-hjkmnp-tv-z]{4}-){5}[0-9a-hjkmnp-tv-z]{4}$/;
const WRONG_OR_USED = 'That recovery code is not right, or it was used already.';

let addresses = 0;
/** A fresh documentation-range address (RFC 5737) per call. */
const newAddress = () => `203.0.113.${++addresses}`;

describe('recovery codes', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    // Three consecutive wrong app codes lock the app, so the lock test types three, not a hundred.
    twofold = await startTwofold({ TRUST_PROXY: 'true', RATE_LIMIT_CODE_PER_ACCOUNT: '3' });
    rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  });
  afterAll(() => twofold.stop());

  type Person = Awaited<ReturnType<typeof createPerson>>;

  /** A browser at a new address, past the password, on the page the sign-in is at now. */
  async function afterPassword(person: Person, address = newAddress()) {
    const ua = new UserAgentAt(twofold.url, address);
    const started = await rp.start();
    const page = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    return { ua, started, page };
  }

  /** Follows "Can't use your app? Use a recovery code" from the code (or locked) page. */
  async function recoveryForm(ua: UserAgent, page: Visit): Promise<Visit> {
    const href = /href="(\/interaction\/[^"]+\/recovery)"/.exec(page.body)?.[1];
    if (!href) throw new Error(`no recovery link on ${page.url}:\n${page.body}`);
    const form = await ua.navigate(href);
    expect(isRecoveryPage(form)).toBe(true);
    return form;
  }

  const useCode = (ua: UserAgent, form: Visit, code: string) => ua.submit(form, '/recovery', { recovery_code: code });
  /** A whole attempt in a new sign-in: password, then `code` on the recovery form. */
  async function tryCode(person: Person, code: string, address = newAddress()): Promise<Visit> {
    const { ua, page } = await afterPassword(person, address);
    return useCode(ua, await recoveryForm(ua, page), code);
  }
  const events = async (accountId: string, type: string) =>
    (await twofold.audit.list({ accountId })).filter((e) => e.type === type).map((e) => e.detail ?? null);

  it('linking an app shows ten codes once, before the sign-in continues; a reload does not show them again', async () => {
    const person = await createPerson(twofold);
    const { ua, started, page: enrolment } = await afterPassword(person);
    const app = AuthenticatorApp.fromEnrolmentPage(enrolment.body);
    const shown = await ua.submit(enrolment, '/enroll', { code: await app.nextCode() });

    expect(isRecoveryCodesPage(shown)).toBe(true);
    expect(shown.headers.get('cache-control')).toBe('no-store');
    expect(shown.body).toContain('Each code works once.');
    expect(shown.body).toContain('not on your phone');
    const codes = recoveryCodesOn(shown);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(CODE_SHAPE);
    // The same codes as a text file to download, made in this response (nothing else keeps them).
    const download =
      /<a href="data:text\/plain;charset=utf-8,([^"]+)" download="recovery-codes.txt">Download the codes as a text file<\/a>/.exec(
        shown.body,
      );
    const file = decodeURIComponent(download![1]!).split('\r\n');
    expect(file[0]).toBe(
      `Twofold recovery codes for ${person.email}. Each code works once; keep them somewhere other than your phone.`,
    );
    expect(file.slice(2, 12)).toEqual(codes);
    // In the page only: the form carries the CSRF token and the button, the URL nothing.
    const form = parseForms(shown.body).find((f) => f.action.endsWith('/recovery-codes'))!;
    expect(Object.keys(form.fields)).toEqual(['csrf']);
    expect(form.buttons).toEqual([{ name: 'next', value: 'continue', text: 'I have saved these codes — continue' }]);
    for (const code of codes) expect(shown.history.map(String).join(' ')).not.toContain(code);

    // Not signed in yet: the way back to the application waits for the button.
    expect(shown.leftTo).toBeUndefined();
    const reloaded = await ua.navigate(enrolment.url);
    expect(isRecoveryCodesPage(reloaded)).toBe(true);
    expect(recoveryCodesOn(reloaded)).toEqual([]);
    expect(reloaded.body).toContain('they are not shown again');
    for (const code of codes) expect(reloaded.body).not.toContain(code);

    const tokens = await rp.finish(callbackOf(await ua.submit(reloaded, '/recovery-codes', {}, 'continue')), started);
    expect(tokens.claims()?.sub).toBe(person.id);
    expect(await events(person.id, 'recovery_codes_issued')).toEqual([{ count: 10 }]);
    expect(await twofold.recoveryCodes.remaining(person.id)).toBe(10);
  });

  it('a lost phone: a recovery code ends the other sessions and leads to a new app, which replaces the old one and the old codes only once confirmed; the sign-in gets the usual acr and amr', async () => {
    const person = await createPerson(twofold);
    const phone = new UserAgentAt(twofold.url, newAddress());
    const { app: lostApp, recoveryCodes } = await firstSignIn(phone, rp, person);

    const { ua, started, page: codePage } = await afterPassword(person);
    expect(isCodePage(codePage)).toBe(true);
    expect(codePage.body).toContain('Can’t use your app? Use a recovery code');
    const form = await recoveryForm(ua, codePage);
    // Typed loosely: upper case, spaces instead of dashes.
    const enrolment = await useCode(ua, form, ` ${recoveryCodes[3]!.toUpperCase().replace(/-/g, ' ')} `);
    expect(isEnrolmentPage(enrolment)).toBe(true);
    expect(enrolment.body).toContain('Recovery code accepted and your other sessions ended.');
    // Until the new app is confirmed nothing else changed: the old app and the other nine codes stay.
    const [old] = await twofold.authenticators.list(person.id);
    expect(old).toBeDefined();
    expect(await twofold.recoveryCodes.remaining(person.id)).toBe(9);
    expect(await events(person.id, 'recovery_code_used')).toEqual([{ remaining: 9 }]);

    // The browser with the lost phone's session must sign in again: its session has ended.
    expect(isPasswordPage(await phone.navigate((await rp.start()).url))).toBe(true);

    const { app: newApp, recoveryCodes: newCodes, visit } = await enrol(ua, enrolment);
    const claims = (await rp.finish(callbackOf(visit), started)).claims()!;
    expect(claims.sub).toBe(person.id);
    expect(claims.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(claims.acr).toBe('urn:twofold:acr:pwd+otp');
    expect(newCodes).toHaveLength(10);
    expect(newCodes).not.toEqual(expect.arrayContaining([recoveryCodes[0]]));
    const linked = await twofold.authenticators.list(person.id);
    expect(linked.map((a) => a.id)).not.toContain(old!.id);
    expect(linked).toHaveLength(1);
    expect(await twofold.recoveryCodes.remaining(person.id)).toBe(10);
    expect(await events(person.id, 'mfa_enrolled')).toEqual([
      { grant: 'new', replaced: 0 },
      { grant: 'recovery', replaced: 1 },
    ]);

    // Later: the lost app's codes are wrong, and so are the used code and the rest of the old set,
    // with the same answer as any wrong code.
    const later = await afterPassword(person);
    const refused = await typeCode(later.ua, later.page, lostApp);
    expect(refused.body).toContain('That code is not right');
    let recovery = await recoveryForm(later.ua, refused);
    for (const old of [recoveryCodes[3]!, recoveryCodes[0]!]) {
      recovery = await useCode(later.ua, recovery, old);
      expect(isRecoveryPage(recovery)).toBe(true);
      expect(recovery.body).toContain(WRONG_OR_USED);
    }
    const back = await later.ua.navigate(later.page.url);
    expect(isCodePage(back)).toBe(true);
    expect((await typeCode(later.ua, back, newApp)).leftTo).toBeDefined();
  });

  it('of many simultaneous submissions of one code, exactly one is accepted', async () => {
    const person = await createPerson(twofold);
    const { recoveryCodes } = await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, person);
    const browsers = await Promise.all(
      Array.from({ length: 6 }, async () => {
        const { ua, page } = await afterPassword(person);
        return { ua, form: await recoveryForm(ua, page) };
      }),
    );
    const results = await Promise.all(browsers.map(({ ua, form }) => useCode(ua, form, recoveryCodes[0]!)));
    expect(results.filter(isEnrolmentPage)).toHaveLength(1);
    // The others were refused, or found their sign-in ended by the winner's (every session ends).
    for (const result of results.filter((r) => !isEnrolmentPage(r))) {
      expect(isPasswordPage(result) || (isRecoveryPage(result) && result.body.includes(WRONG_OR_USED))).toBe(true);
    }
    expect(await events(person.id, 'recovery_code_used')).toHaveLength(1);
    expect(await twofold.db.recoveryCode.count({ where: { accountId: person.id, usedAt: { not: null } } })).toBe(1);

    // Over HTTP the winner often ends the other sign-ins before they check the code; the guarantee
    // itself is the store's conditional update, so race it directly too: twenty at once, one winner.
    const other = await createPerson(twofold);
    const [code] = await twofold.recoveryCodes.replace(other.id);
    const uses = await Promise.all(Array.from({ length: 20 }, () => twofold.recoveryCodes.use(other.id, code!)));
    expect(uses.filter((u) => u.ok)).toEqual([{ ok: true, remaining: 9 }]);
    expect(uses.filter((u) => !u.ok)).toEqual(Array(19).fill({ ok: false, reason: 'invalid' }));
  });

  it('a locked app is recovered with a recovery code', async () => {
    const person = await createPerson(twofold);
    const { app, recoveryCodes } = await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, person);
    let locked: Visit | undefined;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { ua, page } = await afterPassword(person);
      locked = await ua.submit(page, '/code', { code: await app.wrongCode() });
    }
    expect(locked!.status).toBe(403);
    expect((await twofold.authenticators.list(person.id))[0]?.locked).toBe(true);

    // After the password, the locked page offers the recovery code.
    const { ua, started, page } = await afterPassword(person);
    expect(page.status).toBe(403);
    expect(page.body).toContain('<h1>Your authenticator app is locked</h1>');
    const enrolment = await useCode(ua, await recoveryForm(ua, page), recoveryCodes[9]!);
    const { visit } = await enrol(ua, enrolment);
    // Signed in, the person is told of the three wrong codes that locked the app.
    expect(visit.body).toContain('someone typed your password and then 3 wrong codes');
    expect((await rp.finish(callbackOf(await continuePastNotice(ua, visit)), started)).claims()?.sub).toBe(person.id);
    const [relinked, ...others] = await twofold.authenticators.list(person.id);
    expect(others).toEqual([]);
    expect(relinked?.locked).toBe(false);
  });

  it('wrong codes from one address are refused with 429 after the code limit, and audited', async () => {
    const person = await createPerson(twofold);
    const { recoveryCodes } = await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, person);
    const attacker = newAddress();
    const attempt = (code: string) => tryCode(person, code, attacker);
    // One sign-in (one right password) takes four wrong codes; the fifth starts it over.
    const { ua, page } = await afterPassword(person, attacker);
    let form = await recoveryForm(ua, page);
    for (let n = 1; n <= 4; n++) {
      form = await useCode(ua, form, generateRecoveryCode());
      expect(form.body).toContain(WRONG_OR_USED);
    }
    expect(isPasswordPage(await useCode(ua, form, generateRecoveryCode()))).toBe(true);
    for (const code of [generateRecoveryCode(), recoveryCodes[0]!]) {
      const refused = await attempt(code);
      expect(refused.status).toBe(429);
      expect(refused.body).toContain('Too many wrong codes were typed for this account from your network.');
    }
    expect(await events(person.id, 'recovery_code_failed')).toHaveLength(5);
    expect(await events(person.id, 'rate_limited')).toEqual([
      { limit: 'code_per_account_ip', retryAfterSeconds: expect.any(Number) },
    ]);
    // The refused right code was not checked, so not used.
    expect(await twofold.recoveryCodes.remaining(person.id)).toBe(10);
  });

  it('wrong codes spread over many addresses run into the per-account limit (10 an hour)', async () => {
    const person = await createPerson(twofold);
    const { recoveryCodes } = await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, person);
    const attempt = (code: string) => tryCode(person, code);
    for (let n = 1; n <= 10; n++) expect((await attempt(generateRecoveryCode())).body).toContain(WRONG_OR_USED);
    const refused = await attempt(recoveryCodes[0]!);
    expect(refused.status).toBe(429);
    expect(refused.body).toContain('Too many wrong recovery codes were typed for this account.');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3600 - 60);
    expect(await events(person.id, 'recovery_code_failed')).toHaveLength(10);
    expect(await events(person.id, 'rate_limited')).toEqual([
      { limit: 'recovery_code_per_account', retryAfterSeconds: expect.any(Number) },
    ]);
    expect(await twofold.recoveryCodes.remaining(person.id)).toBe(10);
  });

  it('the recovery form is out of reach before the password', async () => {
    const person = await createPerson(twofold);
    const { recoveryCodes } = await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, person);
    const ua = new UserAgentAt(twofold.url, newAddress());
    const passwordPage = await ua.navigate((await rp.start()).url);
    const uid = /\/interaction\/([^/]+)/.exec(passwordPage.url.pathname)![1]!;

    expect(isPasswordPage(await ua.navigate(`/interaction/${uid}/recovery`))).toBe(true);
    // A forged POST with the page's own CSRF token: answered with the password page, nothing used.
    const csrf = parseForms(passwordPage.body)[0]!.fields.csrf!;
    const posted = await ua.post(`/interaction/${uid}/recovery`, { csrf, recovery_code: recoveryCodes[0]! });
    expect(isPasswordPage(posted)).toBe(true);
    expect(await twofold.recoveryCodes.remaining(person.id)).toBe(10);
    expect(await events(person.id, 'recovery_code_used')).toEqual([]);

    // An account without an app has nothing to recover: the form leads to enrolment.
    const newcomer = await createPerson(twofold);
    const { ua: other, page } = await afterPassword(newcomer);
    expect(isEnrolmentPage(page)).toBe(true);
    expect(isEnrolmentPage(await other.navigate(`${page.url.pathname}/recovery`))).toBe(true);
  });
});
