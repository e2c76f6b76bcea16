// Password spraying, as an attacker runs it: one common password tried against many emails, real
// and made up, from one address. After RATE_LIMIT_PASSWORD_PER_IP wrong passwords (default 50) the
// address gets the 429 page for any email, even with a right password, while every other address
// signs in as usual. Counted in Redis or in the database, like the other limits.
// The server trusts X-Forwarded-For (TRUST_PROXY=true) so one test can play several networks.
import { randomInt } from 'node:crypto';
import { startTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgentAt } from '../support/from-address.js';
import type { Visit } from '../support/user-agent.js';
import {
  callbackOf,
  continuePastNotice,
  createPerson,
  firstSignIn,
  isCodePage,
  isEnrolmentPage,
  isPasswordPage,
  enrol,
  submitPassword,
} from '../support/sign-in.js';
import { TEST_REDIS_URL as REDIS_URL } from '../support/databases.js';

const SPRAYED = 'Summer2026!';
/** A fresh address per call (RFC 2544 benchmarking range): Redis counters outlive a test run. */
const newAddress = () => `198.18.${randomInt(256)}.${randomInt(1, 255)}`;

async function started(extra: Record<string, string>) {
  const twofold = await startTwofold({ TRUST_PROXY: 'true', ...extra });
  const rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  const typePassword = async (address: string, email: string, password: string): Promise<Visit> => {
    const ua = new UserAgentAt(twofold.url, address);
    return submitPassword(ua, await ua.navigate((await rp.start()).url), email, password);
  };
  return { twofold, rp, typePassword };
}

function expectRefusedFromNetwork(visit: Visit, what: 'passwords' | 'codes'): void {
  expect(visit.status).toBe(429);
  expect(Number(visit.headers.get('retry-after'))).toBeGreaterThan(0);
  expect(visit.body).toContain('<h1>Too many attempts</h1>');
  expect(visit.body).toContain(`Too many wrong ${what} were typed from your network.`);
  expect(visit.body).toMatch(/try again in about \d+ minutes/);
  expect(visit.body).not.toMatch(/<form/);
}

describe.each([
  ['the database', {}],
  ['Redis', { REDIS_URL }],
])('password spraying with the counters in %s', (_store, extra: Record<string, string>) => {
  let server: Awaited<ReturnType<typeof started>>;
  beforeAll(async () => {
    server = await started(extra);
  });
  afterAll(() => server.twofold.stop());

  it('50 wrong passwords over 50 emails from one address, then 429 for any email and even the right password; other addresses sign in', async () => {
    const { twofold, typePassword } = server;
    const people = await Promise.all(Array.from({ length: 5 }, () => createPerson(twofold)));
    const attacker = newAddress();
    const madeUp = (n: number) => `sprayed-${n}-${Date.now()}@example.com`;
    for (let n = 0; n < 50; n++) {
      // Every tenth email has an account; the others do not. Each gets one guess.
      const visit = await typePassword(attacker, n % 10 === 0 ? people[n / 10]!.email : madeUp(n), SPRAYED);
      expect(isPasswordPage(visit)).toBe(true);
    }
    const unknown = await typePassword(attacker, madeUp(50), SPRAYED);
    expectRefusedFromNetwork(unknown, 'passwords');
    const known = await typePassword(attacker, people[1]!.email, SPRAYED);
    expect(known.status).toBe(unknown.status);
    expect(known.body).toBe(unknown.body);
    // A hit would end the spraying, so the right password is not even checked from there.
    expectRefusedFromNetwork(await typePassword(attacker, people[0]!.email, people[0]!.password), 'passwords');

    expect(isEnrolmentPage(await typePassword(newAddress(), people[0]!.email, people[0]!.password))).toBe(true);

    // Audited once, as the address's limit: it is about no account in particular.
    const events = (await twofold.audit.list({})).filter((e) => e.type === 'rate_limited' && e.ip === attacker);
    expect(events.map((e) => ({ accountId: e.accountId, detail: e.detail }))).toEqual([
      { accountId: null, detail: { limit: 'password_per_ip', retryAfterSeconds: expect.any(Number) } },
    ]);
  });
});

