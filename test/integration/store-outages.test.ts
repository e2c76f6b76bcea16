// When a store the server needs is unreachable (Redis, or PostgreSQL), people see a plain
// "temporarily unavailable" page with HTTP 503, relying parties get an OAuth error without internals,
// /readyz answers 503, nothing is half-done (a code typed or exchanged during the outage is not used
// up), and everything works again by itself once the store is back: no restart.
// Redis: a private redis-server (append-only file, so its data survives) is stopped and restarted.
// PostgreSQL: the machine's server stays up; the instance reaches it through a relay that is cut,
// or that freezes: connections stay open and nothing answers, so only DATABASE_QUERY_TIMEOUT ends
// a request's wait.
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { CALLBACK_ORIGIN, RelyingParty } from '../support/relying-party.js';
import { UserAgent, type Visit } from '../support/user-agent.js';
import {
  callbackOf,
  createPerson,
  firstSignIn,
  isCodePage,
  isPasswordPage,
  submitPassword,
  typeCode,
} from '../support/sign-in.js';
import { startRedisServer, until, type RedisServer } from '../support/redis-server.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { createPostgresDatabase, dropPostgresDatabase, TEST_REDIS_URL as REDIS_URL } from '../support/databases.js';
import { scrape } from '../support/prometheus.js';
import { CLIENT_CACHE_SECONDS } from '../../src/clients/store.js';

interface Outage {
  twofold: RunningTwofold;
  /** The /readyz check that names the store. */
  check: string;
  /** Whether the store of sessions (oidc-provider's and the account page's) is the one down. */
  sessionsDown: boolean;
  down(): Promise<void>;
  up(): Promise<void>;
  cleanup(): Promise<void>;
}

/** Our page, in our layout, saying what happened; no stack, no driver's words. */
function expectUnavailablePage(visit: Visit): void {
  expect(visit.status).toBe(503);
  expect(visit.headers.get('content-type')).toMatch(/^text\/html/);
  expect(visit.body).toContain('<main class="card">');
  expect(visit.body).toMatch(/temporarily unavailable/i);
  expect(visit.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expectNothingInternal(visit.body);
}

function expectNothingInternal(text: string): void {
  expect(text).not.toMatch(
    /\n\s+at |node_modules|ECONNREFUSED|ECONNRESET|Prisma|prisma|ioredis|enableOfflineQueue|Connection is closed|Can't reach/,
  );
}

async function readiness(twofold: RunningTwofold) {
  const response = await fetch(`${twofold.url}/readyz`);
  return { status: response.status, checks: ((await response.json()) as { checks: Record<string, boolean> }).checks };
}

function outageStory(name: string, start: () => Promise<Outage>) {
  describe(name, () => {
    let outage: Outage;
    let rp: RelyingParty;
    let secret: string;
    beforeAll(async () => {
      outage = await start();
      const clientId = `outage-${Date.now()}`;
      ({ clientSecret: secret } = (await outage.twofold.clients.add({
        clientId,
        redirectUris: [`${CALLBACK_ORIGIN}/${clientId}/callback`],
        postLogoutRedirectUris: [],
        isPublic: false,
        firstParty: true,
        grants: [],
      })) as { clientSecret: string });
      rp = await RelyingParty.discover(outage.twofold.url, clientId, secret);
    });
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    afterAll(() => outage?.cleanup());

    it('answers 503 pages and OAuth errors, half-does nothing, and resumes by itself when the store returns', async () => {
      const { twofold } = outage;
      const person = await createPerson(twofold);
      const { app } = await firstSignIn(new UserAgent(twofold.url), rp, person);
      // Before the outage: one sign-in waits at its code page; another is back at the application
      // with a code still to exchange.
      const waiting = new UserAgent(twofold.url);
      const codePage = await submitPassword(
        waiting,
        await waiting.navigate((await rp.start()).url),
        person.email,
        person.password,
      );
      expect(isCodePage(codePage)).toBe(true);
      const finished = new UserAgent(twofold.url);
      const finishedStart = await rp.start();
      const finishedCallback = callbackOf(
        await typeCode(
          finished,
          await submitPassword(finished, await finished.navigate(finishedStart.url), person.email, person.password),
          app,
        ),
      );
      // The code the person will type during the outage: valid for the next 30 s at least.
      const code = await app.lastingCode();

      // Every 503 of the outage is counted once, against the store that failed (src/metrics).
      const metricsUrl = `http://127.0.0.1:${twofold.metricsPort()}/metrics`;
      const unavailable = async () =>
        (await scrape(metricsUrl)).value('twofold_store_unavailable_total', { store: outage.check });
      const unavailableBefore = await unavailable();
      await outage.down();
      // A client read in the last CLIENT_CACHE_SECONDS is still known (src/clients/store.ts): in that
      // first second of a database outage with protocol state in Redis, a code exchange would spend
      // the code before the account lookup fails (SECURITY.md). The story starts past it.
      await new Promise((resolve) => setTimeout(resolve, CLIENT_CACHE_SECONDS * 1000 + 100));
      try {
        expect(await readiness(twofold)).toMatchObject({ status: 503, checks: { [outage.check]: false } });
        // The person types the code: a plain page, not an error dump.
        expectUnavailablePage(await waiting.submit(codePage, '/code', { code }));
        expectUnavailablePage(await waiting.navigate(codePage.url));
        // A new sign-in, from the application.
        expectUnavailablePage(await new UserAgent(twofold.url).navigate((await rp.start()).url));
        // The account page, whose sessions live in the store that is down.
        if (outage.sessionsDown)
          expectUnavailablePage(await new UserAgent(twofold.url).navigate(`${twofold.url}/account`));
        // The application exchanges its code: an OAuth error, nothing of the server's insides.
        const refused = await fetch(`${twofold.url}/token`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${rp.clientId}:${secret}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code: finishedCallback.searchParams.get('code')!,
            redirect_uri: rp.redirectUri,
            code_verifier: finishedStart.codeVerifier,
          }),
        });
        expect(refused.status).toBe(503);
        expect(refused.headers.get('content-type')).toMatch(/^application\/json/);
        const body = (await refused.json()) as { error: string };
        expect(body.error).toBe('temporarily_unavailable');
        expectNothingInternal(JSON.stringify(body));
        expect((await unavailable()) - unavailableBefore).toBe(outage.sessionsDown ? 5 : 4);
      } finally {
        await outage.up();
      }

      await until(async () => (await readiness(twofold)).status === 200, '/readyz to recover', 15000);
      // The code typed during the outage was not used up: it signs the person in now.
      const done = await waiting.submit(codePage, '/code', { code });
      expect(done.leftTo?.searchParams.get('code')).toBeTruthy();
      // The authorization code the application could not exchange was not consumed either.
      const tokens = await rp.finish(finishedCallback, finishedStart);
      expect(tokens.claims()).toMatchObject({ sub: person.id, amr: ['pwd', 'otp', 'mfa'] });
      // And a new sign-in starts as usual.
      expect(isPasswordPage(await new UserAgent(twofold.url).navigate((await rp.start()).url))).toBe(true);
    }, 90_000);
  });
}

