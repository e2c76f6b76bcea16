// A sign-in that expires on the enrolment page (a person who took 15 minutes to find their phone):
// its "expired" page starts the relying party's request again, and after the password (and, for a
// recovery, another recovery code) the enrolment page shows the same key, so the entry already
// added in the app links. The key stays with the browser it was shown in, with its grant and with
// the "Start again" link, once: the password alone, in another browser, without the grant, or in the
// same browser without that link (a shared computer: the next person), never shows it. Real HTTP, the real
// protocol store (the database, then Redis); the interaction's expiry is oidc-provider's entry removed
// from that store.
import { RelyingParty } from '../support/relying-party.js';
import { UserAgentAt } from '../support/from-address.js';
import type { UserAgent, Visit } from '../support/user-agent.js';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import { testTime } from '../support/clock.js';
import {
  callbackOf,
  createPerson,
  firstSignIn,
  isCodePage,
  isEnrolmentPage,
  isPasswordPage,
  saveRecoveryCodes,
  submitPassword,
} from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { KEPT_SECRET_MODEL } from '../../src/signin/kept-enrolment.js';
import { TEST_REDIS_URL } from '../support/databases.js';
import { Redis } from 'ioredis';

const EXPIRED = 'This sign-in has expired';
const KEPT_FOR = 3600 * 1000;

let addresses = 0;
const newBrowser = (twofold: RunningTwofold) => new UserAgentAt(twofold.url, `203.0.113.${++addresses}`);

