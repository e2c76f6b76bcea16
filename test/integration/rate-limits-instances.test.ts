// Behind a load balancer each request may reach another instance: the limits must count together,
// or an attacker multiplies them by the number of instances. Two instances share one database
// (and, in the Redis case, one Redis, which then holds the counters); wrong passwords spread over
// both are refused at the sixth, on either.
import { Redis } from 'ioredis';
import { startBeside, startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgentAt } from '../support/from-address.js';
import { createPerson, isPasswordPage, submitPassword } from '../support/sign-in.js';
import { passwordKey } from '../../src/ratelimit/limits.js';
import { TEST_REDIS_URL as REDIS_URL } from '../support/databases.js';

describe.each([
  ['Redis', { REDIS_URL }],
  ['the database', {}],
])('two instances with their counters in %s', (_store, extra: Record<string, string>) => {
  let first: RunningTwofold;
  let second: RunningTwofold;
  const relyingParties = new Map<RunningTwofold, RelyingParty>();
  beforeAll(async () => {
    first = await startTwofold({ TRUST_PROXY: 'true', ...extra });
    second = await startBeside(first, { TRUST_PROXY: 'true', ...extra });
    const suffix = Date.now().toString(36);
    relyingParties.set(first, await RelyingParty.register(first, { clientId: `first-${suffix}`, firstParty: true }));
    relyingParties.set(second, await RelyingParty.register(second, { clientId: `second-${suffix}`, firstParty: true }));
  });
  afterAll(async () => {
    // The second first: stopping the first drops the PostgreSQL database both use.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    await second?.stop();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    await first?.stop();
  });

  async function typePassword(on: RunningTwofold, address: string, email: string, password: string) {
    const ua = new UserAgentAt(on.url, address);
    return submitPassword(ua, await ua.navigate((await relyingParties.get(on)!.start()).url), email, password);
  }

  // The counter the first test fills; the second looks at exactly that one (the shared Redis also
  // holds other tests' counters, some about to expire).
  let counted: { email: string; address: string } | undefined;

  it('counts wrong passwords from one address on both instances together', async () => {
    const person = await createPerson(first);
    const address = `203.0.113.${Math.floor(Math.random() * 200) + 1}`;
    counted = { email: person.email, address };
    const order = [first, second, first, second, second];
    for (const instance of order)
      expect(isPasswordPage(await typePassword(instance, address, person.email, 'wrong'))).toBe(true);
    expect((await typePassword(first, address, person.email, person.password)).status).toBe(429);
    expect((await typePassword(second, address, person.email, person.password)).status).toBe(429);
  });

  if (extra.REDIS_URL) {
    it('keeps the counters in Redis, with the window as their lifetime', async () => {
      const redis = new Redis(REDIS_URL);
      try {
        const ttl = await redis.ttl(
          `${first.config.redisKeyPrefix}ratelimit:password_per_account_ip:${passwordKey(counted!.email, counted!.address)}`,
        );
        expect(ttl).toBeGreaterThan(0);
        expect(ttl).toBeLessThanOrEqual(15 * 60);
        expect(await first.db.rateLimit.count()).toBe(0);
      } finally {
        redis.disconnect();
      }
    });
  }
});
