// Every field and parameter we read, fed what an attacker sends: each answer is a clear error (a
// page with a message, an OAuth error), reflected text comes back escaped, no stack trace or file
// path ever shows, the server stays up and nothing in the database changes. The admin CLI's
// arguments: hostile-arguments.test.ts.
import { HOSTILE_VALUES, expectNoLeak, isMarkup, type HostileValue } from '../support/hostile-values.js';
import { CALLBACK_ORIGIN, RelyingParty } from '../support/relying-party.js';
import {
  createPerson,
  enrol,
  isCodePage,
  isConsentPage,
  isEnrolmentPage,
  isPasswordPage,
  isRecoveryPage,
  submitPassword,
} from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { UserAgent, parseForms, type Visit } from '../support/user-agent.js';

const SLOW = 240_000;

/** A page in plain words: a heading and (for forms) a message, never a raw value of markup. */
function expectClearPage(label: string, visit: Visit, value?: HostileValue): void {
  expect([label, visit.status < 500]).toEqual([label, true]);
  expectNoLeak(label, visit.body);
  expect([label, /<h1>[^<]+<\/h1>/.test(visit.body)]).toEqual([label, true]);
  if (value && isMarkup(value) && value.text.length > 2)
    expect([label, visit.body.includes(value.text)]).toEqual([label, false]);
}

function formBody(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
}

