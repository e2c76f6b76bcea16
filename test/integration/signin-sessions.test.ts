// Sessions after the two-step sign-in: single sign-on, asking again (prompt=login, max_age),
// logout, an administrator's reset, a disabled account, and a session that only has the password.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgent } from '../support/user-agent.js';
import {
  callbackOf,
  createPerson,
  enrol,
  firstSignIn,
  isCodePage,
  isEnrolmentPage,
  isPasswordPage,
  submitPassword,
  typeCode,
} from '../support/sign-in.js';

describe('sessions after a two-step sign-in', () => {
  let twofold: RunningTwofold;
  let notes: RelyingParty;
  let calendar: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold();
    notes = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
    calendar = await RelyingParty.register(twofold, { clientId: 'calendar', firstParty: true, isPublic: true });
  });
  afterAll(() => twofold.stop());

  it('a second application in the same browser gets its code with no page shown', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    await firstSignIn(ua, notes, person);

    const started = await calendar.start();
    const visit = await ua.navigate(started.url);
    // Only redirects: `leftTo` is set only when no page was answered on the way.
    const tokens = await calendar.finish(callbackOf(visit), started);
    expect(tokens.claims()).toMatchObject({ sub: person.id, aud: 'calendar', amr: ['pwd', 'otp', 'mfa'] });
  });

  it('prompt=login asks for both factors again, and the new login is newer', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const { app, tokens: first } = await firstSignIn(ua, notes, person);
    await new Promise((resolve) => setTimeout(resolve, 1100));

    const started = await notes.start({ prompt: 'login' });
    const passwordPage = await ua.navigate(started.url);
    expect(isPasswordPage(passwordPage)).toBe(true);
    const codePage = await submitPassword(ua, passwordPage, person.email, person.password);
    expect(isCodePage(codePage)).toBe(true);
    const tokens = await notes.finish(callbackOf(await typeCode(ua, codePage, app)), started);
    expect(tokens.claims()!.auth_time).toBeGreaterThan(first.claims()!.auth_time!);
  });

  it('an exceeded max_age asks for both factors again; a fresh enough session does not', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const { app } = await firstSignIn(ua, notes, person);

    const fresh = await notes.start({ max_age: '3600' });
    await notes.finish(callbackOf(await ua.navigate(fresh.url)), fresh);

    await new Promise((resolve) => setTimeout(resolve, 2100));
    const stale = await notes.start({ max_age: '1' });
    const passwordPage = await ua.navigate(stale.url);
    expect(isPasswordPage(passwordPage)).toBe(true);
    const codePage = await submitPassword(ua, passwordPage, person.email, person.password);
    const tokens = await notes.finish(callbackOf(await typeCode(ua, codePage, app)), stale);
    expect(Date.now() / 1000 - tokens.claims()!.auth_time!).toBeLessThan(5);
  });

  it('logout asks for confirmation, ends the session, returns to the registered URI; the next sign-in asks for both factors', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const { app, tokens } = await firstSignIn(ua, notes, person);

    const confirm = await ua.navigate(notes.logoutUrl(tokens.id_token!));
    expect(confirm.status).toBe(200);
    expect(confirm.body).toContain('Sign out?');
    const out = await ua.submit(confirm, '/session/end/confirm', {}, 'yes');
    expect(out.leftTo?.href).toBe(notes.postLogoutRedirectUri);

    const started = await notes.start();
    const passwordPage = await ua.navigate(started.url);
    expect(isPasswordPage(passwordPage)).toBe(true);
    const codePage = await submitPassword(ua, passwordPage, person.email, person.password);
    expect(isCodePage(codePage)).toBe(true);
    await notes.finish(callbackOf(await typeCode(ua, codePage, app)), started);
  });

  it('after an administrator resets the app link and ends the sessions, the next sign-in with the set-up link enrols again', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const { tokens } = await firstSignIn(ua, notes, person, { scope: 'openid offline_access', prompt: 'consent' });

    // What `twofold user reset-mfa` does.
    const { removed, link } = await twofold.enrolments.reset(person.id);
    expect(removed).toBe(1);
    await twofold.protocolStore.revokeAccount(person.id);

    await expect(notes.refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The person opens the link the command printed, then signs in to the application.
    expect((await ua.navigate(`/setup?token=${link.token}`)).status).toBe(200);
    const started = await notes.start();
    const passwordPage = await ua.navigate(started.url);
    expect(isPasswordPage(passwordPage)).toBe(true);
    const enrolment = await submitPassword(ua, passwordPage, person.email, person.password);
    expect(isEnrolmentPage(enrolment)).toBe(true);
    const { visit } = await enrol(ua, enrolment);
    expect((await notes.finish(callbackOf(visit), started)).claims()!.sub).toBe(person.id);
    expect(await twofold.authenticators.list(person.id)).toHaveLength(1);
  });

  it('a disabled account loses its single sign-on: the browser is asked to sign in, and cannot', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    await firstSignIn(ua, notes, person);
    await twofold.accounts.disable(person.email);

    const passwordPage = await ua.navigate((await calendar.start()).url);
    expect(isPasswordPage(passwordPage)).toBe(true);
    const refused = await submitPassword(ua, passwordPage, person.email, person.password);
    expect(isPasswordPage(refused)).toBe(true);
    expect(refused.body).toContain('That email and password do not match');
  });

  it('a session that has only passed the password never yields a code', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    await firstSignIn(new UserAgent(twofold.url), notes, person);

    const started = await notes.start();
    const passwordPage = await ua.navigate(started.url);
    const codePage = await submitPassword(ua, passwordPage, person.email, person.password);
    expect(isCodePage(codePage)).toBe(true);

    // Resuming the authorization without the code: oidc-provider asks for a login again.
    const resumeUrl = passwordPage.history
      .find((url) => url.pathname.startsWith('/interaction/'))!
      .pathname.replace('/interaction/', '/auth/');
    const resumed = await ua.navigate(resumeUrl);
    expect(resumed.leftTo).toBeUndefined();
    expect(isPasswordPage(resumed)).toBe(true);

    // Starting over at /auth, or asking with prompt=none: still no code.
    const again = await ua.navigate(started.url);
    expect(again.leftTo).toBeUndefined();
    expect(isPasswordPage(again)).toBe(true);
    const silent = await notes.start({ prompt: 'none' });
    const answer = await ua.navigate(silent.url);
    expect(answer.leftTo?.searchParams.get('error')).toBe('login_required');
    expect(answer.leftTo?.searchParams.get('code')).toBeNull();

    // The old interaction is over: its page says so, without a stack trace.
    const old = await ua.navigate(codePage.url);
    expect(old.status).toBe(400);
    expect(old.body).toContain('This sign-in has expired');
  });
});
