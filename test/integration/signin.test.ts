// The person's path, over real HTTP, with openid-client as the relying party (code + PKCE):
// first sign-in with enrolment, returning sign-in, what the relying party receives.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgent, parseForms } from '../support/user-agent.js';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import {
  callbackOf,
  createPerson,
  firstSignIn,
  isCodePage,
  isEnrolmentPage,
  isPasswordPage,
  signIn,
  saveRecoveryCodes,
  submitPassword,
  typeCode,
} from '../support/sign-in.js';

describe('two-step sign-in', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({ ISSUER_NAME: 'Acme Login' });
    rp = await RelyingParty.register(twofold, { clientId: 'notes', name: 'Notes', firstParty: true });
  });
  afterAll(() => twofold.stop());

  it('first sign-in: password, then a QR code to link an app, then back at the application with tokens', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const started = await rp.start();

    const passwordPage = await ua.navigate(started.url);
    expect(isPasswordPage(passwordPage)).toBe(true);
    expect(passwordPage.body).toContain('autocomplete="username"');
    expect(passwordPage.body).toContain('autocomplete="current-password"');
    expect(passwordPage.body).toContain(
      `href="/help/authenticator?return=${passwordPage.url.pathname}">Lost your phone?</a>`,
    );
    expect(passwordPage.body).toContain('Notes');

    const enrolment = await submitPassword(ua, passwordPage, person.email, person.password);
    expect(isEnrolmentPage(enrolment)).toBe(true);
    // The QR code is markup drawn by the server; the key is shown in groups of four.
    expect(enrolment.body).toMatch(/<div class="qr" role="img" aria-label="[^"]+"><svg [^>]*viewBox/);
    expect(enrolment.body).toMatch(/<p class="secret" id="secret">([A-Z2-7]{4} ){7}[A-Z2-7]{4}<\/p>/);
    for (const app of [
      'Google Authenticator',
      'Microsoft Authenticator',
      'Duo Mobile',
      'Okta Verify',
      'LastPass Authenticator',
    ]) {
      expect(enrolment.body).toContain(app);
    }
    expect(enrolment.body).toContain('autocomplete="one-time-code"');
    // The secret stays on the server: the form carries only the CSRF token, the code and the app's name.
    const form = parseForms(enrolment.body).find((f) => f.action.endsWith('/enroll'))!;
    expect(Object.keys(form.fields).sort()).toEqual(['code', 'csrf', 'name']);
    const app = AuthenticatorApp.fromEnrolmentPage(enrolment.body);
    expect(enrolment.url.href).not.toContain(app.secret);
    expect(form.fields.csrf).not.toContain(app.secret);

    // Reloading shows the same key (and so the same QR code).
    const reloaded = await ua.navigate(enrolment.url);
    expect(reloaded.body).toBe(enrolment.body);

    // A wrong code enrols nothing.
    const wrong = await ua.submit(enrolment, '/enroll', { code: await app.wrongCode() });
    expect(isEnrolmentPage(wrong)).toBe(true);
    expect(wrong.body).toMatch(/role="alert">That code is not right/);
    expect(await twofold.authenticators.list(person.id)).toEqual([]);

    const { visit: done } = await saveRecoveryCodes(
      ua,
      await ua.submit(wrong, '/enroll', { code: await app.nextCode() }),
    );
    const tokens = await rp.finish(callbackOf(done), started);
    const claims = tokens.claims()!;
    expect(claims.sub).toBe(person.id);
    expect(claims.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(claims.acr).toBe('urn:twofold:acr:pwd+otp');
    const [authenticator] = await twofold.authenticators.list(person.id);
    expect(authenticator?.confirmedAt).toBeInstanceOf(Date);
  });

  it('the ID token is signed with a published key and says who, for whom, how and for which request', async () => {
    const person = await createPerson(twofold);
    const { tokens, started } = await firstSignIn(new UserAgent(twofold.url), rp, person);
    const payload = await rp.verifyIdToken(tokens.id_token!);
    expect(payload).toMatchObject({
      iss: twofold.url,
      aud: 'notes',
      sub: person.id,
      nonce: started.nonce,
      acr: 'urn:twofold:acr:pwd+otp',
      amr: ['pwd', 'otp', 'mfa'],
    });
    expect(typeof payload.auth_time).toBe('number');
    // A token with a changed payload does not verify.
    const [header, , signature] = tokens.id_token!.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payload, sub: 'someone-else' })).toString('base64url');
    await expect(rp.verifyIdToken(`${header}.${forged}.${signature}`)).rejects.toThrow();
  });

  it('userinfo answers with the signed-in person for the access token', async () => {
    const person = await createPerson(twofold);
    const { tokens } = await firstSignIn(new UserAgent(twofold.url), rp, person);
    const userinfo = await rp.userinfo(tokens.access_token, person.id);
    expect(userinfo).toEqual({ sub: person.id, email: person.email });
  });

  it('returning sign-in asks for the code of the linked app, in one field made for one-time codes', async () => {
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgent(twofold.url), rp, person);

    // Another browser: no session, so both factors again, and no enrolment this time.
    const ua = new UserAgent(twofold.url);
    const started = await rp.start();
    const codePage = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    expect(isCodePage(codePage)).toBe(true);
    const input = /<input id="code"[^>]*>/.exec(codePage.body)![0];
    for (const attribute of [
      'autocomplete="one-time-code"',
      'inputmode="numeric"',
      'pattern="[0-9]{3}( |-)?[0-9]{3}"',
      'maxlength="7"',
      'autofocus',
      'name="code"',
    ]) {
      expect(input).toContain(attribute);
    }
    expect(codePage.body).toContain('<label for="code">');
    expect(codePage.body).toContain('Acme Login');
    expect(codePage.body).toContain('Lost your phone?');

    const tokens = await rp.finish(callbackOf(await typeCode(ua, codePage, app)), started);
    expect(tokens.claims()!.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(await twofold.authenticators.list(person.id)).toHaveLength(1);
  });

  it('offline_access with prompt=consent gives a refresh token that refreshes, and rotates', async () => {
    const person = await createPerson(twofold);
    const { tokens } = await firstSignIn(new UserAgent(twofold.url), rp, person, {
      scope: 'openid email offline_access',
      prompt: 'consent',
    });
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await rp.refresh(tokens.refresh_token!);
    expect(refreshed.access_token).toBeTruthy();
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);
    expect(refreshed.claims()?.amr).toEqual(['pwd', 'otp', 'mfa']);
    expect(await rp.userinfo(refreshed.access_token, person.id)).toMatchObject({ sub: person.id });
  });

  it('a rotated refresh token presented again is treated as stolen: the whole grant is revoked', async () => {
    const person = await createPerson(twofold);
    const { tokens } = await firstSignIn(new UserAgent(twofold.url), rp, person, {
      scope: 'openid email offline_access',
      prompt: 'consent',
    });
    const refreshed = await rp.refresh(tokens.refresh_token!);

    await expect(rp.refresh(tokens.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    // The legitimate holder's newer tokens die with the grant.
    await expect(rp.refresh(refreshed.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    await expect(rp.userinfo(refreshed.access_token, person.id)).rejects.toThrow();
  });

  it('the configured issuer name is what the pages call the service', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const page = await submitPassword(ua, await ua.navigate((await rp.start()).url), person.email, person.password);
    expect(page.body).toContain('<title>Set up your authenticator app · Acme Login</title>');
    expect(page.body).toContain('Acme Login asks for a code');
  });

  it('the help page explains setting up the app and what to do when the phone is lost', async () => {
    const help = await new UserAgent(twofold.url).navigate('/help/authenticator');
    expect(help.status).toBe(200);
    for (const text of [
      'Install an authenticator app',
      'scan the QR code',
      'type the key',
      '6-digit code',
      'Lost your phone?',
      'Moving to a new phone',
      'Use a recovery code',
      'Ask your administrator',
    ]) {
      expect(help.body).toContain(text);
    }
    for (const app of [
      'Google Authenticator',
      'Microsoft Authenticator',
      'Duo Mobile',
      'Okta Verify',
      'LastPass Authenticator',
    ])
      expect(help.body).toContain(app);
    expect(help.body).not.toMatch(/<script|style="/);
    expect(help.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('an enrolled person can sign in again right away: each new code is accepted', async () => {
    const person = await createPerson(twofold);
    const { app } = await firstSignIn(new UserAgent(twofold.url), rp, person);
    const again = await signIn(new UserAgent(twofold.url), rp, person, app);
    expect(again.tokens.claims()!.sub).toBe(person.id);
  });
});