describe('an enrolment that outlives its sign-in', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({ TRUST_PROXY: 'true', ENROLLMENT_SECRET_TTL: '1h' });
    rp = await RelyingParty.register(twofold, { clientId: 'console', firstParty: true });
  });
  afterAll(() => twofold.stop());

  /** oidc-provider's interaction of the page `visit` expires (its entry leaves the protocol store). */
  async function expire(visit: Visit): Promise<void> {
    const uid = /\/interaction\/([^/]+)/.exec(visit.url.pathname)?.[1];
    if (!uid) throw new Error(`not a sign-in page: ${visit.url}`);
    await twofold.protocolStore.adapter('Interaction').destroy(uid);
  }

  /** How many enrolment keys the protocol store keeps (the first test runs on an empty store). */
  const keptKeys = () => twofold.db.oidcPayload.count({ where: { model: KEPT_SECRET_MODEL } });

  /** The details of the audited re-shown keys of an account. */
  const reshown = async (accountId: string) =>
    (await twofold.db.auditEvent.findMany({ where: { accountId, type: 'mfa_enrolment_key_reshown' } })).map((e) =>
      e.detail ? (JSON.parse(e.detail) as unknown) : null,
    );

  /** The "Start again" link of an expired page, if it has one. */
  const startAgainOf = (visit: Visit) => {
    const href = /<a href="([^"]+)">Start again<\/a>/.exec(visit.body)?.[1];
    return href ? new URL(href.replace(/&amp;/g, '&'), twofold.url) : undefined;
  };

  async function toEnrolmentPage(ua: UserAgent, person: { email: string; password: string }) {
    const started = await rp.start();
    const page = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    if (!isEnrolmentPage(page)) throw new Error(`expected the enrolment page, got ${page.status}:\n${page.body}`);
    return { started, page };
  }

  it('the person starts again from the expired page, sees the same key, and the entry added earlier links it', async () => {
    const person = await createPerson(twofold);
    const ua = newBrowser(twofold);
    const { started, page } = await toEnrolmentPage(ua, person);
    const app = AuthenticatorApp.fromEnrolmentPage(page.body);

    // Fifteen minutes later the person types the first code of the entry they added.
    await expire(page);
    const gone = await ua.submit(page, '/enroll', { code: await app.nextCode() });
    expect(gone.status).toBe(400);
    expect(gone.body).toContain(EXPIRED);
    const again = startAgainOf(gone);
    // Our own page, naming nothing of the request (a one-time token), which leads to our own
    // authorization endpoint with the relying party's request as it was.
    expect(again?.origin).toBe(new URL(twofold.url).origin);
    expect(again?.pathname).toMatch(/^\/restart\/[A-Za-z0-9_-]{43}$/);
    expect(again?.search).toBe('');

    const passwordPage = await ua.navigate(again!);
    expect(isPasswordPage(passwordPage)).toBe(true);
    const enrolment = await submitPassword(ua, passwordPage, person.email, person.password);
    expect(isEnrolmentPage(enrolment)).toBe(true);
    expect(AuthenticatorApp.fromEnrolmentPage(enrolment.body).secret).toBe(app.secret);

    // The code of the entry added before the sign-in expired links it, and the relying party's
    // original request (its state, nonce and PKCE verifier) completes.
    expect(await keptKeys()).toBe(1);
    const linked = await ua.submit(enrolment, '/enroll', { code: await app.nextCode() });
    // Linked: the key is no longer kept anywhere, and the browser holds neither cookie.
    expect(await keptKeys()).toBe(0);
    expect(ua.cookieNames(twofold.url).filter((name) => name.startsWith('twofold.'))).toEqual([]);
    const { visit } = await saveRecoveryCodes(ua, linked);
    const tokens = await rp.finish(callbackOf(visit), started);
    expect(tokens.claims()?.sub).toBe(person.id);
    expect((await twofold.authenticators.list(person.id)).map((a) => a.confirmedAt !== null)).toEqual([true]);
    // Showing the key again is audited.
    expect(await reshown(person.id)).toEqual([{ grant: 'new' }]);
  });

  it('a shared browser: the next person to sign in there, without the link, gets a key of their own', async () => {
    const person = await createPerson(twofold);
    const ua = newBrowser(twofold);
    // The owner opens the enrolment page, scans the key, and leaves without confirming.
    const owner = await toEnrolmentPage(ua, person);
    const ownerKey = AuthenticatorApp.fromEnrolmentPage(owner.page.body);
    const ownerToken = ua.cookieValue(twofold.url, 'twofold.enrolment');
    expect(ownerToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Someone else at the same computer, within the new account's window, types the password.
    const theirs = await toEnrolmentPage(ua, person);
    const otherKey = AuthenticatorApp.fromEnrolmentPage(theirs.page.body);
    expect(otherKey.secret).not.toBe(ownerKey.secret);
    // A new enrolment page mints its own browser token: one the browser held is never reused.
    expect(ua.cookieValue(twofold.url, 'twofold.enrolment')).not.toBe(ownerToken);
    expect(await reshown(person.id)).toEqual([]);
    // The owner's entry links the owner's sign-in only; the other person's copy opens nothing.
    const linked = await ua.submit(owner.page, '/enroll', { code: await ownerKey.nextCode() });
    expect((await saveRecoveryCodes(ua, linked)).recoveryCodes.length).toBeGreaterThan(0);
    const refused = await ua.submit(theirs.page, '/enroll', { code: await otherKey.nextCode() });
    expect(refused.status).toBe(409);
  });

  it('the "Start again" link shows the kept key once; the same link again starts a sign-in with a new key', async () => {
    const person = await createPerson(twofold);
    const ua = newBrowser(twofold);
    const { page } = await toEnrolmentPage(ua, person);
    const first = AuthenticatorApp.fromEnrolmentPage(page.body);
    await expire(page);
    const again = startAgainOf(await ua.navigate(page.url));
    expect(again).toBeDefined();

    const once = await submitPassword(ua, await ua.navigate(again!), person.email, person.password);
    expect(AuthenticatorApp.fromEnrolmentPage(once.body).secret).toBe(first.secret);
    // Reloading that sign-in's page shows the same key (it is this sign-in's own now).
    expect(AuthenticatorApp.fromEnrolmentPage((await ua.navigate(once.url)).body).secret).toBe(first.secret);

    const twice = await submitPassword(ua, await ua.navigate(again!), person.email, person.password);
    expect(isEnrolmentPage(twice)).toBe(true);
    expect(AuthenticatorApp.fromEnrolmentPage(twice.body).secret).not.toBe(first.secret);
    expect(await reshown(person.id)).toEqual([{ grant: 'new' }]);

    // A link made up, or from another browser's expired page, starts nothing.
    const other = newBrowser(twofold);
    const { page: elsewhere } = await toEnrolmentPage(other, await createPerson(twofold));
    await expire(elsewhere);
    const theirLink = startAgainOf(await other.navigate(elsewhere.url));
    for (const link of [theirLink!, new URL(`/restart/${'A'.repeat(43)}`, twofold.url)]) {
      const gone = await ua.navigate(link);
      expect(gone.status).toBe(400);
      expect(gone.body).toContain(EXPIRED);
    }
  });

  it('after the kept key’s lifetime, the link starts nothing, and signing in again shows a new key', async () => {
    const person = await createPerson(twofold);
    const ua = newBrowser(twofold);
    const { page } = await toEnrolmentPage(ua, person);
    const first = AuthenticatorApp.fromEnrolmentPage(page.body);
    await expire(page);
    const again = startAgainOf(await ua.navigate(page.url));
    expect(again).toBeDefined();

    await testTime.pass(KEPT_FOR + 60_000);
    const gone = await ua.navigate(again!);
    expect(gone.status).toBe(400);
    expect(gone.body).toContain(EXPIRED);
    expect(startAgainOf(gone)).toBeUndefined();
    const { page: enrolment } = await toEnrolmentPage(ua, person);
    const second = AuthenticatorApp.fromEnrolmentPage(enrolment.body);
    expect(second.secret).not.toBe(first.secret);
    // The old entry does not link; the new one does.
    const refused = await ua.submit(enrolment, '/enroll', { code: await first.nextCode() });
    expect(isEnrolmentPage(refused)).toBe(true);
    expect(refused.body).toContain('That code is not right');
    const linked = await ua.submit(enrolment, '/enroll', { code: await second.nextCode() });
    expect((await saveRecoveryCodes(ua, linked)).recoveryCodes.length).toBeGreaterThan(0);
  });

  it('an attacker with only the password, in another browser, gets neither the key nor the way back in', async () => {
    const person = await createPerson(twofold);
    const owner = newBrowser(twofold);
    const { page } = await toEnrolmentPage(owner, person);
    const ownerKey = AuthenticatorApp.fromEnrolmentPage(page.body).secret;
    await expire(page);

    // The expired page, opened without the owner's cookie: no way to the owner's request.
    const attacker = newBrowser(twofold);
    const seen = await attacker.navigate(page.url);
    expect(seen.body).toContain(EXPIRED);
    expect(startAgainOf(seen)).toBeUndefined();

    // The new account's window lets the password show an enrolment page, but with a key of its own.
    const theirs = await toEnrolmentPage(attacker, person);
    expect(AuthenticatorApp.fromEnrolmentPage(theirs.page.body).secret).not.toBe(ownerKey);

    // The owner's browser still gets the owner's key.
    const again = startAgainOf(await owner.navigate(page.url));
    const enrolment = await submitPassword(owner, await owner.navigate(again!), person.email, person.password);
    expect(AuthenticatorApp.fromEnrolmentPage(enrolment.body).secret).toBe(ownerKey);
  });

  it('a recovery: the key is shown again only after another recovery code, never after the password alone', async () => {
    const person = await createPerson(twofold);
    const { recoveryCodes } = await firstSignIn(newBrowser(twofold), rp, person);
    // Signed in afresh from another browser, without the lost phone.
    const ua = newBrowser(twofold);

    // The phone is lost: a recovery code, then the enrolment page of the new phone, which expires.
    const recover = async () => {
      const codePage = await submitPassword(
        ua,
        await ua.navigate((await rp.start()).url),
        person.email,
        person.password,
      );
      expect(isCodePage(codePage)).toBe(true);
      return codePage;
    };
    const recoveryForm = async (codePage: Visit) =>
      ua.navigate(/href="(\/interaction\/[^"]+\/recovery)"/.exec(codePage.body)![1]!);
    const codePage = await recover();
    const page = await ua.submit(await recoveryForm(codePage), '/recovery', { recovery_code: recoveryCodes[0]! });
    expect(isEnrolmentPage(page)).toBe(true);
    const newPhone = AuthenticatorApp.fromEnrolmentPage(page.body);
    await expire(page);
    const again = startAgainOf(await ua.navigate(page.url));
    expect(again).toBeDefined();

    // The password again, in the same browser: the code page, no key.
    const afterPassword = await submitPassword(ua, await ua.navigate(again!), person.email, person.password);
    expect(isCodePage(afterPassword)).toBe(true);
    expect(afterPassword.body).not.toContain(newPhone.secret.slice(0, 8));

    // Another recovery code: the same key, and the new phone's entry links.
    const enrolment = await ua.submit(await recoveryForm(afterPassword), '/recovery', {
      recovery_code: recoveryCodes[1]!,
    });
    expect(isEnrolmentPage(enrolment)).toBe(true);
    expect(AuthenticatorApp.fromEnrolmentPage(enrolment.body).secret).toBe(newPhone.secret);
    const linked = await ua.submit(enrolment, '/enroll', { code: await newPhone.nextCode() });
    expect((await saveRecoveryCodes(ua, linked)).recoveryCodes.length).toBeGreaterThan(0);
    expect(await twofold.authenticators.list(person.id)).toHaveLength(1);
  });
});

