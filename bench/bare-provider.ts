// The yardstick of `npm run bench`: oidc-provider by itself, configured like Twofold's provider
// (same keys, same grants and lifetimes, PKCE, rotating refresh tokens), with its state in memory
// (a Map, like its own memory adapter) or in Redis (beside Twofold on PostgreSQL + Redis) and the least sign-in that still does the
// same work per person: a password page checked with bcrypt, then a page for a TOTP code checked
// with otplib, then the login. Whatever Twofold costs beyond this server is our code.
// Run as its own process by bench/run.ts; prints one line `listening <port>` on stdout.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import Provider, { type Adapter, type AdapterPayload, type Configuration } from 'oidc-provider';
import { Redis } from 'ioredis';
import { loadKeys } from '../src/keys/index.js';
import { verifyTotp } from '../src/mfa/totp-app/totp.js';
import { verifyPassword } from '../src/accounts/password.js';

export interface BareSetup {
  port: number;
  keysDir: string;
  /** The one password hash every account has (the bench seeds both servers with the same). */
  passwordHash: string;
  /** The TOTP secret (base32) of every account. */
  totpSecret: string;
  clients: NonNullable<Configuration['clients']>;
  redisUrl?: string | undefined;
  redisPrefix?: string | undefined;
}

const setup = JSON.parse(process.env.BARE_SETUP ?? '{}') as BareSetup;
const keys = await loadKeys(setup.keysDir);

// The memory adapter is oidc-provider's own default; with Redis, the usual shape: one key per
// entry with its lifetime, a list of each grant's entries, uid and user-code lookups.
function redisAdapter(redis: Redis, prefix: string) {
  return class RedisAdapter implements Adapter {
    constructor(private readonly model: string) {}
    private key(id: string) {
      return `${prefix}${this.model}:${id}`;
    }
    async upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
      const key = this.key(id);
      const multi = redis.multi().hset(key, 'payload', JSON.stringify(payload));
      if (expiresIn) multi.expire(key, expiresIn);
      if (payload.grantId) {
        const grant = `${prefix}grant:${payload.grantId}`;
        multi.rpush(grant, key);
        if (expiresIn) multi.expire(grant, expiresIn, 'GT');
      }
      if (payload.uid) multi.set(`${prefix}uid:${payload.uid}`, id, 'EX', expiresIn ?? 3600);
      if (payload.userCode) multi.set(`${prefix}userCode:${payload.userCode}`, id, 'EX', expiresIn ?? 3600);
      await multi.exec();
    }
    async find(id: string) {
      const { payload, consumed } = await redis.hgetall(this.key(id));
      if (!payload) return undefined;
      const parsed = JSON.parse(payload) as AdapterPayload;
      return consumed ? { ...parsed, consumed: Number(consumed) } : parsed;
    }
    async findByUid(uid: string) {
      const id = await redis.get(`${prefix}uid:${uid}`);
      return id ? this.find(id) : undefined;
    }
    async findByUserCode(userCode: string) {
      const id = await redis.get(`${prefix}userCode:${userCode}`);
      return id ? this.find(id) : undefined;
    }
    async consume(id: string) {
      await redis.hset(this.key(id), 'consumed', Math.floor(Date.now() / 1000));
    }
    async destroy(id: string) {
      await redis.del(this.key(id));
    }
    async revokeByGrantId(grantId: string) {
      const grant = `${prefix}grant:${grantId}`;
      const entries = await redis.lrange(grant, 0, -1);
      await redis.del(...entries, grant);
    }
  };
}

