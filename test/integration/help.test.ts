// The help page a person opens from "Lost your phone?": what to tap in each app we name, what to do
// when codes are refused, when the phone is replaced or lost, who to ask (the deployment's support
// contact), and the way back to the sign-in they came from. Real HTTP, as a browser without script.
import { englishSentencesOn, pageText, UserAgentSpeaking } from '../support/languages.js';
import { generateTotpSecret } from '../../src/mfa/totp-app/totp.js';
import { createPerson, submitPassword } from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { decodeEntities, UserAgent, type Visit } from '../support/user-agent.js';

const SUPPORT = { SUPPORT_URL: 'https://desk.example.com/sign-in', SUPPORT_EMAIL: 'it-help@example.com' };

/** The href of the link whose text is `text` on a page. */
function linkTo(visit: Visit, text: string): string | undefined {
  for (const [, href, inner] of visit.body.matchAll(/<a href="([^"]*)"[^>]*>([\s\S]*?)<\/a>/g))
    if (decodeEntities(inner!.replace(/<[^>]+>/g, '')).trim() === text) return decodeEntities(href!);
  return undefined;
}

describe('the help page of a deployment with a support contact', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold({
      BCRYPT_COST: '4',
      ISSUER_NAME: 'Acme Sign-in',
      RATE_LIMIT_CODE_PER_ACCOUNT: '2',
      ...SUPPORT,
    });
  });
  afterAll(() => twofold.stop());

  it('walks through each app by the names of its own buttons', async () => {
    const help = await new UserAgent(twofold.url).navigate('/help/authenticator');
    expect(help.status).toBe(200);
    const text = pageText(help.body);
    for (const app of [
      'Google Authenticator',
      'Microsoft Authenticator',
      'Duo Mobile',
      'Okta Verify',
      'LastPass Authenticator',
    ])
      expect(help.body).toContain(`<h3>${app}</h3>`);
    // The choices people get wrong in Microsoft Authenticator and Okta Verify.
    expect(text).toContain('Other account (Google, Facebook, etc.)');
    expect(text).toContain('not “Work or school account”');
    expect(text).toContain('choose Other as the account type, not “Organization”');
    expect(text).toContain('Enter a setup key');
  });

  it('says what to do when codes are refused, when the phone is replaced and when it is lost', async () => {
    const text = pageText((await new UserAgent(twofold.url).navigate('/help/authenticator')).body);
    expect(text).toContain('Settings › General › Date & Time');
    expect(text).toContain('Set time automatically');
    expect(text).toContain('a new code every 30 seconds');
    // Several apps per account: the new phone is added on the account page, then the old one removed.
    expect(text).toContain('choose “Add another app”, scan the QR code shown with the new phone');
    expect(text).toContain('remove the old phone’s app: its codes stop working at once');
    expect(text).not.toContain('Until Acme Sign-in can hold a second phone');
    expect(linkTo(await new UserAgent(twofold.url).navigate('/help/authenticator'), 'account page')).toBe('/account');
    expect(text).toContain('delete the Acme Sign-in entry');
    expect(text).toContain('send you a set-up link');
  });

  it('names the support contact on the help page and on error pages, in the page’s language', async () => {
    const help = await new UserAgent(twofold.url).navigate('/help/authenticator');
    expect(linkTo(help, 'contact support')).toBe(SUPPORT.SUPPORT_URL);
    expect(linkTo(help, SUPPORT.SUPPORT_EMAIL)).toBe(`mailto:${SUPPORT.SUPPORT_EMAIL}`);

    // An expired sign-in is an error page: the contact is there too.
    const expired = await new UserAgent(twofold.url).navigate('/interaction/no-such-sign-in');
    expect(expired.status).toBe(400);
    expect(linkTo(expired, 'contact support')).toBe(SUPPORT.SUPPORT_URL);

    const french = await new UserAgentSpeaking(twofold.url, 'fr').navigate('/interaction/no-such-sign-in');
    expect(linkTo(french, 'contactez l’assistance')).toBe(SUPPORT.SUPPORT_URL);
    expect(englishSentencesOn(french.body, 'fr')).toEqual([]);
  });

  it('names the support contact on the page of a locked app', async () => {
    const person = await createPerson(twofold);
    await twofold.authenticators.enroll(person.id, 'Phone', generateTotpSecret(), 0);
    const ua = new UserAgent(twofold.url);
    let page = await submitPassword(ua, await ua.navigate('/account'), person.email, person.password);
    for (let attempt = 0; attempt < 3 && !page.body.includes('Your authenticator app is locked'); attempt++)
      page = await ua.submit(page, '/code', { code: '000000' });
    expect(page.body).toContain('<h1>Your authenticator app is locked</h1>');
    expect(linkTo(page, 'contact support')).toBe(SUPPORT.SUPPORT_URL);
    expect(linkTo(page, SUPPORT.SUPPORT_EMAIL)).toBe(`mailto:${SUPPORT.SUPPORT_EMAIL}`);
  });

  it('leads back to the sign-in the person came from', async () => {
    const ua = new UserAgent(twofold.url);
    const password = await ua.navigate('/account');
    const step = password.url.pathname;
    expect(step).toMatch(/^\/interaction\/[A-Za-z0-9_-]+$/);
    const lost = linkTo(password, 'Lost your phone?');
    expect(lost).toBe(`/help/authenticator?return=${step}`);

    const help = await ua.navigate(lost!);
    expect(linkTo(help, 'Back to sign-in')).toBe(step);
    // Back on the same sign-in, at the step it was at.
    const back = await ua.navigate(step);
    expect(back.status).toBe(200);
    expect(back.body).toContain('name="password"');

    // The language switcher of the help page keeps the way back.
    const german = decodeEntities(/<a href="(\/language\?[^"]*)" lang="de"/.exec(help.body)![1]!);
    const inGerman = await ua.navigate(german);
    expect(inGerman.url.pathname + inGerman.url.search).toBe(`/help/authenticator?return=${step}`);
    expect(linkTo(inGerman, 'Zurück zur Anmeldung')).toBe(step);
    expect(englishSentencesOn(inGerman.body, 'de')).toEqual([]);
  });

  it('leads back to the account page from the account page', async () => {
    const help = await new UserAgent(twofold.url).navigate('/help/authenticator?return=/account');
    expect(linkTo(help, 'Back to your account')).toBe('/account');
  });

  it.each([
    'https://evil.example/phish',
    '//evil.example/phish',
    '/\\evil.example',
    'javascript:alert(1)',
    '/interaction/abc?next=https://evil.example',
    '/interaction/../admin',
    '/static/style.css',
  ])('offers no way "back" to %s', async (target) => {
    const help = await new UserAgent(twofold.url).navigate(`/help/authenticator?return=${encodeURIComponent(target)}`);
    expect(help.status).toBe(200);
    expect(linkTo(help, 'Back to sign-in')).toBeUndefined();
    expect(linkTo(help, 'Back to your account')).toBeUndefined();
    expect(help.body).not.toContain('evil.example');
  });
});

describe('the help page of a deployment without a support contact', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold({ BCRYPT_COST: '4', ISSUER_NAME: 'Acme Sign-in' });
  });
  afterAll(() => twofold.stop());

  it('tells people to ask the administrator, in each language', async () => {
    const english = pageText((await new UserAgent(twofold.url).navigate('/help/authenticator')).body);
    expect(english).toContain('Ask the administrator of Acme Sign-in');
    expect(english).not.toContain('contact support');
    for (const locale of ['fr', 'de', 'es'] as const) {
      const page = await new UserAgentSpeaking(twofold.url, locale).navigate('/help/authenticator');
      expect(page.body).toContain(`<html lang="${locale}">`);
      expect(englishSentencesOn(page.body, locale)).toEqual([]);
    }
  });
});