describe('an enrolment that outlives its sign-in, with protocol state in Redis', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  let redis: Redis;
  beforeAll(async () => {
    twofold = await startTwofold({ REDIS_URL: TEST_REDIS_URL, ENROLLMENT_SECRET_TTL: '1h' });
    rp = await RelyingParty.register(twofold, { clientId: 'console', firstParty: true });
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    await redis.quit();
    await twofold.stop();
  });

  it('keeps the sealed key in Redis for its own lifetime, and starting again shows it', async () => {
    const person = await createPerson(twofold);
    const ua = newBrowser(twofold);
    const started = await rp.start();
    const page = await submitPassword(ua, await ua.navigate(started.url), person.email, person.password);
    const app = AuthenticatorApp.fromEnrolmentPage(page.body);
    const uid = page.url.pathname.split('/').pop()!;

    const keys = await redis.keys(`${twofold.config.redisKeyPrefix}${KEPT_SECRET_MODEL}:*`);
    expect(keys).toHaveLength(1);
    // Its own lifetime (an hour), beyond the interaction's; sealed, never the key itself.
    expect(await redis.ttl(keys[0]!)).toBeGreaterThan(3500);
    expect(JSON.stringify(await redis.hgetall(keys[0]!))).not.toContain(app.secret);
    expect(await twofold.db.oidcPayload.count({ where: { model: KEPT_SECRET_MODEL } })).toBe(0);

    await redis.del(`${twofold.config.redisKeyPrefix}Interaction:${uid}`);
    const href = /<a href="([^"]+)">Start again<\/a>/.exec((await ua.navigate(page.url)).body)?.[1];
    expect(href).toBeDefined();
    const again = new URL(href!.replace(/&amp;/g, '&'), twofold.url);
    const enrolment = await submitPassword(ua, await ua.navigate(again), person.email, person.password);
    expect(AuthenticatorApp.fromEnrolmentPage(enrolment.body).secret).toBe(app.secret);
    const linked = await ua.submit(enrolment, '/enroll', { code: await app.nextCode() });
    const { visit } = await saveRecoveryCodes(ua, linked);
    expect((await rp.finish(callbackOf(visit), started)).claims()?.sub).toBe(person.id);
    expect(await redis.exists(keys[0]!)).toBe(0);
  });
});
