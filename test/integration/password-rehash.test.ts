// After an operator raises BCRYPT_COST, hashes made before keep their old cost: a wrong password
// for such an account would answer at a different speed than an unknown email (compared against a
// dummy hash of the new cost), telling an attacker the account exists. A correct password re-hashes
// the account at the configured cost; a wrong one changes nothing.
import { hashCost, verifyPassword } from '../../src/accounts/password.js';
import { freshEnvironment } from '../support/databases.js';
import { RelyingParty } from '../support/relying-party.js';
import { createPerson, isEnrolmentPage, isPasswordPage, submitPassword } from '../support/sign-in.js';
import { startTwofoldWith, type RunningTwofold } from '../support/twofold.js';
import { until } from '../support/redis-server.js';
import { UserAgent } from '../support/user-agent.js';

describe('a raised bcrypt cost', () => {
  let twofold: RunningTwofold;
  let cleanup: () => Promise<void>;
  let people: { signsIn: Awaited<ReturnType<typeof createPerson>>; mistypes: Awaited<ReturnType<typeof createPerson>> };
  beforeAll(async () => {
    let env: Record<string, string>;
    ({ env, cleanup } = await freshEnvironment({ BCRYPT_COST: '4' }));
    const before = await startTwofoldWith(env);
    people = { signsIn: await createPerson(before), mistypes: await createPerson(before) };
    await before.close();
    twofold = await startTwofoldWith({ ...env, BCRYPT_COST: '5' });
  });
  afterAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    await twofold?.close();
    await cleanup();
  });

  const storedHash = async (email: string) => (await twofold.accounts.findByEmail(email))!.passwordHash;

  it('re-hashes an account at the new cost when its password is typed correctly', async () => {
    const rp = await RelyingParty.register(twofold, { clientId: 'rehash', firstParty: true });
    const { signsIn, mistypes } = people;
    expect(hashCost(await storedHash(signsIn.email))).toBe(4);

    const ua = new UserAgent(twofold.url);
    const wrong = await submitPassword(
      ua,
      await ua.navigate((await rp.start()).url),
      mistypes.email,
      'not the password at all',
    );
    expect(isPasswordPage(wrong)).toBe(true);
    const right = await submitPassword(ua, await ua.navigate((await rp.start()).url), signsIn.email, signsIn.password);
    expect(isEnrolmentPage(right)).toBe(true);

    await until(async () => hashCost(await storedHash(signsIn.email)) === 5, 'the password to be re-hashed', 10_000);
    expect(await verifyPassword(signsIn.password, await storedHash(signsIn.email))).toBe(true);
    expect(hashCost(await storedHash(mistypes.email))).toBe(4);
  });
});
