// When the rate-limit counters cannot be read or written, a sign-in step fails closed: 503
// "temporarily unavailable", and the password is not even checked. Guessing without a counter
// would be guessing without a limit. (Here the database store loses its table; with Redis the
// token endpoint's test in token-rate-limits.test.ts stops the server.)
import { RETRY_AFTER_SECONDS } from '../../src/outage/index.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgent } from '../support/user-agent.js';
import { createPerson, submitPassword } from '../support/sign-in.js';
import { scrape } from '../support/prometheus.js';

describe('rate-limit counters unavailable', () => {
  let twofold: RunningTwofold;
  let rp: RelyingParty;
  beforeAll(async () => {
    twofold = await startTwofold({ METRICS_PORT: '0' });
    rp = await RelyingParty.register(twofold, { clientId: 'notes', firstParty: true });
  });
  afterAll(() => twofold.stop());

  it('refuses the password step with 503 and checks nothing', async () => {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    const page = await ua.navigate((await rp.start()).url);
    const unavailable = async () =>
      (await scrape(`http://127.0.0.1:${twofold.metricsPort()}/metrics`)).value('twofold_store_unavailable_total', {
        store: 'database',
      });
    const before = await unavailable();
    await twofold.db.$executeRawUnsafe('DROP TABLE rate_limits');

    const refused = await submitPassword(ua, page, person.email, 'a guess');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(refused.body).toContain('<h1>Sign-in is temporarily unavailable</h1>');
    expect(refused.body).not.toMatch(/at \w+ \(|Error:|rate_limits/);
    const types = (await twofold.audit.list({ accountId: person.id })).map((e) => e.type);
    expect(types).not.toContain('signin_password_failed');
    // Counted as the outage it is answered as.
    expect((await unavailable()) - before).toBe(1);
  });

  it('refuses to start a sign-in (the sign-ins an address holds open are counted) with 503, storing nothing', async () => {
    // The counters' table is still gone (the test above dropped it).
    const stored = () => twofold.db.oidcPayload.count({ where: { model: 'Interaction' } });
    const before = await stored();
    const refused = await new UserAgent(twofold.url).navigate((await rp.start()).url);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe(String(RETRY_AFTER_SECONDS));
    expect(refused.body).toContain('<h1>Sign-in is temporarily unavailable</h1>');
    expect(await stored()).toBe(before);
  });
});