// oidc-provider's own memory adapter keeps at most 1000 entries (an LRU): a bench issues thousands
// of tokens a second and would lose its refresh tokens and grants. The same Map, without eviction.
class MemoryAdapter implements Adapter {
  private static readonly entries = new Map<string, { payload: AdapterPayload; expires: number }>();
  constructor(private readonly model: string) {}
  private key(id: string) {
    return `${this.model}:${id}`;
  }
  private live(key: string | undefined) {
    const entry = key === undefined ? undefined : MemoryAdapter.entries.get(key);
    return entry && entry.expires > Date.now() ? entry.payload : undefined;
  }
  upsert(id: string, payload: AdapterPayload, expiresIn?: number) {
    const key = this.key(id);
    MemoryAdapter.entries.set(key, { payload, expires: expiresIn ? Date.now() + expiresIn * 1000 : Infinity });
    if (payload.grantId) MemoryAdapter.index(`grant:${payload.grantId}`).push(key);
    if (payload.uid) MemoryAdapter.lookups.set(`uid:${payload.uid}`, key);
    if (payload.userCode) MemoryAdapter.lookups.set(`userCode:${payload.userCode}`, key);
    return Promise.resolve();
  }
  find(id: string) {
    return Promise.resolve(this.live(this.key(id)));
  }
  findByUid(uid: string) {
    return Promise.resolve(this.live(MemoryAdapter.lookups.get(`uid:${uid}`)));
  }
  findByUserCode(userCode: string) {
    return Promise.resolve(this.live(MemoryAdapter.lookups.get(`userCode:${userCode}`)));
  }
  consume(id: string) {
    const payload = this.live(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }
  destroy(id: string) {
    MemoryAdapter.entries.delete(this.key(id));
    return Promise.resolve();
  }
  revokeByGrantId(grantId: string) {
    for (const key of MemoryAdapter.index(`grant:${grantId}`)) MemoryAdapter.entries.delete(key);
    MemoryAdapter.grants.delete(`grant:${grantId}`);
    return Promise.resolve();
  }
  private static readonly lookups = new Map<string, string>();
  private static readonly grants = new Map<string, string[]>();
  private static index(key: string): string[] {
    let list = MemoryAdapter.grants.get(key);
    if (!list) MemoryAdapter.grants.set(key, (list = []));
    return list;
  }
}

const redis = setup.redisUrl ? new Redis(setup.redisUrl) : undefined;
const provider = new Provider(`http://127.0.0.1:${setup.port}`, {
  adapter: redis ? redisAdapter(redis, setup.redisPrefix ?? 'bare:') : MemoryAdapter,
  clients: setup.clients,
  jwks: keys.jwks,
  cookies: { keys: keys.cookieKeys },
  scopes: ['openid', 'email', 'profile', 'offline_access'],
  responseTypes: ['code'],
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    clientCredentials: { enabled: true },
    introspection: { enabled: true },
    revocation: { enabled: true },
  },
  rotateRefreshToken: () => true,
  ttl: { AccessToken: 3600, AuthorizationCode: 60, ClientCredentials: 600, Interaction: 900, Grant: 1209600 },
  interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (_ctx, sub) => ({ accountId: sub, claims: () => ({ sub }) }),
});

// Between the two pages: which interaction has passed its password (in memory, like its state).
const passwordPassed = new Map<string, string>();
const page = (uid: string, step: 'password' | 'code') =>
  `<!doctype html><title>${step}</title><form method="post" action="/interaction/${uid}/${step}">` +
  (step === 'password' ? '<input name="email"><input name="password" type="password">' : '<input name="code">') +
  '<button>Continue</button></form>';

async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, step?: string) {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name === 'consent') {
    const grant = new provider.Grant({
      accountId: details.session!.accountId,
      clientId: String(details.params.client_id),
    });
    grant.addOIDCScope(String(details.params.scope));
    await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } });
    return;
  }
  if (req.method === 'GET') {
    html(res, page(uid, passwordPassed.has(uid) ? 'code' : 'password'));
    return;
  }
  const form = new URLSearchParams(await body(req));
  if (step === 'password') {
    if (!(await verifyPassword(form.get('password') ?? '', setup.passwordHash))) {
      html(res, page(uid, 'password'));
      return;
    }
    passwordPassed.set(uid, form.get('email') ?? '');
    res.writeHead(303, { location: `/interaction/${uid}` }).end();
    return;
  }
  const email = passwordPassed.get(uid);
  if (email === undefined || verifyTotp(setup.totpSecret, form.get('code') ?? '') === null) {
    html(res, page(uid, 'code'));
    return;
  }
  passwordPassed.delete(uid);
  await provider.interactionFinished(req, res, { login: { accountId: email } }, { mergeWithLastSubmission: false });
}

function html(res: ServerResponse, text: string) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(text);
}

function body(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
    req.on('end', () => resolve(text)).on('error', reject);
  });
}

const app = provider.callback();
const server = createServer((req, res) => {
  const match = /^\/interaction\/([^/?]+)(?:\/(password|code))?$/.exec(req.url ?? '');
  if (!match) return void app(req, res);
  interaction(req, res, match[1]!, match[2]).catch((error: unknown) => {
    res.writeHead(500).end(String(error));
  });
});
server.listen(setup.port, '127.0.0.1', () => process.stdout.write(`listening ${setup.port} ${randomUUID()}\n`));
process.on('SIGTERM', () => {
  server.close();
  void redis?.quit();
  process.exit(0);
});
