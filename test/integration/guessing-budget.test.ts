// The lifetime budget for guessing codes, as an attacker who has the password meets it: wrong codes
// from many addresses, spread over days, while the owner keeps signing in. The owner's right codes
// give nothing back, so the budget's last wrong code locks the app; only a whole window later is
// the budget whole again. (SECURITY.md derives the yearly bound from these two settings.)
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgentAt } from '../support/from-address.js';
import { testTime } from '../support/clock.js';
import type { AuthenticatorApp } from '../support/authenticator-app.js';
import {
  callbackOf,
  continuePastNotice,
  createPerson,
  firstSignIn,
  isCodePage,
  submitPassword,
  typeCode,
} from '../support/sign-in.js';

const BUDGET = 4;
const DAY = 86_400_000;
const HOME = '192.0.2.10';
let addresses = 0;
/** The attacker never types twice from one address: the per-address limits never see them. */
const newAddress = () => `198.51.100.${++addresses}`;

describe('the guessing budget over HTTP', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({
      TRUST_PROXY: 'true',
      RATE_LIMIT_CODE_BUDGET: String(BUDGET),
      RATE_LIMIT_CODE_BUDGET_WINDOW: '30d',
      // No more apps than points (each app pays one point per app for a code).
      MAX_AUTHENTICATORS: String(BUDGET),
    });
    rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  });
  afterAll(() => twofold.stop());

  /** Someone with the password types a wrong code from a new address. */
  async function guess(person: { email: string; password: string }, app: AuthenticatorApp) {
    const ua = new UserAgentAt(twofold.url, newAddress());
    const page = await submitPassword(ua, await ua.navigate((await rp.start()).url), person.email, person.password);
    if (!isCodePage(page)) return page;
    return ua.submit(page, '/code', { code: await app.wrongCode() });
  }

  /** The owner signs in from home; told of the wrong code typed since their last sign-in, they continue. */
  async function owner(person: { email: string; password: string }, app: AuthenticatorApp) {
    const ua = new UserAgentAt(twofold.url, HOME);
    const started = await rp.start();
    const page = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    const notice = await typeCode(ua, page, app);
    expect(notice.body).toContain('someone typed your password and then');
    return { tokens: await rp.finish(callbackOf(await continuePastNotice(ua, notice)), started) };
  }

  it('the owner signing in between wrong codes does not reset it: the fourth wrong code locks the app', async () => {
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, HOME), rp, person);
    for (let attempt = 1; attempt < BUDGET; attempt++) {
      const refused = await guess(person, app);
      expect(isCodePage(refused)).toBe(true);
      expect(refused.body).toContain('That code is not right');
      // The owner signs in as on any other day.
      expect((await owner(person, app)).tokens.claims()!.sub).toBe(person.id);
    }
    const locking = await guess(person, app);
    expect(locking.status).toBe(403);
    expect(locking.body).toContain('<h1>Your authenticator app is locked</h1>');

    // The owner, with the right password and the right code, now meets the lock too.
    const ua = new UserAgentAt(twofold.url, HOME);
    const page = await submitPassword(ua, await ua.navigate((await rp.start()).url), person.email, person.password);
    expect(page.status).toBe(403);
    expect(page.body).toContain('<h1>Your authenticator app is locked</h1>');
    const types = (await twofold.audit.list({ accountId: person.id })).map((e) => e.type);
    expect(types.filter((t) => t === 'otp_failed')).toHaveLength(BUDGET - 1);
    expect(types.filter((t) => t === 'otp_locked')).toHaveLength(1);
  });

  // Moves this file's time on by a month: the last test of the file.
  it('a whole window after the first wrong code the budget is whole again', async () => {
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, HOME), rp, person);
    for (let attempt = 1; attempt < BUDGET; attempt++) expect(isCodePage(await guess(person, app))).toBe(true);
    await testTime.pass(29 * DAY);
    expect((await owner(person, app)).tokens.claims()!.sub).toBe(person.id);
    await testTime.pass(DAY + 60_000);
    // The window that opened at the first wrong code is over: three more wrong codes stay unlocked.
    for (let attempt = 1; attempt < BUDGET; attempt++) expect(isCodePage(await guess(person, app))).toBe(true);
    expect((await owner(person, app)).tokens.claims()!.sub).toBe(person.id);
    expect((await guess(person, app)).status).toBe(403);
  });
});
