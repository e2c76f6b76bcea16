// With Redis configured, the in-between state of a sign-in ("password OK, code owed") lives in Redis
// beside oidc-provider's interaction, expires with it, and goes when the account's state is revoked.
import { Redis } from 'ioredis';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgent } from '../support/user-agent.js';
import { AuthenticatorApp } from '../support/authenticator-app.js';
import {
  callbackOf,
  createPerson,
  enrol,
  isEnrolmentPage,
  isPasswordPage,
  submitPassword,
} from '../support/sign-in.js';
import { TEST_REDIS_URL as REDIS_URL } from '../support/databases.js';

describe('sign-in with protocol state in Redis', () => {
  let twofold: RunningTwofold;
  let redis: Redis;
  let rp: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({ REDIS_URL });
    redis = new Redis(REDIS_URL);
    rp = await RelyingParty.register(twofold, { clientId: `notes-${Date.now()}`, firstParty: true });
  });
  afterAll(async () => {
    await redis.quit();
    await twofold.stop();
  });

  it('keeps the progress between the factors in Redis, with the interaction’s lifetime, and nothing of it in the database', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const started = await rp.start();
    const passwordPage = await ua.navigate(started.url);
    const uid = passwordPage.url.pathname.split('/').pop()!;
    const enrolment = await submitPassword(ua, passwordPage, person.email, person.password);
    expect(isEnrolmentPage(enrolment)).toBe(true);

    const key = `${twofold.config.redisKeyPrefix}TwofoldPendingSignIn:${uid}`;
    expect(await redis.exists(key)).toBe(1);
    const ttl = await redis.ttl(key);
    const interactionTtl = await redis.ttl(`${twofold.config.redisKeyPrefix}Interaction:${uid}`);
    expect(ttl).toBeGreaterThan(0);
    expect(Math.abs(ttl - interactionTtl)).toBeLessThanOrEqual(2);
    // The sealed enrolment secret is stored, never the secret itself.
    const app = AuthenticatorApp.fromEnrolmentPage(enrolment.body);
    expect(JSON.stringify(await redis.hgetall(key))).not.toContain(app.secret);
    expect(await twofold.db.oidcPayload.count({ where: { model: 'TwofoldPendingSignIn' } })).toBe(0);

    const { visit } = await enrol(ua, enrolment);
    expect((await rp.finish(callbackOf(visit), started)).claims()!.sub).toBe(person.id);
    expect(await redis.exists(key)).toBe(0);
  });

  it('revoking the account’s state drops a sign-in waiting for its code', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const passwordPage = await ua.navigate((await rp.start()).url);
    const enrolment = await submitPassword(ua, passwordPage, person.email, person.password);
    expect(isEnrolmentPage(enrolment)).toBe(true);

    await twofold.protocolStore.revokeAccount(person.id);
    const after = await ua.navigate(enrolment.url);
    // The interaction itself is not the account's yet, so it goes on: from the password.
    expect(after.leftTo).toBeUndefined();
    expect(isPasswordPage(after)).toBe(true);
  });
});
