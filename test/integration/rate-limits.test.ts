// Guessing, as an attacker would try it: wrong passwords and wrong codes from one network address,
// wrong client secrets at the token endpoint. Each limit refuses with 429 and says when to retry,
// touches nobody on another address, gives its points back on success, and is configurable.
// The server trusts X-Forwarded-For (TRUST_PROXY=true) so one test can play several networks.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgentAt } from '../support/from-address.js';
import type { Visit } from '../support/user-agent.js';
import type { AuthenticatorApp } from '../support/authenticator-app.js';
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

const WINDOW = 15 * 60;
let addresses = 0;
/** A fresh documentation-range address (RFC 5737) per call. */
const newAddress = () => `198.51.100.${++addresses}`;

function expectTooManyAttempts(visit: Visit, what: 'passwords' | 'codes'): void {
  expect(visit.status).toBe(429);
  const retryAfter = Number(visit.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThan(WINDOW - 60);
  expect(retryAfter).toBeLessThanOrEqual(WINDOW);
  expect(visit.body).toContain('<h1>Too many attempts</h1>');
  expect(visit.body).toContain(`Too many wrong ${what} were typed`);
  expect(visit.body).toContain('try again in about 15 minutes');
  expect(visit.body).not.toMatch(/<form/);
}

describe('rate limits on sign-in', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({ TRUST_PROXY: 'true' });
    rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  });
  afterAll(() => twofold.stop());

  async function passwordPageAt(address: string) {
    const ua = new UserAgentAt(twofold.url, address);
    return { ua, page: await ua.navigate((await rp.start()).url) };
  }

  async function typePassword(address: string, email: string, password: string): Promise<Visit> {
    const { ua, page } = await passwordPageAt(address);
    return submitPassword(ua, page, email, password);
  }

  const rateLimitedEvents = async (accountId: string) =>
    (await twofold.audit.list({ accountId }))
      .filter((e) => e.type === 'rate_limited')
      .map((e) => ({ ip: e.ip, detail: e.detail }));

  it('the sixth wrong password from one address is refused with 429, and so is the right one, for the rest of the window', async () => {
    const person = await createPerson(twofold);
    const attacker = newAddress();
    for (let attempt = 1; attempt <= 5; attempt++) {
      const visit = await typePassword(attacker, person.email, `guess number ${attempt}`);
      expect(isPasswordPage(visit)).toBe(true);
      expect(visit.body).toContain('That email and password do not match');
    }
    expectTooManyAttempts(await typePassword(attacker, person.email, 'guess number 6'), 'passwords');
    expectTooManyAttempts(await typePassword(attacker, person.email, person.password), 'passwords');
    // The same email however it is typed.
    expectTooManyAttempts(await typePassword(attacker, person.email.toUpperCase(), person.password), 'passwords');

    // Reaching the limit is audited once, naming the limit; the refused attempts are not checked.
    expect(await rateLimitedEvents(person.id)).toEqual([
      { ip: attacker, detail: { limit: 'password_per_account_ip', retryAfterSeconds: expect.any(Number) } },
    ]);
    const failures = (await twofold.audit.list({ accountId: person.id })).filter(
      (e) => e.type === 'signin_password_failed',
    );
    expect(failures).toHaveLength(5);

    // Without Redis the counters live in the database, shared by every instance, under digests: no email.
    const rows = await twofold.db.rateLimit.findMany();
    expect(
      rows.some((row) => row.key.startsWith('twofold:ratelimit:password_per_account_ip:') && row.points >= 6),
    ).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(person.email);
  });

  it('an attacker spraying wrong passwords from their address does not lock the person out of theirs', async () => {
    const person = await createPerson(twofold);
    const attacker = newAddress();
    for (let attempt = 1; attempt <= 12; attempt++) await typePassword(attacker, person.email, `spray ${attempt}`);
    expect((await typePassword(attacker, person.email, person.password)).status).toBe(429);

    const { app } = await (async () => {
      const ua = new UserAgentAt(twofold.url, newAddress());
      return firstSignIn(ua, rp, person);
    })();
    expect(app.secret).toMatch(/^[A-Z2-7]+$/);
  });

  it('a client cannot pick its own address: only the entry the trusted proxy appended to X-Forwarded-For counts', async () => {
    const person = await createPerson(twofold);
    const real = newAddress();
    // What the proxy forwards when the client itself sent "X-Forwarded-For: 10.0.0.N".
    const forwarded = (n: number) => `10.0.0.${n}, ${real}`;
    for (let attempt = 1; attempt <= 5; attempt++)
      expect(isPasswordPage(await typePassword(forwarded(attempt), person.email, 'wrong'))).toBe(true);
    expect((await typePassword(forwarded(6), person.email, person.password)).status).toBe(429);
    const events = await rateLimitedEvents(person.id);
    expect(events.map((e) => e.ip)).toEqual([real]);
  });

  it('an unknown email is counted and refused the same way, so the 429 says nothing about which emails exist', async () => {
    const person = await createPerson(twofold);
    const attacker = newAddress();
    const unknown = `nobody-${Date.now()}@example.com`;
    for (let attempt = 1; attempt <= 5; attempt++) {
      await typePassword(attacker, person.email, 'wrong');
      await typePassword(attacker, unknown, 'wrong');
    }
    const known = await typePassword(attacker, person.email, 'wrong');
    const notKnown = await typePassword(attacker, unknown, 'wrong');
    expectTooManyAttempts(notKnown, 'passwords');
    expect(notKnown.status).toBe(known.status);
    expect(notKnown.body).toBe(known.body);
  });

  it('a completed sign-in gives the points back: five more wrong ones are allowed after it', async () => {
    const person = await createPerson(twofold);
    const address = newAddress();
    for (let attempt = 1; attempt <= 4; attempt++)
      expect(isPasswordPage(await typePassword(address, person.email, 'wrong'))).toBe(true);
    // The right password alone keeps its point (the sign-in is half done); linking the app completes it.
    const { ua, page } = await passwordPageAt(address);
    const { visit } = await enrol(ua, await submitPassword(ua, page, person.email, person.password));
    expect(visit.leftTo).toBeDefined();
    for (let attempt = 1; attempt <= 5; attempt++)
      expect(isPasswordPage(await typePassword(address, person.email, 'wrong'))).toBe(true);
    expect((await typePassword(address, person.email, 'wrong')).status).toBe(429);
  });

  describe('codes', () => {
    /** An enrolled person, and a browser at `address` on the code page. */
    async function codePageAt(address: string, person: { email: string; password: string }) {
      const { ua, page } = await passwordPageAt(address);
      const codePage = await submitPassword(ua, page, person.email, person.password);
      expect(isCodePage(codePage)).toBe(true);
      return { ua, codePage };
    }

    async function enrolledPerson(): Promise<{
      person: Awaited<ReturnType<typeof createPerson>>;
      app: AuthenticatorApp;
    }> {
      const person = await createPerson(twofold);
      const { app } = await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, person);
      return { person, app };
    }

    it('after 5 wrong codes from one address, even a right code from there is refused with 429 across sign-ins; another address signs in', async () => {
      const { person, app } = await enrolledPerson();
      const attacker = newAddress();
      // Five wrong codes: the sign-in's own rule starts it over from the password ...
      let { ua, codePage: visit } = await codePageAt(attacker, person);
      for (let attempt = 1; attempt <= 5; attempt++)
        visit = await ua.submit(visit, '/code', { code: await app.wrongCode() });
      expect(isPasswordPage(visit)).toBe(true);
      // ... and starting over does not buy more guesses: the next code from this address is refused.
      ({ ua, codePage: visit } = await codePageAt(attacker, person));
      expectTooManyAttempts(await ua.submit(visit, '/code', { code: await app.nextCode() }), 'codes');

      // The person, from their own address, signs in and is told of the five wrong codes.
      const elsewhere = await codePageAt(newAddress(), person);
      const notice = await elsewhere.ua.submit(elsewhere.codePage, '/code', { code: await app.nextCode() });
      expect(notice.body).toContain('someone typed your password and then 5 wrong codes');
      expect(callbackOf(await continuePastNotice(elsewhere.ua, notice))).toBeTruthy();

      expect(await rateLimitedEvents(person.id)).toEqual([
        { ip: attacker, detail: { limit: 'code_per_account_ip', retryAfterSeconds: expect.any(Number) } },
      ]);
    });

    it('a right code gives the points back', async () => {
      const { person, app } = await enrolledPerson();
      const address = newAddress();
      for (let round = 1; round <= 2; round++) {
        const { ua, codePage } = await codePageAt(address, person);
        let visit = codePage;
        for (let attempt = 1; attempt <= 4; attempt++)
          visit = await ua.submit(visit, '/code', { code: await app.wrongCode() });
        expect(isCodePage(visit)).toBe(true);
        expect(callbackOf(await ua.submit(visit, '/code', { code: await app.nextCode() }))).toBeTruthy();
      }
    });

    it('a malformed code is answered without using up an attempt', async () => {
      const { person, app } = await enrolledPerson();
      const { ua, codePage } = await codePageAt(newAddress(), person);
      let visit = codePage;
      for (let attempt = 1; attempt <= 8; attempt++) {
        visit = await ua.submit(visit, '/code', { code: '12ab' });
        expect(visit.body).toContain('Enter the 6 digits your app shows');
      }
      expect(callbackOf(await ua.submit(visit, '/code', { code: await app.nextCode() }))).toBeTruthy();
    });
  });
});

