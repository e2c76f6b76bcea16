// Three server processes behind a load balancer, sharing only DATABASE_URL (one PostgreSQL
// database), REDIS_URL and KEYS_DIR; each has its own data folder and memory. Any request may land
// on any of them: a sign-in whose steps hop between instances works from start to logout, and a
// code accepted on one instance is refused on another. Always PostgreSQL + Redis: production shape.
import { join } from 'node:path';
import pg from 'pg';
import {
  createPostgresDatabase,
  dropPostgresDatabase,
  tempDir,
  TEST_REDIS_URL as REDIS_URL,
} from '../support/databases.js';
import { runCli } from '../support/cli.js';
import { spawnTwofold, type TwofoldProcess } from '../support/twofold-process.js';
import { LoadBalancer, type Forwarded } from '../support/load-balancer.js';
import { RelyingParty } from '../support/relying-party.js';
import { UserAgent } from '../support/user-agent.js';
import {
  PASSWORD,
  callbackOf,
  enrol,
  isCodePage,
  isPasswordPage,
  submitPassword,
  typeCode,
} from '../support/sign-in.js';
import type { AuthenticatorApp } from '../support/authenticator-app.js';
import { migrationsOnDisk } from '../support/migrations.js';

const NAMES = ['A', 'B', 'C'] as const;
type Name = (typeof NAMES)[number];

/** Every request of the step went to `instance`, and there was at least one. */
function expectServedBy(served: Forwarded[], instance: Name): void {
  expect(served.length).toBeGreaterThan(0);
  expect(served.map((s) => s.instance)).toEqual(served.map(() => instance));
}

