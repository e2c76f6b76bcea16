// A person runs their own security from /account: every change needs both factors within
// ACCOUNT_REAUTH_WINDOW (or the page asks for them first, then brings the person back to the form);
// they see where they are signed in and end any session, which ends its tokens; they see the
// applications they let in and revoke one, which ends its refresh tokens; a new set of recovery
// codes replaces the old one exactly once, together with its audit row. Real HTTP, the real
// database, the protocol state in the database and then in Redis.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgentAt } from '../support/from-address.js';
import { decodeEntities, type Visit } from '../support/user-agent.js';
import type { AuthenticatorApp } from '../support/authenticator-app.js';
import { testTime } from '../support/clock.js';
import {
  callbackOf,
  createPerson,
  enrol,
  isCodePage,
  isConsentPage,
  isPasswordPage,
  recoveryCodesOn,
  submitPassword,
  typeCode,
} from '../support/sign-in.js';
import { TEST_REDIS_URL as REDIS_URL } from '../support/databases.js';
import { LogCapture } from '../support/log-capture.js';
import { allowAuditRows, refuseAuditRows } from '../support/audit-refusal.js';
import { PORTAL_SESSION_MODEL } from '../../src/portal/session.js';

const FIREFOX_ON_LINUX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_ON_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const NEW_PASSWORD = 'a brand new passphrase for the spring 9';
const ELEVEN_MINUTES = 11 * 60 * 1000;

let addresses = 0;
const newAddress = () => `203.0.113.${++addresses}`;

/** A browser on its own network address, saying what it is in its User-Agent header. */
class Browser extends UserAgentAt {
  constructor(
    issuer: string,
    readonly userAgent: string,
  ) {
    super(issuer, newAddress());
  }

  override fetch(url: URL, init: RequestInit = {}): Promise<Response> {
    return super.fetch(url, {
      ...init,
      headers: { ...(init.headers as Record<string, string> | undefined), 'user-agent': this.userAgent },
    });
  }
}

const heading = (visit: Visit) => decodeEntities(/<h1>([\s\S]*?)<\/h1>/.exec(visit.body)?.[1]?.trim() ?? '');
const isAccountPage = (visit: Visit) => visit.url.pathname === '/account' && heading(visit) === 'Your account';
const notice = (visit: Visit) => decodeEntities(/id="account-notice"[^>]*>([^<]*)</.exec(visit.body)?.[1] ?? '');
/** The sessions the page lists, as "Browser on System @ address", "(this)" for this browser's. */
const sessionsOn = (visit: Visit) =>
  [
    ...visit.body.matchAll(
      /<li class="session"( id="this-session")?>\s*<p><strong[^>]*>([^<]*)<\/strong>[\s\S]*?<dd>([^<]*)<\/dd>/g,
    ),
  ].map((m) => `${decodeEntities(m[2]!)} @ ${m[3]!}${m[1] ? ' (this)' : ''}`);
const sessionUidsOn = (visit: Visit) => [...visit.body.matchAll(/name="session" value="([^"]+)"/g)].map((m) => m[1]!);

