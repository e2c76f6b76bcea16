// Someone who has the password types wrong codes. Each is refused and audited (`otp_failed`), and at
// the owner's next successful sign-in a page tells them how many, from which addresses and when,
// advises them to change the password on the account page, and a Continue button takes them on
// to the application. Told once; their own typo in the same sign-in is not an alarm.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgentAt } from '../support/from-address.js';
import { earlyInTimeStep, type AuthenticatorApp } from '../support/authenticator-app.js';
import {
  callbackOf,
  continuePastNotice,
  createPerson,
  firstSignIn,
  isCodePage,
  isSignInNotice,
  signIn,
  submitPassword,
  typeCode,
} from '../support/sign-in.js';

const HOME = '192.0.2.10';
const ATTACKER = '203.0.113.66';
const OTHER = '203.0.113.77';

describe('notice of wrong codes at the next sign-in', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({ TRUST_PROXY: 'true' });
    rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  });
  afterAll(() => twofold.stop());

  interface Person {
    email: string;
    password: string;
  }

  async function codePageAt(address: string, person: Person, params: Record<string, string> = {}) {
    const ua = new UserAgentAt(twofold.url, address);
    const started = await rp.start(params);
    const codePage = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    expect(isCodePage(codePage)).toBe(true);
    return { ua, codePage, started };
  }

  /** Someone with the password types one wrong code, in a sign-in of their own. */
  async function guess(address: string, person: Person, app: AuthenticatorApp) {
    const { ua, codePage } = await codePageAt(address, person);
    expect(isCodePage(await ua.submit(codePage, '/code', { code: await app.wrongCode() }))).toBe(true);
  }

  const failures = async (accountId: string) =>
    (await twofold.audit.list({ accountId })).filter((e) => e.type === 'otp_failed').reverse();

  it('tells the owner how many, from where and when, advises a password change on /account, once', async () => {
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, HOME), rp, person);
    await guess(ATTACKER, person, app);
    await guess(OTHER, person, app);
    await guess(ATTACKER, person, app);
    const [lastFromAttacker, fromOther] = await failures(person.id);
    expect(lastFromAttacker!.ip).toBe(ATTACKER);
    expect(fromOther!.ip).toBe(OTHER);

    const { ua, codePage, started } = await codePageAt(HOME, person);
    const notice = await typeCode(ua, codePage, app);
    expect(notice.leftTo).toBeUndefined();
    expect(isSignInNotice(notice)).toBe(true);
    expect(notice.body).toContain('<h1>Someone who knows your password typed wrong codes</h1>');
    expect(notice.body).toContain(
      'Since you last signed in, someone typed your password and then 3 wrong codes from your authenticator app. Nobody signed in with them.',
    );
    // By address, the most recent first, each with its last time (in the page's zone, named).
    const time = (at: Date) => `<time datetime="${at.toISOString()}">[^<]+ UTC</time>`;
    const escaped = (ip: string) => ip.replaceAll('.', '\\.');
    expect(notice.body).toMatch(
      new RegExp(
        `<li>2 wrong codes from network address ${escaped(ATTACKER)}, the last at ${time(lastFromAttacker!.at)}</li>` +
          `<li>1 wrong code from network address ${escaped(OTHER)}, at ${time(fromOther!.at)}</li>`,
      ),
    );
    expect(notice.body).toContain(
      'If this was not you, someone knows your password. <a href="/account">Change your password on your account page</a> now',
    );
    expect(notice.body).not.toContain('<script');
    const tokens = await rp.finish(callbackOf(await continuePastNotice(ua, notice)), started);
    expect(tokens.claims()!.sub).toBe(person.id);

    // Told once: the sign-in after that goes straight back to the application.
    const again = await signIn(new UserAgentAt(twofold.url, HOME), rp, person, app);
    expect(again.tokens.claims()!.sub).toBe(person.id);
  });

  it('in French when the sign-in is in French', async () => {
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, HOME), rp, person);
    await guess(ATTACKER, person, app);
    const { ua, codePage } = await codePageAt(HOME, person, { ui_locales: 'fr' });
    const notice = await typeCode(ua, codePage, app);
    expect(notice.body).toContain('<html lang="fr">');
    expect(notice.body).toContain('<h1>Quelqu’un qui connaît votre mot de passe a saisi de mauvais codes</h1>');
    expect(notice.body).toContain(
      'Depuis votre dernière connexion, quelqu’un a saisi votre mot de passe puis 1 code erroné de votre application d’authentification.',
    );
    expect(notice.body).toMatch(
      /<li>1 code erroné depuis l’adresse réseau 203\.0\.113\.66, le <time datetime="[^"]+">[^<]+ UTC<\/time><\/li>/,
    );
    expect(notice.body).toContain('<a href="/account">Changez votre mot de passe sur la page de votre compte</a>');
    expect(notice.body).toContain('Continuer</button>');
  });

  it('says nothing of the owner’s own typo within the same sign-in', async () => {
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, HOME), rp, person);
    const { ua, codePage, started } = await codePageAt(HOME, person);
    const typo = await ua.submit(codePage, '/code', { code: await app.wrongCode() });
    expect(typo.body).toContain('That code is not right');
    const done = await typeCode(ua, typo, app);
    expect(isSignInNotice(done)).toBe(false);
    expect((await rp.finish(callbackOf(done), started)).claims()!.sub).toBe(person.id);
  });

  it('with a reused code as well, tells of both on one page', async () => {
    await earlyInTimeStep();
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgentAt(twofold.url, HOME), rp, person);
    await guess(ATTACKER, person, app);
    const { ua: attacker, codePage: attackerPage } = await codePageAt(ATTACKER, person);
    expect((await attacker.submit(attackerPage, '/code', { code: await app.codeAt(app.lastOffered) })).body).toContain(
      'That code was already used',
    );
    const { ua, codePage } = await codePageAt(HOME, person);
    const notice = await typeCode(ua, codePage, app);
    expect(notice.body).toContain('<h1>Someone tried to reuse your code</h1>');
    expect(notice.body).toContain('<h2>Someone who knows your password typed wrong codes</h2>');
    expect(notice.body).toContain('1 wrong code from network address 203.0.113.66');
  });
});
