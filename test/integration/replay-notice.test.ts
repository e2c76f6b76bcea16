// OWASP ASVS 2.8.5: someone who has the password and saw a code the person already used types it
// again. It is refused and audited (`otp_replay`), and at the person's next successful sign-in a
// page tells them when and from where, before a Continue button takes them on to the application.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgentAt } from '../support/from-address.js';
import {
  callbackOf,
  createPerson,
  firstSignIn,
  isCodePage,
  isPasswordPage,
  signIn,
  submitPassword,
  typeCode,
} from '../support/sign-in.js';
import { earlyInTimeStep, type AuthenticatorApp } from '../support/authenticator-app.js';
import type { Visit } from '../support/user-agent.js';

const HOME = '192.0.2.10';
const ATTACKER = '203.0.113.66';

const isNotice = (visit: Visit) =>
  visit.status === 200 && visit.body.includes('<h1>Someone tried to reuse your code</h1>');

describe('notice of a reused code at the next sign-in', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({ TRUST_PROXY: 'true' });
    rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  });
  afterAll(() => twofold.stop());

  async function codePageAt(address: string, person: { email: string; password: string }) {
    const ua = new UserAgentAt(twofold.url, address);
    const started = await rp.start();
    const codePage = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    expect(isCodePage(codePage)).toBe(true);
    return { ua, codePage, started };
  }

  /** Someone with the password types the code the person used last. */
  async function replayLastCode(person: { email: string; password: string }, app: AuthenticatorApp): Promise<Visit> {
    const { ua, codePage } = await codePageAt(ATTACKER, person);
    return ua.submit(codePage, '/code', { code: await app.codeAt(app.lastOffered) });
  }

  it('refuses the reused code, then shows the person when and from where at their next sign-in, once', async () => {
    await earlyInTimeStep();
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, HOME), rp, person);

    const refused = await replayLastCode(person, app);
    expect(isCodePage(refused)).toBe(true);
    expect(refused.body).toContain('That code was already used');
    expect(refused.leftTo).toBeUndefined();
    const replays = (await twofold.audit.list({ accountId: person.id })).filter((e) => e.type === 'otp_replay');
    expect(replays.map((e) => e.ip)).toEqual([ATTACKER]);

    // The person's next sign-in: both factors, then the notice instead of the redirect.
    const { ua, codePage, started } = await codePageAt(HOME, person);
    const notice = await typeCode(ua, codePage, app);
    expect(notice.leftTo).toBeUndefined();
    expect(isNotice(notice)).toBe(true);
    // When (in the page's language, with the time zone named) and from where.
    expect(notice.body).toMatch(
      new RegExp(
        `<time datetime="${replays[0]!.at.toISOString()}">[^<]+ UTC</time>, from network address ${ATTACKER.replaceAll('.', '\\.')}<`,
      ),
    );
    expect(notice.body).toContain('It was refused, and nobody signed in with it.');
    // No script needed: a form with a CSRF token and a Continue button.
    expect(notice.body).not.toContain('<script');
    const tokens = await rp.finish(callbackOf(await ua.submit(notice, '/continue')), started);
    expect(tokens.claims()!.sub).toBe(person.id);

    // Told once: the sign-in after that goes straight back to the application.
    const again = await signIn(new UserAgentAt(twofold.url, HOME), rp, person, app);
    expect(again.tokens.claims()!.sub).toBe(person.id);
  });

  it('lists every attempt since the previous sign-in', async () => {
    await earlyInTimeStep();
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, HOME), rp, person);
    await replayLastCode(person, app);
    await replayLastCode(person, app);
    const { ua, codePage } = await codePageAt(HOME, person);
    const notice = await typeCode(ua, codePage, app);
    expect(isNotice(notice)).toBe(true);
    expect(notice.body.match(/from network address 203\.0\.113\.66/g)).toHaveLength(2);
  });

  it('says nothing about the person’s own double submit within the same sign-in', async () => {
    await earlyInTimeStep();
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, HOME), rp, person);
    const { ua, codePage, started } = await codePageAt(HOME, person);
    const used = await ua.submit(codePage, '/code', { code: await app.codeAt(app.lastOffered) });
    expect(used.body).toContain('That code was already used');
    const done = await typeCode(ua, used, app);
    expect(isNotice(done)).toBe(false);
    expect((await rp.finish(callbackOf(done), started)).claims()!.sub).toBe(person.id);
  });

  it('Continue before both factors passed only shows the step the sign-in is at', async () => {
    const ua = new UserAgentAt(twofold.url, HOME);
    const page = await ua.navigate((await rp.start()).url);
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)![1]!;
    const visit = await ua.post(new URL(`${page.url.pathname}/continue`, twofold.url), { csrf });
    expect(visit.leftTo).toBeUndefined();
    expect(isPasswordPage(visit)).toBe(true);
  });
});
