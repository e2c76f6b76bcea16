// The security review's high finding, replayed: an attacker who knows only the password locks the
// app, waits for the owner's recovery or an administrator's reset, and polls the password step to
// link their own app first. Afterwards a password alone never reaches an enrolment page: a recovery
// code links the new app inside that same sign-in, a reset needs the set-up link the command
// printed, a new account links with the password alone only within ENROLLMENT_WINDOW, two
// enrolments never both win, and a right password followed by wrong codes is not free. Real HTTP,
// the real database, the admin CLI as an administrator runs it.
import { RelyingParty } from '../support/relying-party.js';
import { UserAgentAt } from '../support/from-address.js';
import type { UserAgent, Visit } from '../support/user-agent.js';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import { runCli } from '../support/cli.js';
import { testTime } from '../support/clock.js';
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
  submitPassword,
  typeCode,
} from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';

const SET_UP_NEEDED = 'A set-up link is needed';
const LOCKED = 'Your authenticator app is locked';
const ALREADY = 'This account already has an authenticator app';
const LINK_UNUSABLE = 'This set-up link cannot be used';

let addresses = 0;
/** A fresh documentation-range address (RFC 5737) per call: no per-address limit ever stops the attacker. */
const newAddress = () => `198.51.100.${++addresses}`;

type Person = Awaited<ReturnType<typeof createPerson>>;

