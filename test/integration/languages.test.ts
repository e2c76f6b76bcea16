// A person signs in in their own language, chosen by the relying party (ui_locales), by their
// browser (Accept-Language) or by themselves (the switcher on the page), and every page from the
// password to the account page is in that language only: `<html lang>` says it, and no sentence of
// the English catalogue is left on it. Real HTTP and database; pages read like a browser without script.
import { AuthenticatorApp } from '../support/authenticator-app.js';
import { englishSentencesOn, pageText, stretchesOf, UserAgentSpeaking } from '../support/languages.js';
import { RelyingParty } from '../support/relying-party.js';
import { callbackOf, createPerson, enrol, submitPassword, typeCode } from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { decodeEntities, UserAgent, type Visit } from '../support/user-agent.js';
import type { Locale } from '../../src/i18n/locales.js';
import { CATALOGUES, type MessageKey } from '../../src/i18n/translator.js';

let twofold: RunningTwofold;
let rp: RelyingParty;
beforeAll(async () => {
  twofold = await startTwofold({ BCRYPT_COST: '4' });
  rp = await RelyingParty.register(twofold, { clientId: 'lang-rp', name: 'Acme Notes', firstParty: true });
});
afterAll(() => twofold.stop());

/** The page is in `locale` only: its lang, one of its sentences in that language, no English one. */
function expectOnlyIn(visit: Visit, locale: Locale, key: MessageKey): void {
  expect(visit.status).toBeLessThan(500);
  expect(visit.body).toContain(`<html lang="${locale}">`);
  const words = stretchesOf(CATALOGUES[locale][key]).find((stretch) => stretch.length >= 4);
  expect(pageText(visit.body)).toContain(words);
  expect(englishSentencesOn(visit.body, locale)).toEqual([]);
}

/** The language switcher of a page: the link to `locale`, followed like a person without script would. */
function pickLanguage(ua: UserAgent, page: Visit, locale: Locale): Promise<Visit> {
  const link = new RegExp(`<a href="(/language\\?[^"]*)" lang="${locale}"`).exec(page.body)?.[1];
  if (!link) throw new Error(`no link to ${locale} on ${page.url.href}:\n${page.body}`);
  return ua.navigate(decodeEntities(link));
}

describe.each([
  ['French', 'fr', 'by the relying party’s ui_locales', 'ui_locales'],
  ['German', 'de', 'by the browser’s Accept-Language', 'accept-language'],
  ['Spanish', 'es', 'by the switcher on the page', 'switcher'],
] as const)('a %s sign-in, chosen %s', (_language, locale, _how, how) => {
  it('is in that language only, from the password page to the account page', async () => {
    const person = await createPerson(twofold);
    const ua =
      how === 'accept-language'
        ? new UserAgentSpeaking(twofold.url, 'de-DE,de;q=0.9,en;q=0.5')
        : new UserAgent(twofold.url);

    // First sign-in, at a relying party: password (a wrong one first), enrolment, recovery codes.
    const started = await rp.start(how === 'ui_locales' ? { ui_locales: `pt-BR ${locale}-CA en` } : {});
    let passwordPage = await ua.navigate(started.url);
    if (how === 'switcher') {
      expectOnlyIn(passwordPage, 'en', 'password.title');
      // What the check below would catch: this English page, read as a Spanish one.
      expect(englishSentencesOn(passwordPage.body, 'es')).toEqual(
        expect.arrayContaining(['to continue to', 'Lost your phone?']),
      );
      passwordPage = await pickLanguage(ua, passwordPage, locale);
    }
    expectOnlyIn(passwordPage, locale, 'password.to_continue');
    const wrong = await submitPassword(ua, passwordPage, person.email, 'not the password at all');
    expectOnlyIn(wrong, locale, 'password.wrong');
    const enrolment = await submitPassword(ua, wrong, person.email, person.password);
    expectOnlyIn(enrolment, locale, 'enroll.intro');
    const wrongCode = await ua.submit(enrolment, '/enroll', { code: '000000' });
    expectOnlyIn(wrongCode, locale, 'enroll.wrong');
    const codes = await ua.submit(enrolment, '/enroll', {
      code: await AuthenticatorApp.fromEnrolmentPage(enrolment.body).nextCode(),
    });
    expectOnlyIn(codes, locale, 'codes.why');
    const back = await ua.submit(codes, '/recovery-codes', {}, 'continue');
    await rp.finish(callbackOf(back), started);

    // The account page, after a sign-in of its own (the provider's session answers it at once).
    const account = await ua.navigate('/account');
    expectOnlyIn(account, locale, 'account.codes.heading');
    expect(account.body).toContain(CATALOGUES[locale]['account.app.default_name']);

    // The help page and the sign-out confirmation stay in it too.
    expectOnlyIn(await ua.navigate('/help/authenticator'), locale, 'help.intro');
    const signOut = await ua.submit(account, '/account/sign-out');
    expectOnlyIn(signOut, locale, 'logout.message');
  });

  it('asks for the code in that language at the next sign-in', async () => {
    const person = await createPerson(twofold);
    const ua = how === 'accept-language' ? new UserAgentSpeaking(twofold.url, 'de') : new UserAgent(twofold.url);
    const params: Record<string, string> = how === 'ui_locales' ? { ui_locales: locale } : {};
    let first = await ua.navigate((await rp.start(params)).url);
    if (how === 'switcher') first = await pickLanguage(ua, first, locale);
    const { app } = await enrol(ua, await submitPassword(ua, first, person.email, person.password));

    const again = await rp.start({ ...params, prompt: 'login' });
    const codePage = await submitPassword(ua, await ua.navigate(again.url), person.email, person.password);
    expectOnlyIn(codePage, locale, 'code.intro');
    const wrong = await ua.submit(codePage, '/code', { code: '12345x' });
    expectOnlyIn(wrong, locale, 'code.malformed');
    const recovery = await ua.navigate(new URL(`${codePage.url.pathname}/recovery`, twofold.url));
    expectOnlyIn(recovery, locale, 'recovery.effect');
    await rp.finish(callbackOf(await typeCode(ua, codePage, app)), again);
  });
});