describe('the authenticator lock across all addresses', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    // Three consecutive wrong codes instead of 100, so the test does not type a hundred.
    twofold = await startTwofold({ TRUST_PROXY: 'true', RATE_LIMIT_CODE_PER_ACCOUNT: '3' });
    rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  });
  afterAll(() => twofold.stop());

  async function codePageAt(address: string, person: { email: string; password: string }) {
    const ua = new UserAgentAt(twofold.url, address);
    const page = await submitPassword(ua, await ua.navigate((await rp.start()).url), person.email, person.password);
    return { ua, page };
  }

  it('locks after the configured number of wrong codes from different addresses, audits it once, and offers a recovery code or an administrator reset', async () => {
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, newAddress()), rp, person);
    let last: Visit | undefined;
    for (let attempt = 1; attempt <= 3; attempt++) {
      const { ua, page } = await codePageAt(newAddress(), person);
      expect(isCodePage(page)).toBe(true);
      last = await ua.submit(page, '/code', { code: await app.wrongCode() });
    }
    expect(last!.status).toBe(403);
    expect(last!.body).toContain('<h1>Your authenticator app is locked</h1>');
    expect(last!.body).toContain('ask an administrator to reset the app');
    expect(last!.body).toContain('Use a recovery code');
    expect(last!.body).toContain('twofold user reset-mfa');
    expect(last!.body).not.toMatch(/<form/);

    // The person, from yet another address with the right password: the same page, no code form.
    const { page: afterPassword } = await codePageAt(newAddress(), person);
    expect(afterPassword.status).toBe(403);
    expect(afterPassword.body).toContain('<h1>Your authenticator app is locked</h1>');

    const types = (await twofold.audit.list({ accountId: person.id })).map((e) => e.type);
    expect(types.filter((t) => t === 'otp_locked')).toHaveLength(1);

    // What `twofold user reset-mfa` does; then the person, with the set-up link it printed, links an
    // app again (without the link the password leads to a page asking for one).
    const { link } = await twofold.enrolments.reset(person.id);
    const { page: withoutLink } = await codePageAt(newAddress(), person);
    expect(withoutLink.status).toBe(403);
    expect(withoutLink.body).toContain('A set-up link is needed');
    const ua = new UserAgentAt(twofold.url, newAddress());
    const enrolment = await submitPassword(
      ua,
      await ua.navigate(`/setup?token=${link.token}`),
      person.email,
      person.password,
    );
    expect(isEnrolmentPage(enrolment)).toBe(true);
  });
});

describe('configurable limits', () => {
  it('a server started with RATE_LIMIT_PASSWORD_PER_ACCOUNT_IP=2 refuses the third wrong password', async () => {
    const twofold = await startTwofold({ RATE_LIMIT_PASSWORD_PER_ACCOUNT_IP: '2', RATE_LIMIT_WINDOW: '1h' });
    try {
      const rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
      const person = await createPerson(twofold);
      const statuses: number[] = [];
      let retryAfter = 0;
      for (let attempt = 1; attempt <= 3; attempt++) {
        const ua = new UserAgentAt(twofold.url, '192.0.2.1');
        const visit = await submitPassword(ua, await ua.navigate((await rp.start()).url), person.email, 'wrong');
        statuses.push(visit.status);
        retryAfter = Number(visit.headers.get('retry-after'));
      }
      expect(statuses).toEqual([200, 200, 429]);
      expect(retryAfter).toBeGreaterThan(3600 - 60);
      expect(retryAfter).toBeLessThanOrEqual(3600);
    } finally {
      await twofold.stop();
    }
  });
});