describe('hostile input', () => {
  let twofold: RunningTwofold;
  let notes: RelyingParty;
  let snapshot: () => Promise<string>;
  let before: string;
  /** Browsers parked at each step, reused for every case. */
  const at: Record<'password' | 'enroll' | 'code' | 'recovery' | 'consent' | 'logout', { ua: UserAgent; page: Visit }> =
    {} as never;

  beforeAll(async () => {
    twofold = await startTwofold();
    notes = await RelyingParty.register(twofold, { clientId: 'notes', name: 'Notes' });
    const enrolled = await createPerson(twofold);
    const unenrolled = await createPerson(twofold);

    // A browser with a session but no grant for Notes: each /auth lands on the consent page.
    const consenting = new UserAgent(twofold.url);
    const first = await enrol(
      consenting,
      await submitPassword(
        consenting,
        await consenting.navigate((await notes.start()).url),
        enrolled.email,
        enrolled.password,
      ),
    );
    expect(isConsentPage(first.visit)).toBe(true);
    at.consent = { ua: consenting, page: first.visit };
    at.logout = { ua: consenting, page: await consenting.navigate('/session/end') };
    expect(parseForms(at.logout.page.body).some((f) => f.action.endsWith('/session/end/confirm'))).toBe(true);

    const ua = () => new UserAgent(twofold.url);
    const passwordUa = ua();
    at.password = { ua: passwordUa, page: await passwordUa.navigate((await notes.start()).url) };
    expect(isPasswordPage(at.password.page)).toBe(true);
    const enrollUa = ua();
    at.enroll = {
      ua: enrollUa,
      page: await submitPassword(
        enrollUa,
        await enrollUa.navigate((await notes.start()).url),
        unenrolled.email,
        unenrolled.password,
      ),
    };
    expect(isEnrolmentPage(at.enroll.page)).toBe(true);
    const codeUa = ua();
    at.code = {
      ua: codeUa,
      page: await submitPassword(
        codeUa,
        await codeUa.navigate((await notes.start()).url),
        enrolled.email,
        enrolled.password,
      ),
    };
    expect(isCodePage(at.code.page)).toBe(true);
    const recoveryUa = ua();
    const codePage = await submitPassword(
      recoveryUa,
      await recoveryUa.navigate((await notes.start()).url),
      enrolled.email,
      enrolled.password,
    );
    at.recovery = { ua: recoveryUa, page: await recoveryUa.navigate(`${codePage.url.pathname}/recovery`) };
    expect(isRecoveryPage(at.recovery.page)).toBe(true);

    // Accounts, clients, authenticators and recovery codes, row by row (a wrong code would change
    // failed_codes; a code taken as a recovery code would be marked used).
    snapshot = async () =>
      JSON.stringify([
        await twofold.db.account.findMany({ orderBy: { id: 'asc' } }),
        await twofold.db.client.findMany({ orderBy: { clientId: 'asc' } }),
        await twofold.db.authenticator.findMany({ orderBy: { id: 'asc' } }),
        await twofold.db.recoveryCode.findMany({ orderBy: { id: 'asc' } }),
      ]);
    before = await snapshot();
  }, SLOW);

  afterAll(async () => {
    // Nothing an attacker sent changed an account, client or authenticator; the audit trail holds
    // only refusals.
    try {
      expect(await snapshot()).toBe(before);
      const types = new Set((await twofold.db.auditEvent.findMany()).map((e) => e.type));
      for (const type of types)
        expect([
          'mfa_enrolled',
          'recovery_codes_issued',
          'recovery_code_failed',
          'signin_succeeded',
          'consent_denied',
          'signin_password_failed',
          'otp_failed',
          'rate_limited',
          'client_auth_failed',
        ]).toContain(type);
    } finally {
      await twofold.stop();
    }
  });

  afterEach(async () => {
    const health = await fetch(`${twofold.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it(`has at least 50 hostile values (${HOSTILE_VALUES.length})`, () => {
    expect(HOSTILE_VALUES.length).toBeGreaterThanOrEqual(50);
  });

  /** POSTs a hand-built body to the form of `step` (keeping its CSRF token) and follows the answer. */
  async function post(
    step: keyof typeof at,
    suffix: string,
    fields: Record<string, string>,
    rawFragment: string,
  ): Promise<Visit> {
    const { ua, page } = at[step];
    const form = parseForms(page.body).find((f) => f.action.endsWith(suffix))!;
    const tokenName = step === 'logout' ? 'xsrf' : 'csrf';
    // The page's own token, unless the hostile value is the token.
    const token = rawFragment.startsWith(`${tokenName}=`) ? {} : { [tokenName]: form.fields[tokenName]! };
    const action = new URL(form.action, twofold.url);
    const body = [formBody({ ...token, ...fields }), rawFragment].filter(Boolean).join('&');
    const headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' };
    const response = await ua.fetch(action, { method: 'POST', headers, body });
    const location = response.headers.get('location');
    const text = await response.text();
    if (response.status >= 300 && response.status < 400 && location) {
      const next = new URL(location, action);
      if (next.origin !== new URL(twofold.url).origin)
        return {
          url: action,
          status: response.status,
          headers: response.headers,
          body: text,
          history: [action],
          leftTo: next,
        };
      return ua.navigate(next);
    }
    return { url: action, status: response.status, headers: response.headers, body: text, history: [action] };
  }

  describe.each([
    ['password step, email', 'password', '/password', 'email', { password: 'not the password' }],
    ['password step, password', 'password', '/password', 'password', { email: 'nobody@example.com' }],
    ['enrolment, code', 'enroll', '/enroll', 'code', {}],
    ['code step, code', 'code', '/code', 'code', {}],
    ['recovery code', 'recovery', '/recovery', 'recovery_code', {}],
  ] as const)('%s', (label, step, suffix, field, others) => {
    it.each(HOSTILE_VALUES.map((v, i) => [v.name, v, i] as const))(
      '%s gets a page with a message',
      async (name, value, i) => {
        // A different (unknown) email each time, so the password is checked rather than rate-limited.
        const fields = field === 'password' ? { email: `nobody-${i}@example.com` } : others;
        const visit = await post(step, suffix, fields, `${field}=${value.encoded}`);
        const what = `${label}: ${name}`;
        expectClearPage(what, visit, value);
        expect([what, visit.leftTo]).toEqual([what, undefined]);
        // Still at the same step, with the problem said in words.
        expect([what, /role="alert">[^<]+</.test(visit.body)]).toEqual([what, true]);
        if (step === 'password' && field === 'email' && isMarkup(value) && value.text.length <= 254) {
          expect(visit.body).toContain(
            `value="${value.text.trim().replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')}"`,
          );
        }
      },
    );

    it.each([
      ['missing', ''],
      ['duplicated', `${field}=a&${field}=b`],
      ['an array', `${field}[]=a&${field}[]=b`],
      ['nested', `${field}[x]=a`],
      ['prototype-polluting', `__proto__[${field}]=a&constructor[prototype][x]=1`],
    ])(`${field} %s gets a page with a message`, async (shape, fragment) => {
      const visit = await post(step, suffix, others, fragment);
      expectClearPage(`${label} ${shape}`, visit);
      expect([shape, /role="alert">[^<]+</.test(visit.body)]).toEqual([shape, true]);
    });
  });

  it.each(HOSTILE_VALUES.map((v) => [v.name, v] as const))(
    'consent decision %s is a refusal the relying party reads as access_denied',
    async (name, value) => {
      const { ua } = at.consent;
      const page = await ua.navigate((await notes.start()).url);
      expect(isConsentPage(page)).toBe(true);
      at.consent = { ua, page };
      const visit = await post('consent', '/consent', {}, `decision=${value.encoded}`);
      expect([name, visit.leftTo?.origin]).toEqual([name, CALLBACK_ORIGIN]);
      expect([name, visit.leftTo?.searchParams.get('error')]).toEqual([name, 'access_denied']);
    },
  );

  it.each(HOSTILE_VALUES.map((v) => [v.name, v] as const))(
    'logout confirmation with xsrf %s is refused with a page',
    async (name, value) => {
      const visit = await post('logout', '/session/end/confirm', { logout: 'yes' }, `xsrf=${value.encoded}`);
      expect([name, visit.status]).toEqual([name, 400]);
      expectClearPage(`logout ${name}`, visit, value);
    },
  );

  it.each(HOSTILE_VALUES.map((v) => [v.name, v] as const))(
    'login_hint %s shows the password page, escaped',
    async (name, value) => {
      const started = await notes.start();
      const url = `${started.url.href}&login_hint=${value.encoded}`;
      const visit = await new UserAgent(twofold.url).navigate(url);
      expectClearPage(`login_hint ${name}`, visit, value);
      expect([name, isPasswordPage(visit) || visit.status === 400]).toEqual([name, true]);
    },
  );

  it.each(HOSTILE_VALUES.map((v) => [v.name, v] as const))(
    'account portal callback with code and state %s gets a friendly page',
    async (name, value) => {
      const browser = new UserAgent(twofold.url);
      await browser.navigate('/account'); // a pending portal sign-in, so the callback is really parsed
      const visit = await browser.navigate(
        `/account/callback?code=${value.encoded}&state=${value.encoded}&iss=${value.encoded}`,
      );
      if (visit.url.href.length > 16 * 1024) {
        // Longer than Node's header limit: the HTTP parser refuses it before any code of ours runs.
        expect([name, visit.status]).toEqual([name, 431]);
        return;
      }
      expect([name, visit.status]).toEqual([name, 400]);
      expectClearPage(`callback ${name}`, visit, value);
    },
  );

  it.each(HOSTILE_VALUES.filter((v) => v.text !== '' && !v.encoded.includes('%2F')).map((v) => [v.name, v] as const))(
    'an interaction id %s gets the "expired" page',
    async (name, value) => {
      const response = await fetch(`${twofold.url}/interaction/${value.encoded}`);
      const body = await response.text();
      expect([name, response.status]).toEqual([name, 400]);
      expectNoLeak(`interaction ${name}`, body);
      if (isMarkup(value)) expect(body).not.toContain(value.text);
    },
  );

  describe('bodies over 16 KiB', () => {
    const big = 'x'.repeat(17 * 1024);
    it.each([
      '/token',
      '/token/introspection',
      '/token/revocation',
      '/request',
      '/session/end/confirm',
      '/interaction/any/password',
      '/account/sign-out',
    ])('POST %s gets 413 before anything reads it', async (path) => {
      const response = await fetch(`${twofold.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `a=${big}`,
      });
      const body = await response.text();
      expect([path, response.status]).toEqual([path, 413]);
      expectNoLeak(path, body);
      if (path.startsWith('/interaction') || path.startsWith('/account')) expect(body).toContain('Too much data');
      else
        expect(JSON.parse(body)).toEqual({
          error: 'invalid_request',
          error_description: 'request body too large (at most 16 KiB)',
        });
    });

    it('a streamed body without a declared length is refused with 411', async () => {
      const stream = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(`grant_type=client_credentials&a=${big}`));
          controller.close();
        },
      });
      const response = await fetch(`${twofold.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: stream,
        duplex: 'half',
      });
      expect(response.status).toBe(411);
      expect(await response.json()).toEqual({
        error: 'invalid_request',
        error_description: 'request body must declare its Content-Length',
      });
    });
  });

  it.each(HOSTILE_VALUES.map((v) => [v.name, v] as const))(
    'token endpoint parameters %s get an OAuth error',
    async (name, value) => {
      const response = await fetch(`${twofold.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=${value.encoded}&client_id=${value.encoded}&code=${value.encoded}&redirect_uri=${value.encoded}`,
      });
      const body = await response.text();
      expect([name, response.status >= 400 && response.status < 500]).toEqual([name, true]);
      expectNoLeak(`token ${name}`, body);
      expect(JSON.parse(body)).toEqual(expect.objectContaining({ error: expect.any(String) }));
    },
  );
});