describe('choosing the language', () => {
  it('lets a pick on the page win over the relying party’s ui_locales, for the rest of that sign-in', async () => {
    const ua = new UserAgent(twofold.url);
    const started = await rp.start({ ui_locales: 'fr' });
    const french = await ua.navigate(started.url);
    expect(french.body).toContain('<html lang="fr">');
    const german = await pickLanguage(ua, french, 'de');
    expectOnlyIn(german, 'de', 'password.to_continue');
    expect(german.url.pathname).toBe(french.url.pathname);
    // A new sign-in where the relying party asks for French again: its request is newer.
    expect((await ua.navigate((await rp.start({ ui_locales: 'fr' })).url)).body).toContain('<html lang="fr">');
  });

  it('falls back from languages we do not have to Accept-Language, then DEFAULT_LOCALE', async () => {
    const started = await rp.start({ ui_locales: 'ja pt' });
    const german = await new UserAgentSpeaking(twofold.url, 'ja, de-AT;q=0.8').navigate(started.url);
    expect(german.body).toContain('<html lang="de">');
    const other = await startTwofold({ BCRYPT_COST: '4', DEFAULT_LOCALE: 'es' });
    try {
      const page = await new UserAgentSpeaking(other.url, 'ja').navigate('/help/authenticator');
      expectOnlyIn(page, 'es', 'help.intro');
    } finally {
      await other.stop();
    }
  });

  it('sends the switcher back only to a page of this site', async () => {
    const ua = new UserAgent(twofold.url);
    for (const target of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const response = await ua.fetch(
        new URL(`/language?${new URLSearchParams({ lang: 'fr', return: target }).toString()}`, twofold.url),
      );
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe('/');
    }
    const back = await ua.fetch(
      new URL(
        `/language?${new URLSearchParams({ lang: 'klingon', return: '/help/authenticator' }).toString()}`,
        twofold.url,
      ),
    );
    expect(back.headers.get('location')).toBe('/help/authenticator');
    // An unknown language is not remembered; French, asked for before, still is.
    expect(ua.cookieValue('/', 'twofold.lang')).toBe('fr');
  });

  it('shows oidc-provider’s error page in the language of the request', async () => {
    const url = new URL('/auth', twofold.url);
    url.search = new URLSearchParams({
      client_id: 'no-such-client',
      ui_locales: 'de',
      response_type: 'code',
    }).toString();
    const page = await new UserAgent(twofold.url).navigate(url);
    expect(page.status).toBe(400);
    expectOnlyIn(page, 'de', 'provider.error.invalid_client');
  });

  it('tells relying parties which languages the pages speak, in discovery', async () => {
    const discovery = (await (await fetch(`${twofold.url}/.well-known/openid-configuration`)).json()) as {
      ui_locales_supported?: string[];
    };
    expect(discovery.ui_locales_supported).toEqual(['en', 'fr', 'de', 'es']);
  });
});