describe('the limits per address, configured small', () => {
  let server: Awaited<ReturnType<typeof started>>;
  beforeAll(async () => {
    server = await started({
      RATE_LIMIT_PASSWORD_PER_IP: '3',
      RATE_LIMIT_PASSWORD_PER_ACCOUNT_IP: '1',
      RATE_LIMIT_CODE_PER_IP: '2',
    });
  });
  afterAll(() => server.twofold.stop());

  it('count only checked wrong passwords: a refused attempt and a completed sign-in (the attacker’s own account) use none', async () => {
    const { twofold, rp, typePassword } = server;
    const [mine, alsoMine] = [await createPerson(twofold), await createPerson(twofold)];
    const address = newAddress();
    expect(isPasswordPage(await typePassword(address, mine.email, 'wrong'))).toBe(true);
    // Refused by the limit per email: not checked, so not counted for the address.
    for (let n = 0; n < 3; n++)
      expect((await typePassword(address, mine.email, 'wrong')).body).toContain('for this email from your network');
    // A completed sign-in gives back its own point only: it does not wipe the others.
    const own = new UserAgentAt(twofold.url, address);
    const enrolment = await submitPassword(
      own,
      await own.navigate((await rp.start()).url),
      alsoMine.email,
      alsoMine.password,
    );
    expect((await enrol(own, enrolment)).visit.leftTo).toBeDefined();
    expect(isPasswordPage(await typePassword(address, `a-${Date.now()}@example.com`, 'wrong'))).toBe(true);
    expect(isPasswordPage(await typePassword(address, `b-${Date.now()}@example.com`, 'wrong'))).toBe(true);
    expectRefusedFromNetwork(await typePassword(address, `c-${Date.now()}@example.com`, 'wrong'), 'passwords');
  });

  it('an IPv6 network counts as one address: every address of its /64 draws on the same count', async () => {
    const { twofold, typePassword } = server;
    const person = await createPerson(twofold);
    // A /64 of the documentation range, fresh per run (Redis counters outlive a test run).
    const network = `2001:db8:${randomInt(65536).toString(16)}:${randomInt(65536).toString(16)}`;
    const host = (n: number) => `${network}:${n.toString(16)}::${randomInt(1, 65536).toString(16)}`;
    for (let n = 1; n <= 3; n++)
      expect(isPasswordPage(await typePassword(host(n), `v6-${n}-${Date.now()}@example.com`, 'wrong'))).toBe(true);
    expectRefusedFromNetwork(await typePassword(host(4), person.email, person.password), 'passwords');
    // The next /64 is another network.
    expect(
      isEnrolmentPage(
        await typePassword(`2001:db8:ffff:${randomInt(65536).toString(16)}::1`, person.email, person.password),
      ),
    ).toBe(true);
  });

  it('wrong codes are counted per address across accounts too', async () => {
    const { twofold, rp } = server;
    // Three people: each right password from the attacker's address holds its point until its
    // sign-in completes (RATE_LIMIT_PASSWORD_PER_ACCOUNT_IP is 1 here), so each is tried once.
    const people = [await createPerson(twofold), await createPerson(twofold), await createPerson(twofold)];
    const apps = [];
    for (const person of people)
      apps.push((await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, person)).app);
    const attacker = newAddress();
    const codePage = async (address: string, n: number) => {
      const ua = new UserAgentAt(twofold.url, address);
      const page = await submitPassword(
        ua,
        await ua.navigate((await rp.start()).url),
        people[n]!.email,
        people[n]!.password,
      );
      expect(isCodePage(page)).toBe(true);
      return { ua, page };
    };
    for (const n of [0, 1]) {
      const { ua, page } = await codePage(attacker, n);
      expect(isCodePage(await ua.submit(page, '/code', { code: await apps[n]!.wrongCode() }))).toBe(true);
    }
    const blocked = await codePage(attacker, 2);
    expectRefusedFromNetwork(
      await blocked.ua.submit(blocked.page, '/code', { code: await apps[2]!.nextCode() }),
      'codes',
    );
    const elsewhere = await codePage(newAddress(), 0);
    // Signed in, after being told of the wrong code the attacker typed.
    const signedIn = await elsewhere.ua.submit(elsewhere.page, '/code', { code: await apps[0]!.nextCode() });
    expect(callbackOf(await continuePastNotice(elsewhere.ua, signedIn))).toBeTruthy();
  });
});
