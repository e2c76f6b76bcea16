// Consent: third-party applications ask, in plain words, with Allow and Deny; our own do not ask.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgent } from '../support/user-agent.js';
import { callbackOf, createPerson, enrol, firstSignIn, isConsentPage, submitPassword } from '../support/sign-in.js';

describe('consent', () => {
  let twofold: RunningTwofold;
  let own: RelyingParty;
  let partner: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold();
    own = await RelyingParty.register(twofold, { clientId: 'own-app', firstParty: true });
    partner = await RelyingParty.register(twofold, {
      clientId: 'partner',
      name: 'Partner <script>alert(1)</script> Reports',
    });
  });
  afterAll(() => twofold.stop());

  async function signInTo(rp: RelyingParty, params: Record<string, string> = {}) {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const started = await rp.start({ scope: 'openid email profile', ...params });
    const enrolment = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    const { visit } = await enrol(ua, enrolment);
    return { person, ua, started, visit };
  }

  it('a third-party application shows its name and the requested access in plain words; Allow returns a code', async () => {
    const { person, ua, started, visit } = await signInTo(partner);
    expect(isConsentPage(visit)).toBe(true);
    // The client name is shown as text, never as markup.
    expect(visit.body).toContain('Allow Partner &lt;script&gt;alert(1)&lt;/script&gt; Reports to use your account?');
    expect(visit.body).not.toContain('<script>');
    expect(visit.body).toContain(person.email);
    for (const words of ['Know who you are when you sign in', 'See your email address', 'See your name'])
      expect(visit.body).toContain(words);

    const allowed = await ua.submit(visit, '/consent', {}, 'allow');
    const tokens = await partner.finish(callbackOf(allowed), started);
    expect(tokens.claims()).toMatchObject({ sub: person.id, amr: ['pwd', 'otp', 'mfa'] });
    expect(await partner.userinfo(tokens.access_token, person.id)).toMatchObject({ email: person.email });

    // Granted once: the next authorization in this browser shows no page.
    const again = await partner.start({ scope: 'openid email profile' });
    expect(callbackOf(await ua.navigate(again.url)).searchParams.get('code')).toBeTruthy();
  });

  it('Deny returns access_denied to the application, with no code', async () => {
    const { ua, visit } = await signInTo(partner);
    const denied = await ua.submit(visit, '/consent', {}, 'deny');
    const callback = callbackOf(denied);
    expect(callback.origin + callback.pathname).toBe(partner.redirectUri);
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expect(callback.searchParams.get('code')).toBeNull();
  });

  it('a first-party application is granted what it asks without a consent page', async () => {
    const person = await createPerson(twofold);
    const { tokens } = await firstSignIn(new UserAgent(twofold.url), own, person, { scope: 'openid email profile' });
    expect(tokens.scope?.split(' ').sort()).toEqual(['email', 'openid', 'profile']);
  });
});
