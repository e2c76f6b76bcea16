// `npm run bench`: what a sign-in, a token request, discovery and JWKS cost on this machine, and
// how much of that is our code on top of oidc-provider (a bare oidc-provider with the same keys is
// measured beside Twofold). Targets are checked at the end; the exit code says whether all held.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Provider from 'oidc-provider';
import { loadKeys } from '../src/keys/index.js';
import { startTwofold } from '../test/support/twofold.js';
import { UserAgent } from '../test/support/user-agent.js';
import { RelyingParty } from '../test/support/relying-party.js';
import { createPerson, firstSignIn, signIn } from '../test/support/sign-in.js';
import { expectStatus, measure, round, type Measurement } from './measure.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 2000);
// One request at a time: the latency of one request is what a relying party feels.
const CONCURRENCY = 1;
const SIGN_INS = Number(process.env.BENCH_SIGN_INS ?? 10);

async function bareProvider(jwks: unknown): Promise<{ url: string; close: () => void }> {
  const provider = new Provider('http://127.0.0.1', {
    jwks: jwks as never,
    features: { devInteractions: { enabled: false } },
  });
  const server = provider.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, close: () => server.close() };
}

// METRICS_PORT=0 measures with the metrics listener and its per-request counting on.
const metricsPort: Record<string, string> = process.env.METRICS_PORT ? { METRICS_PORT: process.env.METRICS_PORT } : {};
const twofold = await startTwofold({
  BCRYPT_COST: process.env.BCRYPT_COST ?? '12',
  LOG_LEVEL: 'silent',
  ...metricsPort,
});
const bare = await bareProvider((await loadKeys(twofold.config.keysDir)).jwks);
const results: Measurement[] = [];
try {
  for (const [name, url] of [
    ['discovery (Twofold)', `${twofold.url}/.well-known/openid-configuration`],
    ['discovery (bare oidc-provider)', `${bare.url}/.well-known/openid-configuration`],
    ['jwks (Twofold)', `${twofold.url}/jwks`],
    ['jwks (bare oidc-provider)', `${bare.url}/jwks`],
  ] as const) {
    results.push(await measure(name, REQUESTS, CONCURRENCY, () => expectStatus(fetch(url), 200)));
  }

  const { clientSecret } = await twofold.clients.add({
    clientId: 'bench-service',
    redirectUris: [],
    postLogoutRedirectUris: [],
    isPublic: false,
    firstParty: false,
    grants: ['client_credentials'],
  });
  const basic = `Basic ${Buffer.from(`bench-service:${clientSecret}`).toString('base64')}`;
  const form = { 'content-type': 'application/x-www-form-urlencoded', authorization: basic };
  results.push(
    await measure('token: client_credentials', REQUESTS / 2, CONCURRENCY, () =>
      expectStatus(
        fetch(`${twofold.url}/token`, { method: 'POST', headers: form, body: 'grant_type=client_credentials' }),
        200,
      ),
    ),
  );
  const token = (
    (await (
      await fetch(`${twofold.url}/token`, { method: 'POST', headers: form, body: 'grant_type=client_credentials' })
    ).json()) as { access_token: string }
  ).access_token;
  results.push(
    await measure('introspection', REQUESTS / 2, CONCURRENCY, () =>
      expectStatus(
        fetch(`${twofold.url}/token/introspection`, { method: 'POST', headers: form, body: `token=${token}` }),
        200,
      ),
    ),
  );

  // Whole sign-ins through the pages, while watching the event loop: bcrypt must run off it.
  const rp = await RelyingParty.register(twofold, { clientId: 'bench-app', firstParty: true });
  // One sign-in first: modules loaded on first use and JIT warm-up are not what a sign-in costs.
  await firstSignIn(new UserAgent(twofold.url), rp, await createPerson(twofold));
  // The benchmark's own client runs in this process too, so the delay measured is an upper bound.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  const first: number[] = [];
  const returning: number[] = [];
  loop.enable();
  for (let i = 0; i < SIGN_INS; i++) {
    const person = await createPerson(twofold);
    const ua = new UserAgent(twofold.url);
    let t = performance.now();
    const { app } = await firstSignIn(ua, rp, person);
    first.push(performance.now() - t);
    t = performance.now();
    await signIn(new UserAgent(twofold.url), rp, person, app);
    returning.push(performance.now() - t);
  }
  loop.disable();
  const median = (xs: number[]) => round([...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!);
  const rssMb = Math.round(process.memoryUsage().rss / 1024 / 1024);

  console.table(results);
  const signInReport = {
    bcryptCost: twofold.config.bcryptCost,
    metrics: twofold.metricsPort() !== undefined,
    firstSignInMedianMs: median(first),
    returningSignInMedianMs: median(returning),
    eventLoopMaxDelayMs: round(loop.max / 1e6),
    rssMb,
  };
  console.table([signInReport]);

  const byName = Object.fromEntries(results.map((r) => [r.name, r]));
  const overhead = (what: string) =>
    round(byName[`${what} (Twofold)`]!.p50ms - byName[`${what} (bare oidc-provider)`]!.p50ms);
  const targets: [string, number, number][] = [
    // [what, measured, at most]
    ['discovery: our p50 overhead over bare oidc-provider (ms)', overhead('discovery'), 0.5],
    ['jwks: our p50 overhead over bare oidc-provider (ms)', overhead('jwks'), 0.5],
    ['token (client_credentials) p50 (ms)', byName['token: client_credentials']!.p50ms, 5],
    ['event loop max delay during sign-ins (ms)', signInReport.eventLoopMaxDelayMs, 50],
    ['resident memory after the run (MiB)', rssMb, 400],
  ];
  let missed = 0;
  for (const [what, value, limit] of targets) {
    const ok = value <= limit;
    if (!ok) missed++;
    console.log(`${ok ? 'ok  ' : 'MISS'} ${what}: ${value} (target <= ${limit})`);
  }
  process.exitCode = missed ? 1 : 0;
} finally {
  bare.close();
  await twofold.stop();
}
