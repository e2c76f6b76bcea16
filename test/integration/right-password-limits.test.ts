// Someone who knows a password (their own, or a stolen one) posting it again and again: every
// post costs the server a bcrypt check, and the review's flood from one address took other
// people's password step from ~130 ms to ~1.5 s. Right passwords are limited per address
// (RATE_LIMIT_RIGHT_PASSWORD_PER_IP, counted before the check) and per account
// (RATE_LIMIT_RIGHT_PASSWORD_PER_ACCOUNT, counted once the password proved right, so that a
// stranger typing the email learns nothing), while wrong passwords keep their own limits.
import { randomInt } from 'node:crypto';
import { generateTotpSecret } from '../../src/mfa/totp-app/totp.js';
import { UserAgentAt } from '../support/from-address.js';
import { RelyingParty } from '../support/relying-party.js';
import { createPerson, isCodePage, isEnrolmentPage, isPasswordPage, submitPassword } from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import type { Visit } from '../support/user-agent.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
/** A fresh address per call (RFC 2544 benchmarking range). */
const newAddress = () => `198.18.${randomInt(256)}.${randomInt(1, 255)}`;

describe.each([
  ['the database', {}],
  ['Redis', { REDIS_URL }],
])('right passwords are limited too (counters in %s)', (_where, extra: Record<string, string>) => {
  let twofold: RunningTwofold;
  let notes: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({
      ...extra,
      TRUST_PROXY: 'true',
      RATE_LIMIT_RIGHT_PASSWORD_PER_IP: '3',
      RATE_LIMIT_RIGHT_PASSWORD_PER_ACCOUNT: '2',
    });
    notes = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  });
  afterAll(() => twofold.stop());

  /** An account with its app linked, so a right password leads to the code page. */
  async function enrolledPerson() {
    const person = await createPerson(twofold);
    await twofold.authenticators.enroll(person.id, 'Phone', generateTotpSecret(), 0);
    return person;
  }

  async function typePassword(address: string, email: string, password: string): Promise<Visit> {
    const ua = new UserAgentAt(twofold.url, address);
    return submitPassword(ua, await ua.navigate((await notes.start()).url), email, password);
  }

  it('one address typing right passwords is paused at the limit, for every email; other addresses are not', async () => {
    const people = [await enrolledPerson(), await enrolledPerson(), await enrolledPerson()];
    const here = newAddress();
    for (const person of people) expect(isCodePage(await typePassword(here, person.email, person.password))).toBe(true);

    const paused = await typePassword(here, people[0]!.email, people[0]!.password);
    expect(paused.status).toBe(429);
    expect(Number(paused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(paused.body).toContain('Too many sign-ins were made from your network in a short time.');
    expect(paused.body).not.toMatch(/<form/);
    const audited = (await twofold.audit.list({})).filter(
      (e) => e.type === 'rate_limited' && e.detail.limit === 'right_password_per_ip',
    );
    expect(audited).toHaveLength(1);

    expect(isCodePage(await typePassword(newAddress(), people[0]!.email, people[0]!.password))).toBe(true);
  });

  it('wrong passwords do not use up the allowance of right ones', async () => {
    const here = newAddress();
    for (let n = 0; n < 4; n++) {
      const wrong = await typePassword(here, `nobody-${n}-${Date.now()}@example.com`, 'not the password');
      expect(isPasswordPage(wrong)).toBe(true);
    }
    for (let n = 0; n < 3; n++) {
      const person = await enrolledPerson();
      expect(isCodePage(await typePassword(here, person.email, person.password))).toBe(true);
    }
  });

  it("one account's right password from many addresses is paused at the account's limit; a stranger learns nothing", async () => {
    const person = await enrolledPerson();
    for (let n = 0; n < 2; n++)
      expect(isCodePage(await typePassword(newAddress(), person.email, person.password))).toBe(true);

    const paused = await typePassword(newAddress(), person.email, person.password);
    expect(paused.status).toBe(429);
    expect(paused.body).toContain('This account was signed in to too many times in a short time.');

    // Someone without the password, typing the email meanwhile, sees only a wrong password.
    const stranger = await typePassword(newAddress(), person.email, 'a guess that is wrong');
    expect(isPasswordPage(stranger)).toBe(true);
    expect(stranger.body).toContain('That email and password do not match.');

    // The owner's way back in, the administrator's set-up link, is not blocked by the full count.
    const { token } = await twofold.enrolments.issueLink(person.id);
    const owner = new UserAgentAt(twofold.url, newAddress());
    await owner.navigate(`/setup?token=${token}`);
    const withLink = await submitPassword(
      owner,
      await owner.navigate((await notes.start()).url),
      person.email,
      person.password,
    );
    expect(isEnrolmentPage(withLink)).toBe(true);
  });
});
