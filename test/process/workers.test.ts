// WORKERS=2: one server process forks two workers that serve one port together. Behind a balancer
// that opens a new connection per request, consecutive requests reach alternate workers (Node's
// cluster hands connections out in turn), so every step of a sign-in may be served by another
// process than the step before: the pending sign-in, CSRF tokens, sessions, rate limits and
// metrics must not live in one worker's memory. On the embedded default (SQLite) and on
// PostgreSQL + Redis.
import { join } from 'node:path';
import { createPostgresDatabase, dropPostgresDatabase, tempDir } from '../support/databases.js';
import { runCli } from '../support/cli.js';
import { spawnTwofold, type TwofoldProcess } from '../support/twofold-process.js';
import { LoadBalancer, type Forwarded } from '../support/load-balancer.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgent } from '../support/user-agent.js';
import { PASSWORD, callbackOf, enrol, submitPassword } from '../support/sign-in.js';
import { scrape } from '../support/prometheus.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SLOW = 120_000;

describe.each([
  ['the embedded SQLite database', false],
  ['PostgreSQL + Redis', true],
])('two workers on %s', (_name, production) => {
  let server: TwofoldProcess;
  let balancer: LoadBalancer;
  let env: Record<string, string>;
  let databaseUrl: string | undefined;
  let rp: RelyingParty;

  /** Which worker wrote the request log line of each answer (a line may arrive just after its answer). */
  const workersOf = (served: Forwarded[]) =>
    Promise.all(
      served.map(
        async (answer) =>
          (await server.waitForLog((line) => line.msg === 'request' && line.reqId === answer.requestId, 5000)).worker,
      ),
    );

  beforeAll(async () => {
    balancer = await LoadBalancer.start({ freshConnections: true });
    const dir = tempDir();
    if (production) databaseUrl = await createPostgresDatabase();
    env = {
      DATA_DIR: join(dir, 'data'),
      KEYS_DIR: join(dir, 'keys'),
      ISSUER: balancer.url,
      BCRYPT_COST: '4',
      WORKERS: '2',
      METRICS_PORT: '0',
      RATE_LIMIT_PASSWORD_PER_ACCOUNT_IP: '3',
      ...(databaseUrl ? { DATABASE_URL: databaseUrl, REDIS_URL } : {}),
    };
    server = await spawnTwofold(env);
    balancer.add('workers', server.port);
    rp = await RelyingParty.addedWithCli(balancer.url, env, 'shop');
  }, SLOW);

  afterAll(async () => {
    await server.kill();
    await balancer.stop();
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
  });

  it('starts both workers and says so once', async () => {
    // Each process's lines leave on its own schedule (src/logging.ts): a worker's may come just after.
    await server.waitForLog(
      () => new Set(server.logs.filter((l) => l.msg === 'worker listening').map((l) => l.worker)).size === 2,
    );
    expect(server.logs.filter((line) => line.msg === 'worker listening').map((line) => line.worker)).toEqual(
      expect.arrayContaining([1, 2]),
    );
    expect(server.logs.filter((line) => line.msg === 'twofold listening')).toEqual([
      expect.objectContaining({ workers: 2, port: server.port }),
    ]);
  });

  it(
    'a sign-in whose steps alternate between the workers links an app, gets tokens, and the session holds',
    async () => {
      const email = `alternating-${Date.now()}@example.com`;
      expect((await runCli(['user', 'add', email, '--password-stdin'], env, `${PASSWORD}\n`)).stderr).toBe('');
      const ua = new UserAgent(balancer.url);
      const start = await rp.start({ scope: 'openid email offline_access', prompt: 'consent' });
      const signIn = await balancer.via('workers', async () => {
        const passwordPage = await ua.navigate(start.url);
        const enrolled = await enrol(ua, await submitPassword(ua, passwordPage, email, PASSWORD));
        return { enrolled, tokens: await rp.finish(callbackOf(enrolled.visit), start) };
      });
      const workers = await workersOf(signIn.served);
      // The password's answer (pending sign-in written) was read by the other worker, and so on.
      const password = signIn.served.findIndex((s) => s.method === 'POST' && s.path.endsWith('/password'));
      expect(workers[password]).toBeDefined();
      expect(workers[password + 1]).toBeDefined();
      expect(workers[password + 1]).not.toBe(workers[password]);
      expect(new Set(workers)).toEqual(new Set([1, 2]));
      expect(signIn.result.tokens.claims()).toMatchObject({ aud: 'shop', amr: ['pwd', 'otp', 'mfa'] });

      // Refresh and userinfo on whichever worker; then the session: a new authorization needs no password.
      const refreshed = await rp.refresh(signIn.result.tokens.refresh_token!);
      const sub = signIn.result.tokens.claims()!.sub;
      expect(await rp.userinfo(refreshed.access_token, sub)).toMatchObject({ sub, email });
      const again = await rp.start();
      const back = await balancer.via('workers', () => ua.navigate(again.url));
      expect(back.result.leftTo?.searchParams.get('code')).toBeTruthy();
    },
    SLOW,
  );

  it(
    'under load from both workers every request gets its log line, each one whole JSON',
    async () => {
      // Both workers gather lines before writing them to the one pipe (src/logging.ts): none may be
      // lost or cut. (Writes of at most PIPE_BUF bytes also stay whole when the reader lags behind
      // and the pipe fills, which a test reading as fast as this one does not bring about.)
      const ids: string[] = [];
      const loop = async () => {
        while (ids.length < 3000) {
          const answer = await fetch(`${server.origin}/jwks`);
          await answer.arrayBuffer();
          expect(answer.status).toBe(200);
          ids.push(answer.headers.get('x-request-id')!);
        }
      };
      await Promise.all(Array.from({ length: 32 }, loop));
      const wanted = new Set(ids);
      const seen = () => server.logs.filter((line) => line.msg === 'request' && wanted.has(line.reqId as string));
      await server.waitForLog(() => seen().length >= wanted.size, 10_000);
      expect(server.logs.filter((line) => line.level === 0)).toEqual([]);
      expect(new Set(seen().map((line) => line.reqId))).toEqual(wanted);
      expect(new Set(seen().map((line) => line.worker))).toEqual(new Set([1, 2]));
    },
    SLOW,
  );

  it(
    'wrong passwords from one address are counted by both workers together',
    async () => {
      const email = `counted-${Date.now()}@example.com`;
      const statuses: number[] = [];
      const attempts = await balancer.via('workers', async () => {
        for (let i = 0; i < 4; i++) {
          const ua = new UserAgent(balancer.url);
          const page = await ua.navigate((await rp.start()).url);
          statuses.push((await submitPassword(ua, page, email, `wrong guess ${i}`)).status);
        }
      });
      const posts = attempts.served.filter((s) => s.method === 'POST');
      expect(new Set(await workersOf(posts))).toEqual(new Set([1, 2]));
      expect(statuses).toEqual([200, 200, 200, 429]);
    },
    SLOW,
  );

  it(
    "the metrics port adds up every worker's requests",
    async () => {
      const metricsUrl = `http://127.0.0.1:${String(server.logs.find((l) => l.msg === 'twofold listening')!.metricsPort)}/metrics`;
      const count = async () =>
        (await scrape(metricsUrl)).samples
          .filter((s) => s.name === 'twofold_http_requests_total' && s.labels.route === 'health')
          .reduce((sum, s) => sum + s.value, 0);
      const before = await count();
      const health = await balancer.via('workers', async () => {
        for (let i = 0; i < 6; i++) expect((await fetch(`${balancer.url}/healthz`)).status).toBe(200);
      });
      expect(new Set(await workersOf(health.served))).toEqual(new Set([1, 2]));
      expect((await count()) - before).toBe(6);
    },
    SLOW,
  );

  it(
    'a worker that dies is replaced, and the port keeps answering',
    async () => {
      const victim = server.logs.find((line) => line.msg === 'worker listening')!;
      process.kill(Number(victim.pid), 'SIGKILL');
      await server.waitForLog((line) => line.msg === 'worker exited; starting another');
      const listening = () => server.logs.filter((line) => line.msg === 'worker listening').length;
      await server.waitForLog(() => listening() === 3);
      for (let i = 0; i < 4; i++) expect((await fetch(`${balancer.url}/healthz`)).status).toBe(200);
    },
    SLOW,
  );

  it(
    'SIGTERM stops every worker and the server exits 0',
    async () => {
      server.child.kill('SIGTERM');
      expect(await server.exited).toEqual({ code: 0, signal: null });
      expect(server.logs.map((line) => line.msg)).toContain(
        'stopped: every worker drained and closed its database and redis pools',
      );
    },
    SLOW,
  );
});