describe('a password alone never links a second factor', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    // Three wrong codes lock an app here, so locking it takes the attacker three tries, not a hundred.
    twofold = await startTwofold({ TRUST_PROXY: 'true', RATE_LIMIT_CODE_PER_ACCOUNT: '3' });
    rp = await RelyingParty.register(twofold, { clientId: 'console', firstParty: true });
  });
  afterAll(() => twofold.stop());

  async function afterPassword(person: Person, ua: UserAgent = new UserAgentAt(twofold.url, newAddress())) {
    const started = await rp.start();
    const page = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    return { ua, started, page };
  }

  /** The attacker: the password, from a new address each time, as many times as it takes. */
  async function attackerPolls(person: Person, times = 3): Promise<Visit[]> {
    const pages: Visit[] = [];
    for (let n = 0; n < times; n++) pages.push((await afterPassword(person)).page);
    return pages;
  }

  async function lockTheApp(person: Person, app: AuthenticatorApp): Promise<void> {
    for (let n = 0; n < 3; n++) {
      const { ua, page } = await afterPassword(person);
      await ua.submit(page, '/code', { code: await app.wrongCode() });
    }
    expect((await twofold.authenticators.list(person.id))[0]?.locked).toBe(true);
  }

  const cli = (...args: string[]) => runCli(args, twofold.env);
  const linkIn = (stdout: string) => {
    const match = /(http:\/\/\S+\/setup\?token=[A-Za-z0-9_-]+)/.exec(stdout);
    if (!match) throw new Error(`no set-up link in:\n${stdout}`);
    return new URL(match[1]!);
  };
  const events = async (accountId: string, type: string) =>
    (await twofold.audit.list({ accountId })).filter((e) => e.type === type).map((e) => e.detail ?? null);

  it('lock, then a recovery code: the attacker polling the password step never reaches an enrolment page while the owner links the new phone', async () => {
    const owner = await createPerson(twofold);
    const { app: oldPhone, recoveryCodes } = await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, owner);
    await lockTheApp(owner, oldPhone);

    // The owner starts a recovery: the enrolment page of the new phone is open in their browser.
    const recovery = await afterPassword(owner);
    expect(recovery.page.status).toBe(403);
    const form = await recovery.ua.navigate(/href="(\/interaction\/[^"]+\/recovery)"/.exec(recovery.page.body)![1]!);
    const enrolment = await recovery.ua.submit(form, '/recovery', { recovery_code: recoveryCodes[0]! });
    expect(isEnrolmentPage(enrolment)).toBe(true);

    // Meanwhile the attacker, with the password only, meets the locked app and nothing else.
    for (const page of await attackerPolls(owner)) {
      expect(isEnrolmentPage(page)).toBe(false);
      expect(page.status).toBe(403);
      expect(page.body).toContain(LOCKED);
    }
    // An abandoned recovery changed nothing a password could use: the old app (locked) and the other
    // nine codes are still there.
    expect(await twofold.authenticators.list(owner.id)).toHaveLength(1);
    expect(await twofold.recoveryCodes.remaining(owner.id)).toBe(9);

    // The owner confirms the new phone in that same sign-in, which the recovery code proved.
    const { app: newPhone, recoveryCodes: newCodes, visit } = await enrol(recovery.ua, enrolment);
    // Signed in, the owner is told of the wrong codes that locked the app, then goes on.
    expect(visit.body).toContain('someone typed your password and then 3 wrong codes');
    const back = await continuePastNotice(recovery.ua, visit);
    expect((await rp.finish(callbackOf(back), recovery.started)).claims()?.sub).toBe(owner.id);
    expect(newCodes).toHaveLength(10);
    expect(await twofold.recoveryCodes.remaining(owner.id)).toBe(10);
    const [linked, ...others] = await twofold.authenticators.list(owner.id);
    expect(others).toEqual([]);
    expect(linked?.locked).toBe(false);

    // From now on the attacker's password leads to the code page of the owner's new phone, and the
    // old set of recovery codes is gone.
    for (const page of await attackerPolls(owner, 2)) expect(isCodePage(page)).toBe(true);
    const later = await afterPassword(owner);
    expect((await typeCode(later.ua, later.page, newPhone)).leftTo).toBeDefined();
  });

  it('reset-mfa: without the set-up link the password leads to a page asking for one; with it the owner links the new phone, once', async () => {
    const owner = await createPerson(twofold);
    const { app: oldPhone } = await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, owner);
    await lockTheApp(owner, oldPhone);

    const reset = await cli('user', 'reset-mfa', owner.email);
    expect({ code: reset.code, stderr: reset.stderr }).toEqual({ code: 0, stderr: '' });
    expect(reset.stdout).toContain('set-up link (single use');
    const link = linkIn(reset.stdout);
    expect(await twofold.authenticators.list(owner.id)).toEqual([]);
    // Only a digest is stored.
    const stored = await twofold.db.enrollmentLink.findUnique({ where: { accountId: owner.id } });
    expect(stored?.digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(stored?.digest).not.toBe(link.searchParams.get('token'));

    for (const page of await attackerPolls(owner)) {
      expect(isEnrolmentPage(page)).toBe(false);
      expect(page.status).toBe(403);
      expect(page.body).toContain(SET_UP_NEEDED);
      expect(page.body).not.toContain('/enroll');
    }

    // The owner opens the link: the token leaves the address bar at once, and the account page's
    // sign-in leads, after the password, to linking the new phone.
    const ua = new UserAgentAt(twofold.url, newAddress());
    const passwordPage = await ua.navigate(link);
    expect(passwordPage.history.some((url) => String(url).includes('/interaction/'))).toBe(true);
    expect(passwordPage.url.search).not.toContain('token');
    const enrolment = await submitPassword(ua, passwordPage, owner.email, owner.password);
    expect(isEnrolmentPage(enrolment)).toBe(true);
    expect(enrolment.body).toContain('You opened a set-up link from your administrator.');
    const { visit } = await enrol(ua, enrolment);
    expect(visit.status).toBe(200);
    expect(await twofold.authenticators.list(owner.id)).toHaveLength(1);
    expect(await twofold.db.enrollmentLink.count({ where: { accountId: owner.id } })).toBe(0);

    // Single use: the same link again is refused, in plain words.
    const again = await new UserAgentAt(twofold.url, newAddress()).navigate(link);
    expect(again.status).toBe(410);
    expect(again.body).toContain(LINK_UNUSABLE);
    expect(await events(owner.id, 'mfa_enrolled')).toEqual([
      { grant: 'new', replaced: 0 },
      { grant: 'link', replaced: 0 },
    ]);
  });

  it('a new link voids the one before; a link opened for one account does nothing for another', async () => {
    const owner = await createPerson(twofold);
    const other = await createPerson(twofold);
    await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, owner);
    const first = linkIn((await cli('user', 'enroll-link', owner.email)).stdout);
    const second = linkIn((await cli('user', 'enroll-link', owner.email)).stdout);
    expect((await new UserAgentAt(twofold.url, newAddress()).navigate(first)).status).toBe(410);

    // The owner's link, opened in a browser where someone else signs in: no enrolment for them.
    const ua = new UserAgentAt(twofold.url, newAddress());
    const passwordPage = await ua.navigate(second);
    const page = await submitPassword(ua, passwordPage, other.email, other.password);
    // `other` is a new account within its window: it links its first app, but under its own grant.
    expect(isEnrolmentPage(page)).toBe(true);
    expect(page.body).not.toContain('You opened a set-up link');
    expect(await twofold.db.enrollmentLink.count({ where: { accountId: owner.id } })).toBe(1);
    // Made-up and malformed tokens get the same plain refusal.
    for (const token of ['x'.repeat(43), 'not a token', '']) {
      const refused = await new UserAgentAt(twofold.url, newAddress()).navigate(
        `/setup?token=${encodeURIComponent(token)}`,
      );
      expect(refused.status).toBe(410);
      expect(refused.body).toContain(LINK_UNUSABLE);
    }
  });

  it('a new account links its first app with the password alone only within ENROLLMENT_WINDOW; after it, only with a set-up link', async () => {
    const late = await createPerson(twofold);
    const byCli = await runCli(
      ['user', 'add', `cli-${Date.now()}@example.com`, '--password-stdin'],
      twofold.env,
      `${late.password}\n`,
    );
    expect(byCli.code).toBe(0);
    expect(byCli.stdout).toContain('links an authenticator app with the password alone');
    linkIn(byCli.stdout); // user add prints a set-up link too

    await testTime.pass(72 * 3600 * 1000 + 60_000);
    for (const page of await attackerPolls(late, 2)) {
      expect(isEnrolmentPage(page)).toBe(false);
      expect(page.body).toContain(SET_UP_NEEDED);
    }
    // A link issued on the server's (moved) clock; the CLI's links are real time's, tested above.
    const { token } = await twofold.enrolments.issueLink(late.id);
    const ua = new UserAgentAt(twofold.url, newAddress());
    const enrolment = await submitPassword(ua, await ua.navigate(`/setup?token=${token}`), late.email, late.password);
    expect(isEnrolmentPage(enrolment)).toBe(true);
  });

  it('two enrolments of one account never both win, and the loser is told plainly', async () => {
    const person = await createPerson(twofold);
    const browsers = await Promise.all(Array.from({ length: 4 }, () => afterPassword(person)));
    for (const { page } of browsers) expect(isEnrolmentPage(page)).toBe(true);
    const results = await Promise.all(
      browsers.map(async ({ ua, page }) => {
        const app = AuthenticatorApp.fromEnrolmentPage(page.body);
        return ua.submit(page, '/enroll', { code: await app.nextCode() });
      }),
    );
    expect(results.filter(isRecoveryCodesPage)).toHaveLength(1);
    for (const lost of results.filter((r) => !isRecoveryCodesPage(r))) {
      expect(lost.status).toBe(409);
      expect(lost.body).toContain(ALREADY);
      expect(isCodePage(lost)).toBe(false);
    }
    expect(await twofold.authenticators.list(person.id)).toHaveLength(1);
    expect(await events(person.id, 'mfa_enrolment_refused')).toEqual(
      Array(3).fill({ reason: 'already_enrolled', grant: 'new' }),
    );
    // The losers' sign-ins start over: their browsers are at the password again.
    const loser = browsers[results.findIndex((r) => !isRecoveryCodesPage(r))]!;
    expect(isPasswordPage(await loser.ua.navigate(loser.page.url))).toBe(true);
  });

  it('a thief with the password and the lost phone who signs in again during the recovery is signed out when the new phone is confirmed', async () => {
    const owner = await createPerson(twofold);
    const { app: lostPhone, recoveryCodes } = await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, owner);
    const recovery = await afterPassword(owner);
    const form = await recovery.ua.navigate(/href="(\/interaction\/[^"]+\/recovery)"/.exec(recovery.page.body)![1]!);
    const enrolment = await recovery.ua.submit(form, '/recovery', { recovery_code: recoveryCodes[0]! });
    expect(isEnrolmentPage(enrolment)).toBe(true);

    // The recovery ended the thief's sessions; the old phone still works until the new one is
    // confirmed, so the thief signs in again, with a refresh token.
    const thief = new UserAgentAt(twofold.url, newAddress());
    const started = await rp.start({ scope: 'openid offline_access', prompt: 'consent' });
    const codePage = await submitPassword(thief, await thief.navigate(started.url), owner.email, owner.password);
    const tokens = await rp.finish(callbackOf(await typeCode(thief, codePage, lostPhone)), started);
    expect(tokens.refresh_token).toBeDefined();

    // The owner confirms the new phone: the thief's sign-in ends with it.
    const { visit } = await enrol(recovery.ua, enrolment);
    expect((await rp.finish(callbackOf(visit), recovery.started)).claims()?.sub).toBe(owner.id);
    await expect(rp.refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect(isPasswordPage(await thief.navigate((await rp.start()).url))).toBe(true);
  });

  it('a reset during a recovery voids the recovery’s grant: the new phone is not linked, and the page says a set-up link is needed', async () => {
    const owner = await createPerson(twofold);
    const { recoveryCodes } = await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, owner);
    const recovery = await afterPassword(owner);
    const form = await recovery.ua.navigate(/href="(\/interaction\/[^"]+\/recovery)"/.exec(recovery.page.body)![1]!);
    const enrolment = await recovery.ua.submit(form, '/recovery', { recovery_code: recoveryCodes[0]! });
    // The administrator's reset, caught before it ends the sessions (the CLI's order).
    await twofold.enrolments.reset(owner.id);
    const app = AuthenticatorApp.fromEnrolmentPage(enrolment.body);
    const refused = await recovery.ua.submit(enrolment, '/enroll', { code: await app.nextCode() });
    expect(refused.status).toBe(409);
    expect(refused.body).toContain(SET_UP_NEEDED);
    expect(await twofold.authenticators.list(owner.id)).toEqual([]);
  });

  it('a double click on "Confirm" links the app once and shows its codes; the second click shows the step now due', async () => {
    const person = await createPerson(twofold);
    const { ua, page } = await afterPassword(person);
    const app = AuthenticatorApp.fromEnrolmentPage(page.body);
    const code = await app.nextCode();
    const [a, b] = await Promise.all([ua.submit(page, '/enroll', { code }), ua.submit(page, '/enroll', { code })]);
    expect(await twofold.authenticators.list(person.id)).toHaveLength(1);
    for (const visit of [a, b]) expect(visit.status).toBe(200);
    expect([a, b].filter(isRecoveryCodesPage).length).toBeGreaterThanOrEqual(1);
    expect(await events(person.id, 'mfa_enrolment_refused')).toEqual([]);
    // The sign-in goes on from the page that showed the codes.
    const shown = isRecoveryCodesPage(a) ? a : b;
    expect((await ua.submit(shown, '/recovery-codes', {}, 'continue')).leftTo).toBeDefined();
  });

  it('of two enrolments through set-up links, the loser is told the account already has an app', async () => {
    const owner = await createPerson(twofold);
    await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, owner);
    const pages = [];
    for (let n = 0; n < 2; n++) {
      const { token } = await twofold.enrolments.issueLink(owner.id);
      const ua = new UserAgentAt(twofold.url, newAddress());
      pages.push({
        ua,
        page: await submitPassword(ua, await ua.navigate(`/setup?token=${token}`), owner.email, owner.password),
      });
    }
    // Both browsers are at the enrolment page (the second link voided the first meanwhile).
    for (const { page } of pages) expect(isEnrolmentPage(page)).toBe(true);
    const confirm = ({ ua, page }: { ua: UserAgent; page: Visit }) =>
      AuthenticatorApp.fromEnrolmentPage(page.body)
        .nextCode()
        .then((code) => ua.submit(page, '/enroll', { code }));
    // The second one wins; it then ends every session of the account (it replaced an app), so the
    // first browser's sign-in is over and starts again from the password.
    expect(isRecoveryCodesPage(await confirm(pages[1]!))).toBe(true);
    expect(isPasswordPage(await confirm(pages[0]!))).toBe(true);
    expect(await twofold.authenticators.list(owner.id)).toHaveLength(1);

    // Caught between another enrolment's commit and its ending the sessions, the loser is told the
    // account already has an app (not that its link was used).
    const { token } = await twofold.enrolments.issueLink(owner.id);
    const ua = new UserAgentAt(twofold.url, newAddress());
    const page = await submitPassword(ua, await ua.navigate(`/setup?token=${token}`), owner.email, owner.password);
    const recovered = await twofold.enrolments.grantAfterRecovery(owner.id);
    await twofold.enrolments.confirm(owner.id, recovered, { label: 'Other', secret: 'B'.repeat(32), acceptedStep: 1 });
    const lost = await confirm({ ua, page });
    expect(lost.status).toBe(409);
    expect(lost.body).toContain(ALREADY);
  });

  it('a site cannot replace the set-up link a browser holds with a link of its own', async () => {
    const owner = await createPerson(twofold);
    const stranger = await createPerson(twofold);
    await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, owner);
    const mine = await twofold.enrolments.issueLink(owner.id);
    const theirs = await twofold.enrolments.issueLink(stranger.id);
    const ua = new UserAgentAt(twofold.url, newAddress());
    await ua.navigate(`/setup?token=${mine.token}`);
    // A page the owner visits sends the browser to the stranger's link.
    await ua.navigate(`/setup?token=${theirs.token}`);
    const started = await rp.start();
    const page = await submitPassword(ua, await ua.navigate(started.url), owner.email, owner.password);
    expect(isEnrolmentPage(page)).toBe(true);
    expect(page.body).toContain('You opened a set-up link from your administrator.');
  });

  it('a right password followed by wrong codes is not free: its points come back only when the sign-in completes', async () => {
    const person = await createPerson(twofold);
    const address = newAddress();
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, address), rp, person);
    const fromHere = () => afterPassword(person, new UserAgentAt(twofold.url, address));
    // Four sign-ins left at the code page, one completed: the completed one gives back all points.
    for (let n = 0; n < 4; n++) expect(isCodePage((await fromHere()).page)).toBe(true);
    const done = await fromHere();
    expect((await typeCode(done.ua, done.page, app)).leftTo).toBeDefined();
    // Then five right passwords left without a code, and the sixth is refused like a sixth wrong one.
    for (let n = 0; n < 5; n++) expect(isCodePage((await fromHere()).page)).toBe(true);
    const refused = await fromHere();
    expect(refused.page.status).toBe(429);
    expect(refused.page.body).toContain('Too many wrong passwords were typed for this email from your network.');
  });
});