outageStory('a Redis outage (protocol state in Redis)', async () => {
  // Append-only file in the server's own folder: what Redis held survives the stop.
  const redis: RedisServer = await startRedisServer(undefined, ['--appendonly', 'yes']);
  const twofold = await startTwofold({ REDIS_URL: redis.url, METRICS_PORT: '0' });
  return {
    twofold,
    check: 'redis',
    sessionsDown: true,
    down: () => redis.stop(),
    up: () => redis.restart(),
    cleanup: async () => {
      await twofold.stop();
      await redis.stop();
    },
  };
});

async function postgresBehindRelay(extra: Record<string, string>, failure: 'cut' | 'freeze' = 'cut'): Promise<Outage> {
  const databaseUrl = await createPostgresDatabase();
  const relay = await TcpProxy.start({ host: '127.0.0.1', port: 5432 });
  const relayed = new URL(databaseUrl);
  relayed.host = `127.0.0.1:${relay.port}`;
  const twofold = await startTwofold({ DATABASE_URL: relayed.toString(), METRICS_PORT: '0', ...extra });
  return {
    twofold,
    check: 'database',
    sessionsDown: !extra.REDIS_URL,
    down:
      failure === 'cut'
        ? () => relay.cut()
        : () => {
            relay.freeze();
            return Promise.resolve();
          },
    up:
      failure === 'cut'
        ? () => relay.restore()
        : () => {
            relay.thaw();
            return Promise.resolve();
          },
    cleanup: async () => {
      await twofold.stop();
      await relay.stop();
      await dropPostgresDatabase(databaseUrl);
    },
  };
}

outageStory('a PostgreSQL outage, with protocol state in Redis', () => postgresBehindRelay({ REDIS_URL }));
outageStory('a PostgreSQL outage, with protocol state in PostgreSQL too', () => postgresBehindRelay({}));
outageStory('a PostgreSQL server that stops answering (connections open, no reply)', () =>
  postgresBehindRelay({ DATABASE_QUERY_TIMEOUT: '1' }, 'freeze'),
);