describe('three instances sharing one database, one Redis and one keys folder', () => {
  let databaseUrl: string;
  let balancer: LoadBalancer;
  let shared: Record<string, string>;
  const instances = new Map<Name, TwofoldProcess>();
  let rp: RelyingParty;
  let app: AuthenticatorApp;
  const email = `hopper-${Date.now()}@example.com`;

  beforeAll(async () => {
    databaseUrl = await createPostgresDatabase();
    balancer = await LoadBalancer.start();
    const dir = tempDir();
    shared = {
      DATABASE_URL: databaseUrl,
      REDIS_URL,
      // One deployment: every instance the same prefix, of its own among the suite's.
      REDIS_KEY_PREFIX: `t${Date.now().toString(36)}:`,
      KEYS_DIR: join(dir, 'keys'),
      ISSUER: balancer.url,
      BCRYPT_COST: '4',
    };
    // Started at the same moment, on an empty database and an empty keys folder.
    const started = await Promise.all(
      NAMES.map((name) => spawnTwofold({ ...shared, DATA_DIR: join(dir, `data-${name}`) })),
    );
    NAMES.forEach((name, i) => {
      instances.set(name, started[i]!);
      balancer.add(name, started[i]!.port);
    });

    const added = await runCli(['user', 'add', email, '--password-stdin'], shared, `${PASSWORD}\n`);
    expect(added.stderr).toBe('');
    rp = await RelyingParty.addedWithCli(balancer.url, shared, 'shop', [
      '--post-logout-redirect-uri',
      'https://rp.example/shop/signed-out',
    ]);

    // The first sign-in links the app (password on B, enrolment on C).
    const ua = new UserAgent(balancer.url);
    const start = await rp.start();
    const passwordPage = (await balancer.via('A', () => ua.navigate(start.url))).result;
    const enrolment = (await balancer.via('B', () => submitPassword(ua, passwordPage, email, PASSWORD))).result;
    const enrolled = (await balancer.via('C', () => enrol(ua, enrolment))).result;
    app = enrolled.app;
    await balancer.via('A', () => rp.finish(callbackOf(enrolled.visit), start));
  }, 120_000);

  afterAll(async () => {
    await Promise.all([...instances.values()].map((instance) => instance.kill()));
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
    await balancer?.stop();
    if (databaseUrl) await dropPostgresDatabase(databaseUrl);
  });

  it('applied the migrations once, although the three started at the same moment', async () => {
    const reports = [...instances.values()].flatMap((instance) =>
      instance.logs.filter((line) => line.msg === 'database migrations applied'),
    );
    expect(reports).toHaveLength(1);
    expect(reports[0]!.applied).toEqual(migrationsOnDisk('postgresql').map((m) => m.name));
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT migration_name FROM _prisma_migrations');
      expect(rows).toHaveLength(migrationsOnDisk('postgresql').length);
    } finally {
      await client.end();
    }
  });

  it('publishes the same signing keys from every instance', async () => {
    const jwks = await Promise.all(
      [...instances.values()].map(async (instance) => (await fetch(`${instance.origin}/jwks`)).text()),
    );
    expect((JSON.parse(jwks[0]!) as { keys: unknown[] }).keys.length).toBeGreaterThan(0);
    expect(new Set(jwks).size).toBe(1);
  });

  it('a sign-in whose every step lands on another instance succeeds from authorization to logout', async () => {
    const ua = new UserAgent(balancer.url);
    const start = await rp.start({ scope: 'openid email offline_access', prompt: 'consent' });

    const authorize = await balancer.via('A', () => ua.navigate(start.url));
    expectServedBy(authorize.served, 'A');
    expect(isPasswordPage(authorize.result)).toBe(true);

    const password = await balancer.via('B', () => submitPassword(ua, authorize.result, email, PASSWORD));
    expectServedBy(password.served, 'B');
    expect(password.served[0]).toMatchObject({
      method: 'POST',
      path: expect.stringMatching(/^\/interaction\/.+\/password$/),
    });
    expect(isCodePage(password.result)).toBe(true);

    const code = await balancer.via('C', () => typeCode(ua, password.result, app));
    expectServedBy(code.served, 'C');
    expect(code.served[0]).toMatchObject({ method: 'POST', path: expect.stringMatching(/\/code$/) });

    const token = await balancer.via('A', () => rp.finish(callbackOf(code.result), start));
    expectServedBy(token.served, 'A');
    expect(token.served.map((s) => s.path)).toContain('/token');
    const tokens = token.result;
    expect(tokens.claims()).toMatchObject({ aud: 'shop', amr: ['pwd', 'otp', 'mfa'] });
    expect(tokens.refresh_token).toBeTruthy();
    const sub = tokens.claims()!.sub;

    const refresh = await balancer.via('B', () => rp.refresh(tokens.refresh_token!));
    expectServedBy(refresh.served, 'B');
    expect(refresh.result.access_token).not.toBe(tokens.access_token);

    const userinfo = await balancer.via('C', () => rp.userinfo(refresh.result.access_token, sub));
    expectServedBy(userinfo.served, 'C');
    expect(userinfo.result).toMatchObject({ sub, email });

    const logout = await balancer.via('A', async () => {
      const confirm = await ua.navigate(rp.logoutUrl(refresh.result.id_token ?? tokens.id_token!));
      return ua.submit(confirm, '/session/end/confirm', {}, 'yes');
    });
    expectServedBy(logout.served, 'A');
    expect(logout.result.leftTo?.href).toBe(rp.postLogoutRedirectUri);

    // The session is gone for every instance: the next authorization asks for the password again.
    const again = await balancer.via('B', async () => ua.navigate((await rp.start()).url));
    expect(isPasswordPage(again.result)).toBe(true);
  });

  it('a code accepted on one instance is refused when replayed on another', async () => {
    // A person and an app of this test's own: the app has fresh time steps for its three codes,
    // so nothing waits for the clock (these servers keep real time).
    const replayer = `replayer-${Date.now()}@example.com`;
    expect((await runCli(['user', 'add', replayer, '--password-stdin'], shared, `${PASSWORD}\n`)).code).toBe(0);
    const enrolling = new UserAgent(balancer.url);
    const enrolStart = await rp.start();
    const enrolPassword = (await balancer.via('C', () => enrolling.navigate(enrolStart.url))).result;
    const enrolPage = (await balancer.via('C', () => submitPassword(enrolling, enrolPassword, replayer, PASSWORD)))
      .result;
    const enrolled = (await balancer.via('C', () => enrol(enrolling, enrolPage))).result;
    const ownApp = enrolled.app;
    await balancer.via('C', () => rp.finish(callbackOf(enrolled.visit), enrolStart));

    const first = new UserAgent(balancer.url);
    const firstStart = await rp.start();
    const firstPassword = (await balancer.via('A', () => first.navigate(firstStart.url))).result;
    const firstCode = (await balancer.via('A', () => submitPassword(first, firstPassword, replayer, PASSWORD))).result;
    // Accepted for at least 30 s more: the replays below land inside its window (else merely wrong).
    const accepted = await ownApp.lastingCode();
    const done = (await balancer.via('A', () => first.submit(firstCode, '/code', { code: accepted }))).result;
    await balancer.via('A', () => rp.finish(callbackOf(done), firstStart));

    // Another browser, the same code, on instance B: the replay guard lives in the shared database.
    const second = new UserAgent(balancer.url);
    const secondStart = await rp.start();
    const secondPassword = (await balancer.via('B', () => second.navigate(secondStart.url))).result;
    const secondCode = (await balancer.via('B', () => submitPassword(second, secondPassword, replayer, PASSWORD)))
      .result;
    const replay = await balancer.via('B', () => second.submit(secondCode, '/code', { code: accepted }));
    expectServedBy(replay.served, 'B');
    expect(replay.result.leftTo).toBeUndefined();
    expect(isCodePage(replay.result)).toBe(true);
    expect(replay.result.body).toContain('That code was already used');

    // And on C too; a fresh code then works there.
    const onC = await balancer.via('C', () => second.submit(replay.result, '/code', { code: accepted }));
    expect(onC.result.body).toContain('That code was already used');
    const fresh = await balancer.via('C', () => typeCode(second, onC.result, ownApp));
    const tokens = (await balancer.via('A', () => rp.finish(callbackOf(fresh.result), secondStart))).result;
    expect(tokens.claims()!.amr).toEqual(['pwd', 'otp', 'mfa']);
  }, 120_000);
});