describe.each([
  ['the database', {}],
  ['Redis', { REDIS_URL }],
])('the account page, protocol state in %s', (store, env: Record<string, string>) => {
  let twofold: RunningTwofold;
  let notes: RelyingParty;
  // The audit trail's log lines (info), beside its rows.
  const log = new LogCapture();
  beforeAll(async () => {
    twofold = await startTwofold({ TRUST_PROXY: 'true', BCRYPT_COST: '4', LOG_LEVEL: 'info', ...env }, { logTo: log });
    // A third-party application: the person is asked for consent, and it gets refresh tokens.
    notes = await RelyingParty.register(twofold, { clientId: 'notes', name: 'Acme Notes' });
  });
  afterAll(() => twofold.stop());

  const events = async (accountId: string, type: string) =>
    (await twofold.audit.list({ accountId })).filter((e) => e.type === type);

  /** The phone signs in to Notes for the first time (enrolling the app) and allows it, with a refresh token. */
  async function phoneUsesNotes() {
    const person = await createPerson(twofold);
    const phone = new Browser(twofold.url, SAFARI_ON_IPHONE);
    const started = await notes.start({ scope: 'openid email offline_access', prompt: 'consent' });
    const enrolled = await enrol(
      phone,
      await submitPassword(phone, await phone.navigate(started.url), person.email, person.password),
    );
    expect(isConsentPage(enrolled.visit)).toBe(true);
    const allowed = await phone.submit(enrolled.visit, '/consent', {}, 'allow');
    const tokens = await notes.finish(callbackOf(allowed), started);
    expect(tokens.refresh_token).toBeDefined();
    return {
      person,
      phone,
      app: enrolled.app,
      refreshToken: tokens.refresh_token!,
      recoveryCodes: enrolled.recoveryCodes,
    };
  }

  /** Both factors on /account in a browser of its own. */
  async function laptopOnAccount(person: { email: string; password: string }, app: AuthenticatorApp) {
    const laptop = new Browser(twofold.url, FIREFOX_ON_LINUX);
    const page = await typeCode(
      laptop,
      await submitPassword(laptop, await laptop.navigate('/account'), person.email, person.password),
      app,
    );
    expect(isAccountPage(page)).toBe(true);
    return { laptop, page };
  }

  /** Whether `browser` is still signed in at the provider: Notes' next sign-in skips the password. */
  async function signedIn(browser: Browser): Promise<boolean> {
    const next = await browser.navigate((await notes.start()).url);
    return !isPasswordPage(next);
  }

  describe('a change needs both factors within ACCOUNT_REAUTH_WINDOW', () => {
    it('says so on the page, and a password change after the window asks for both factors, then returns to the form', async () => {
      const { person, app } = await phoneUsesNotes();
      const { laptop, page } = await laptopOnAccount(person, app);
      expect(page.body).toContain('need a sign-in with your password and your app within the last 10 minutes');

      await testTime.pass(ELEVEN_MINUTES);
      const asked = await laptop.submit(page, '/account/password', {
        current_password: person.password,
        new_password: NEW_PASSWORD,
        confirm_password: NEW_PASSWORD,
      });
      // Through the provider's authorization endpoint with prompt=login: the password, then the code.
      expect(asked.history.some((u) => u.pathname === '/auth' && u.searchParams.get('prompt') === 'login')).toBe(true);
      expect(isPasswordPage(asked)).toBe(true);
      const codePage = await submitPassword(laptop, asked, person.email, person.password);
      expect(isCodePage(codePage)).toBe(true);
      const back = await typeCode(laptop, codePage, app);
      // Back on the page, at the form it came from; the POST was not replayed.
      expect(isAccountPage(back)).toBe(true);
      expect(back.url.hash).toBe('#password-heading');
      expect(notice(back)).toBe('You signed in again with both steps. You can make your change now.');
      expect(await events(person.id, 'password_changed')).toEqual([]);

      // Within the window now: the change goes through.
      const changed = await laptop.submit(back, '/account/password', {
        current_password: person.password,
        new_password: NEW_PASSWORD,
        confirm_password: NEW_PASSWORD,
      });
      expect(changed.body).toContain('Your password was changed.');
    });

    it("a silent sign-in on a provider session signed in before the window counts from that session's sign-in", async () => {
      const { person, app } = await phoneUsesNotes();
      const phones = (await twofold.protocolStore.listByAccount('Session', person.id)).map((s) => s.payload.uid);
      const { laptop } = await laptopOnAccount(person, app);
      // The laptop's provider session signed in eleven minutes ago (oidc-provider keeps real time).
      const sessions = twofold.protocolStore.adapter('Session');
      const laptops = (await twofold.protocolStore.listByAccount('Session', person.id)).find(
        (s) => !phones.includes(s.payload.uid),
      )!;
      const loginTs = Number(laptops.payload.loginTs) - ELEVEN_MINUTES / 1000;
      await sessions.upsert(laptops.id, { ...laptops.payload, loginTs }, 3600);
      // Its account page ends (as after an hour); the next visit signs in again without asking.
      const portal = twofold.protocolStore.adapter(PORTAL_SESSION_MODEL);
      for (const { id } of await twofold.protocolStore.listByAccount(PORTAL_SESSION_MODEL, person.id))
        await portal.destroy(id);
      const page = await laptop.navigate('/account');
      expect(isAccountPage(page)).toBe(true);
      expect(page.history.some((u) => u.pathname === '/account/callback')).toBe(true);

      const asked = await laptop.submit(page, '/account/password', {
        current_password: person.password,
        new_password: NEW_PASSWORD,
        confirm_password: NEW_PASSWORD,
      });
      expect(isPasswordPage(asked)).toBe(true);
      const back = await typeCode(laptop, await submitPassword(laptop, asked, person.email, person.password), app);
      expect(back.url.hash).toBe('#password-heading');
      expect(await events(person.id, 'password_changed')).toEqual([]);
    });

    it('ending a session or revoking an app after the window ends nothing before both factors', async () => {
      const { person, phone, app, refreshToken } = await phoneUsesNotes();
      const { laptop, page } = await laptopOnAccount(person, app);
      await testTime.pass(ELEVEN_MINUTES);

      const asked = await laptop.submit(page, '/account/sessions/end', { session: sessionUidsOn(page)[0]! });
      expect(isPasswordPage(asked)).toBe(true);
      expect(await signedIn(phone)).toBe(true);
      const back = await typeCode(laptop, await submitPassword(laptop, asked, person.email, person.password), app);
      expect(back.url.hash).toBe('#sessions-heading');
      expect(sessionsOn(back)).toHaveLength(2);

      await testTime.pass(ELEVEN_MINUTES);
      const askedToo = await laptop.submit(back, '/account/apps/revoke');
      expect(isPasswordPage(askedToo)).toBe(true);
      await expect(notes.refresh(refreshToken)).resolves.toHaveProperty('refresh_token');
      const backToo = await typeCode(
        laptop,
        await submitPassword(laptop, askedToo, person.email, person.password),
        app,
      );
      expect(backToo.url.hash).toBe('#apps-heading');
      expect(backToo.body).toMatch(/<strong id="app-0">Acme Notes<\/strong>/);
      expect(await events(person.id, 'sessions_ended')).toEqual([]);
      expect(await events(person.id, 'connected_app_revoked')).toEqual([]);
    });
  });

  describe('where the account is signed in', () => {
    it('lists each browser with its browser, system and address, and marks this one', async () => {
      const { person, phone, app } = await phoneUsesNotes();
      const { laptop, page } = await laptopOnAccount(person, app);
      expect(sessionsOn(page)).toEqual([
        `Firefox on Linux @ ${laptop.address} (this)`,
        `Safari on iOS @ ${phone.address}`,
      ]);
      // Times are shown with their zone; no protocol values.
      expect(page.body).toMatch(/<time datetime="[^"]+">[^<]*(UTC|GMT)[^<]*<\/time>/);
      expect(page.body).not.toMatch(/pwd otp|urn:twofold/);
      // Nothing to end on this browser's own entry: signing out is the button for that.
      expect(sessionUidsOn(page)).toHaveLength(1);
    });

    it('ending another session signs that browser out and its refresh token fails', async () => {
      const { person, phone, app, refreshToken } = await phoneUsesNotes();
      // The phone has the account page open too.
      expect(isAccountPage(await phone.navigate('/account'))).toBe(true);
      const { laptop, page } = await laptopOnAccount(person, app);

      // Without the page's CSRF token (another site's form): refused, nothing ended.
      for (const path of ['/account/sessions/end', '/account/sessions/end-others', '/account/apps/revoke']) {
        const forged = await laptop.post(path, { csrf: 'forged', session: sessionUidsOn(page)[0]!, client: 'notes' });
        expect(forged.status).toBe(403);
      }
      const rotated = (await notes.refresh(refreshToken)).refresh_token!;
      expect(await signedIn(phone)).toBe(true);

      const ended = await laptop.submit(page, '/account/sessions/end');
      expect(isAccountPage(ended)).toBe(true);
      expect(ended.url.hash).toBe('#sessions-heading');
      expect(notice(ended)).toContain('That session has ended.');
      expect(sessionsOn(ended)).toEqual([`Firefox on Linux @ ${laptop.address} (this)`]);

      await expect(notes.refresh(rotated)).rejects.toMatchObject({ error: 'invalid_grant' });
      expect(await signedIn(phone)).toBe(false);
      expect(heading(await phone.navigate('/account'))).toBe('Sign in');
      expect(await signedIn(laptop)).toBe(true);
      expect(await events(person.id, 'sessions_ended')).toEqual([
        expect.objectContaining({ ip: laptop.address, detail: { source: 'account_page', which: 'one', count: 1 } }),
      ]);
    });

    it('"Sign out everywhere else" ends every other session and keeps this one', async () => {
      const { person, phone, app, refreshToken } = await phoneUsesNotes();
      const tablet = new Browser(twofold.url, SAFARI_ON_IPHONE);
      await typeCode(
        tablet,
        await submitPassword(tablet, await tablet.navigate('/account'), person.email, person.password),
        app,
      );
      const { laptop, page } = await laptopOnAccount(person, app);
      expect(sessionsOn(page)).toHaveLength(3);

      const ended = await laptop.submit(page, '/account/sessions/end-others');
      expect(notice(ended)).toBe('You are now signed out everywhere else. Only this browser is still signed in.');
      expect(ended.body).toContain('You are not signed in anywhere else.');
      expect(await signedIn(phone)).toBe(false);
      expect(await signedIn(tablet)).toBe(false);
      expect(await signedIn(laptop)).toBe(true);
      await expect(notes.refresh(refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
      expect(await events(person.id, 'sessions_ended')).toEqual([
        expect.objectContaining({ detail: { source: 'account_page', which: 'others', count: 2 } }),
      ]);
    });

    it('cannot end a session of another account', async () => {
      const mine = await phoneUsesNotes();
      const theirs = await phoneUsesNotes();
      const [their] = await twofold.protocolStore.listByAccount('Session', theirs.person.id);
      const { laptop, page } = await laptopOnAccount(mine.person, mine.app);
      const refused = await laptop.submit(page, '/account/sessions/end', { session: String(their!.payload.uid) });
      expect(notice(refused)).toBe('That session had already ended. Nothing was changed.');
      expect(await signedIn(theirs.phone)).toBe(true);
      await expect(notes.refresh(theirs.refreshToken)).resolves.toHaveProperty('refresh_token');
    });
  });

  describe('an ended session stays ended', () => {
    /** The phone's stored session, as a request of it in flight loaded it before the end. */
    const loaded = async (accountId: string) => {
      const [session] = await twofold.protocolStore.listByAccount('Session', accountId);
      return session!;
    };
    /** What oidc-provider does at the end of that request: it saves the session it loaded. */
    const writtenBack = async ({ id, payload }: { id: string; payload: Record<string, unknown> }, newId = id) =>
      twofold.protocolStore.adapter('Session').upsert(newId, { ...payload, jti: newId }, 3600);

    it('"End this session" while a request of it is in flight: its write-back, under any id, signs nobody in', async () => {
      const { person, phone, app } = await phoneUsesNotes();
      const inFlight = await loaded(person.id);
      const { laptop, page } = await laptopOnAccount(person, app);
      await laptop.submit(page, '/account/sessions/end', { session: String(inFlight.payload.uid) });

      await writtenBack(inFlight);
      // oidc-provider gives a session a new id when a sign-in step finishes: the same session.
      await writtenBack(inFlight, 'a-new-id-for-the-same-session-0000000000');
      expect(await signedIn(phone)).toBe(false);
      expect(sessionsOn(await laptop.navigate('/account'))).toEqual([`Firefox on Linux @ ${laptop.address} (this)`]);
      expect(await signedIn(laptop)).toBe(true);
    });

    it('"Sign out everywhere else" and a password change: a write-back of an ended session signs nobody in', async () => {
      const { person, phone, app } = await phoneUsesNotes();
      const first = await loaded(person.id);
      const { laptop, page } = await laptopOnAccount(person, app);
      await laptop.submit(page, '/account/sessions/end-others');
      await writtenBack(first);
      expect(await signedIn(phone)).toBe(false);

      // The phone signs in again; the laptop changes the password, which ends every session.
      const laptops = (await twofold.protocolStore.listByAccount('Session', person.id)).map((s) => s.payload.uid);
      await typeCode(
        phone,
        await submitPassword(phone, await phone.navigate('/account'), person.email, person.password),
        app,
      );
      const second = (await twofold.protocolStore.listByAccount('Session', person.id)).find(
        (s) => !laptops.includes(s.payload.uid),
      )!;
      const changed = await laptop.submit(await laptop.navigate('/account'), '/account/password', {
        current_password: person.password,
        new_password: NEW_PASSWORD,
        confirm_password: NEW_PASSWORD,
      });
      expect(changed.body).toContain('Your password was changed.');
      await writtenBack(second);
      expect(await signedIn(phone)).toBe(false);
      expect(await twofold.protocolStore.listByAccount('Session', person.id)).toEqual([]);
    });

    it('an account page kept after a password change ends with the session its browser signed in with since', async () => {
      const { person, phone, app } = await phoneUsesNotes();
      const { laptop, page } = await laptopOnAccount(person, app);
      const changed = await laptop.submit(page, '/account/password', {
        current_password: person.password,
        new_password: NEW_PASSWORD,
        confirm_password: NEW_PASSWORD,
      });
      expect(changed.body).toContain('Your password was changed.');
      // The laptop signs in again at the provider (to Notes); its account page is still the one kept.
      const notesSignIn = await notes.start();
      await typeCode(
        laptop,
        await submitPassword(laptop, await laptop.navigate(notesSignIn.url), person.email, NEW_PASSWORD),
        app,
      );
      expect(isAccountPage(await laptop.navigate('/account'))).toBe(true);

      const phonePage = await typeCode(
        phone,
        await submitPassword(phone, await phone.navigate('/account'), person.email, NEW_PASSWORD),
        app,
      );
      const ended = await phone.submit(phonePage, '/account/sessions/end');
      expect(notice(ended)).toContain('That session has ended.');
      expect(isAccountPage(await phone.navigate('/account'))).toBe(true);
      expect(isPasswordPage(await laptop.navigate('/account'))).toBe(true);
    });

    it('where a session was seen is forgotten when it signs out', async () => {
      const { person, app } = await phoneUsesNotes();
      const { laptop, page } = await laptopOnAccount(person, app);
      const seen = () => twofold.protocolStore.listByAccount('TwofoldSessionSeen', person.id);
      expect(await seen()).toHaveLength(2);
      const confirm = await laptop.submit(page, '/account/sign-out');
      const signedOut = await laptop.submit(confirm, '/session/end/confirm', {}, 'yes');
      expect(signedOut.url.pathname).toBe('/account/signed-out');
      const left = await seen();
      expect(left).toHaveLength(1);
      expect(left[0]!.payload.ip).not.toBe(laptop.address);
    });
  });

  describe('connected applications', () => {
    it('lists the applications allowed, in plain words, and revoking one ends its refresh tokens', async () => {
      const { person, phone, app, refreshToken } = await phoneUsesNotes();
      const { laptop, page } = await laptopOnAccount(person, app);
      // The account page itself is no connected application.
      expect([...page.body.matchAll(/<li class="connected-app">/g)]).toHaveLength(1);
      expect(page.body).toMatch(/<strong id="app-0">Acme Notes<\/strong>/);
      expect(page.body).toContain('<li>See your email address</li>');
      expect(page.body).toContain('<li>Keep access while you are not using it');
      expect(page.body).not.toContain('offline_access');

      const revoked = await laptop.submit(page, '/account/apps/revoke');
      expect(notice(revoked)).toContain('The application no longer has access to your account.');
      expect(revoked.url.hash).toBe('#apps-heading');
      expect(revoked.body).toContain('No other application has access to your account.');
      await expect(notes.refresh(refreshToken)).rejects.toMatchObject({ error: 'invalid_grant' });
      // Its next sign-in asks for consent again (the phone's session itself lives on).
      expect(isConsentPage(await phone.navigate((await notes.start({ prompt: 'consent' })).url))).toBe(true);
      expect(await events(person.id, 'connected_app_revoked')).toEqual([
        expect.objectContaining({ clientId: 'notes', detail: { source: 'account_page', grants: 1 } }),
      ]);
    });

    it('does not list a first-party application, nor revokes it (it is let in without asking anyway)', async () => {
      const { person, phone, app } = await phoneUsesNotes();
      const diary = await RelyingParty.register(twofold, { clientId: `diary-${person.id}`, firstParty: true });
      const started = await diary.start({ scope: 'openid email offline_access', prompt: 'consent' });
      const tokens = await diary.finish(callbackOf(await phone.navigate(started.url)), started);
      const { laptop, page } = await laptopOnAccount(person, app);
      expect([...page.body.matchAll(/<li class="connected-app">/g)]).toHaveLength(1);
      expect(page.body).not.toContain(`diary-${person.id}`);
      const refused = await laptop.submit(page, '/account/apps/revoke', { client: `diary-${person.id}` });
      expect(notice(refused)).toBe('That application had no access any more. Nothing was changed.');
      await expect(diary.refresh(tokens.refresh_token!)).resolves.toHaveProperty('refresh_token');
    });

    it('revokes nothing for an application not connected, nor the account page itself', async () => {
      const { person, app, refreshToken } = await phoneUsesNotes();
      const { laptop, page } = await laptopOnAccount(person, app);
      for (const client of ['twofold-account', 'nobody']) {
        const refused = await laptop.submit(page, '/account/apps/revoke', { client });
        expect(notice(refused)).toBe('That application had no access any more. Nothing was changed.');
      }
      expect(isAccountPage(await laptop.navigate('/account'))).toBe(true);
      await expect(notes.refresh(refreshToken)).resolves.toHaveProperty('refresh_token');
    });
  });

  describe('new recovery codes', () => {
    it('sending the form again (a reload of the page showing the codes) issues no other set', async () => {
      const { person, app } = await phoneUsesNotes();
      const { laptop, page } = await laptopOnAccount(person, app);
      const fresh = await laptop.submit(page, '/account/recovery-codes');
      const codes = recoveryCodesOn(fresh);
      expect(codes).toHaveLength(10);

      const again = await laptop.submit(page, '/account/recovery-codes');
      expect(again.status).toBe(409);
      expect(recoveryCodesOn(again)).toEqual([]);
      expect(notice(again)).toContain('Those recovery codes were already replaced');
      expect(await twofold.recoveryCodes.use(person.id, codes[0]!)).toEqual({ ok: true, remaining: 9 });
      expect(await events(person.id, 'recovery_codes_regenerated')).toHaveLength(1);
    });

    if (store === 'the database')
      it('keeps the old set when the audit row cannot be written: the change and its record are one', async () => {
        const { person, app, recoveryCodes } = await phoneUsesNotes();
        const { laptop, page } = await laptopOnAccount(person, app);
        await refuseAuditRows(twofold, 'recovery_codes_regenerated');
        try {
          const failed = await laptop.submit(page, '/account/recovery-codes');
          expect(failed.status).toBeGreaterThanOrEqual(500);
          expect(recoveryCodesOn(failed)).toEqual([]);
        } finally {
          await allowAuditRows(twofold);
        }
        expect(await twofold.recoveryCodes.use(person.id, recoveryCodes[0]!)).toEqual({ ok: true, remaining: 9 });
        expect(await events(person.id, 'recovery_codes_regenerated')).toEqual([]);
        // Nor a log line of the event that was rolled back.
        const logged = log.lines().filter((line) => line.msg === 'audit recovery_codes_regenerated');
        expect(logged.filter((line) => (line.audit as { accountId?: string }).accountId === person.id)).toEqual([]);
      });

    if (store === 'the database')
      it('a failure just after a recovery code was spent at sign-in says the code is used, not "nothing was changed"', async () => {
        const { person, recoveryCodes } = await phoneUsesNotes();
        const stranded = new Browser(twofold.url, FIREFOX_ON_LINUX);
        const started = await notes.start();
        const codePage = await submitPassword(
          stranded,
          await stranded.navigate(started.url),
          person.email,
          person.password,
        );
        const href = /href="(\/interaction\/[^"]+\/recovery)"/.exec(codePage.body)![1]!;
        const form = await stranded.navigate(href);
        await refuseAuditRows(twofold, 'recovery_code_used');
        let failed: Visit;
        try {
          failed = await stranded.submit(form, '/recovery', { recovery_code: recoveryCodes[0]! });
        } finally {
          await allowAuditRows(twofold);
        }
        expect(failed.status).toBe(500);
        expect(heading(failed)).toBe('Your recovery code was used');
        expect(failed.body).toContain('That code is now used and will not work again.');
        expect(failed.body).not.toContain('Nothing was changed');
        expect(await twofold.recoveryCodes.use(person.id, recoveryCodes[0]!)).toEqual({ ok: false, reason: 'invalid' });
      });
  });
});
