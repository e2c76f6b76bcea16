// Typing the code as people meet it: a phone that cannot scan its own screen opens the key as an
// otpauth:// link, and a code typed the way the apps show it ("123 456", "123-456") is accepted.
// Real HTTP, the real database.
import { RelyingParty } from '../support/relying-party.js';
import { UserAgent } from '../support/user-agent.js';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import {
  callbackOf,
  createPerson,
  isCodePage,
  isEnrolmentPage,
  saveRecoveryCodes,
  submitPassword,
} from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';

describe('entering the code', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold();
    rp = await RelyingParty.register(twofold, { clientId: 'portal', firstParty: true });
  });
  afterAll(() => twofold.stop());

  it('the enrolment page links the same key as an otpauth:// URI, and codes typed as "123 456" and "123-456" sign in', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const started = await rp.start();
    const enrolment = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    expect(isEnrolmentPage(enrolment)).toBe(true);

    // The link an app opens on the same phone holds exactly the key shown as text.
    const href = /<a href="(otpauth:\/\/[^"]+)">/.exec(enrolment.body)?.[1];
    expect(href).toBeDefined();
    const uri = new URL(href!.replace(/&amp;/g, '&'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    const app = AuthenticatorApp.fromEnrolmentPage(enrolment.body);
    const fromLink = uri.searchParams.get('secret')!;
    expect(fromLink).toMatch(/^[A-Z2-7]{32}$/);
    expect(fromLink).toBe(app.secret);

    // Confirmed with a code as the app shows it, spaced.
    const spaced = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;
    const saved = await saveRecoveryCodes(
      ua,
      await ua.submit(enrolment, '/enroll', { code: spaced(await app.nextCode()) }),
    );
    await rp.finish(callbackOf(saved.visit), started);

    // The next sign-in, with a dash.
    const other = new UserAgent(twofold.url);
    const again = await rp.start();
    const codePage = await submitPassword(other, await other.navigate(again.url), person.email, person.password);
    expect(isCodePage(codePage)).toBe(true);
    const code = await app.nextCode();
    const done = await other.submit(codePage, '/code', { code: `${code.slice(0, 3)}-${code.slice(3)}` });
    expect((await rp.finish(callbackOf(done), again)).claims()?.sub).toBe(person.id);
  });
});
