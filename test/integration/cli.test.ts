// The admin CLI as an administrator uses it: the compiled `twofold` in its own process, on a real
// database (SQLite, or PostgreSQL with TEST_DATABASE=postgresql). Every refusal is one line on
// stderr, a non-zero exit code, and no change in the database.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/index.js';
import { openDatabase, type Database } from '../../src/database/client.js';
import { verifyPassword } from '../../src/accounts/password.js';
import { DatabaseAdapter } from '../../src/oidc/adapters/database.js';
import { ensureCliBuilt, runCli, type CliResult } from '../support/cli.js';
import { freshEnvironment } from '../support/databases.js';

const GOOD_PASSWORD = 'correct horse battery staple';
// Each command is a fresh Node process (about a second, several on a busy machine).
const SLOW = 180_000;

describe('twofold CLI', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let db: Database;
  const twofold = (args: string[], stdin?: string, extraEnv: Record<string, string> = {}) => runCli(args, { ...env, ...extraEnv }, stdin);

  beforeAll(async () => {
    ensureCliBuilt();
    ({ env, cleanup } = await freshEnvironment());
  }, 180_000);
  afterAll(async () => {
    await db?.$disconnect();
    await cleanup();
  });

  // Everything an administrator's command could change, to show a refusal changed nothing.
  const snapshot = async () => ({
    accounts: await db.account.findMany({ orderBy: { id: 'asc' } }),
    clients: await db.client.findMany({ orderBy: { clientId: 'asc' } }),
    authenticators: await db.authenticator.findMany({ orderBy: { id: 'asc' } }),
    protocolState: await db.oidcPayload.count(),
    auditEvents: await db.auditEvent.count(),
  });

  const expectSuccess = (result: CliResult) => {
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });
  };
  const expectRefusal = (result: CliResult, code: number, message: RegExp) => {
    expect(result.code).toBe(code);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^twofold: [^\n]+\n$/);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack frame
  };

  it('applies the migrations to an empty database, then has nothing left to apply', async () => {
    const first = await twofold(['migrate']);
    expectSuccess(first);
    expect(first.stdout).toMatch(/^applied \S+_init$/m);
    const second = await twofold(['migrate']);
    expectSuccess(second);
    expect(second.stdout).toBe('database is up to date\n');
    db = openDatabase(loadConfig(env).database);
  }, SLOW);

  it('lists every command in --help', async () => {
    const result = await twofold(['--help']);
    expectSuccess(result);
    for (const command of ['user add', 'user list', 'user disable', 'user reset-mfa', 'client add', 'client list', 'client remove', 'keys rotate', 'migrate', 'audit']) {
      expect(result.stdout).toContain(`twofold ${command}`);
    }
  }, SLOW);

  it('creates an account from a password on stdin, and lists it', async () => {
    const added = await twofold(['user', 'add', 'Ada@Example.com', '--name', 'Ada Lovelace', '--password-stdin'], `${GOOD_PASSWORD}\n`);
    expectSuccess(added);
    expect(added.stdout).toBe('account created: ada@example.com\n');

    const account = await db.account.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    expect(account.displayName).toBe('Ada Lovelace');
    expect(account.passwordHash).not.toContain(GOOD_PASSWORD);
    expect(await verifyPassword(GOOD_PASSWORD, account.passwordHash)).toBe(true);
    expect(await verifyPassword(`${GOOD_PASSWORD}\n`, account.passwordHash)).toBe(false);
    expect(await db.auditEvent.count({ where: { type: 'account_created', accountId: account.id } })).toBe(1);

    const table = await twofold(['user', 'list']);
    expectSuccess(table);
    expect(table.stdout).toMatch(/^EMAIL\s+NAME\s+CREATED\s+DISABLED\s+MFA$/m);
    expect(table.stdout).toMatch(/^ada@example\.com\s+Ada Lovelace\s+\S+\s+no$/m);

    const json = await twofold(['user', 'list', '--json']);
    expectSuccess(json);
    expect(JSON.parse(json.stdout)).toEqual([
      { email: 'ada@example.com', name: 'Ada Lovelace', created_at: account.createdAt.toISOString(), disabled_at: null, mfa_enrolled: false },
    ]);
  }, SLOW);

  it('treats addresses that differ by case or Unicode width as one account', async () => {
    const before = await snapshot();
    // Full-width letters (NFKC folds them to ASCII) and upper case: the same address as ada@example.com.
    expectRefusal(await twofold(['user', 'add', 'ＡＤＡ@example.com', '--password-stdin'], `${GOOD_PASSWORD}\n`), 1, /already exists/);
    expectRefusal(await twofold(['user', 'add', 'ADA@EXAMPLE.COM', '--password-stdin'], `${GOOD_PASSWORD}\n`), 1, /already exists/);
    expect(await snapshot()).toEqual(before);
  }, SLOW);

  it('keeps every byte of a long password significant (bcrypt alone reads only 72)', async () => {
    const prefix = 'my grandmother kept seventeen cats in a lighthouse near the harbour town '.slice(0, 72);
    expect(Buffer.byteLength(prefix)).toBe(72);
    const chosen = `${prefix}-and one goat`;
    const other = `${prefix}-and two dogs`;
    expectSuccess(await twofold(['user', 'add', 'long@example.com', '--password-stdin'], `${chosen}\n`));
    const { passwordHash } = await db.account.findUniqueOrThrow({ where: { email: 'long@example.com' } });
    expect(await verifyPassword(chosen, passwordHash)).toBe(true);
    expect(await verifyPassword(other, passwordHash)).toBe(false);
  }, SLOW);

  it('refuses bad input with one line on stderr and writes nothing', async () => {
    expectSuccess(await twofold(['client', 'add', '--id', 'taken', '--redirect-uri', 'https://rp.example/cb']));
    const before = await snapshot();
    const cases: [args: string[], stdin: string | undefined, code: number, message: RegExp][] = [
      [['user', 'add', 'ada@example.com', '--password-stdin'], `${GOOD_PASSWORD}\n`, 1, /account with email ada@example\.com already exists/],
      [['user', 'add', 'not-an-address', '--password-stdin'], `${GOOD_PASSWORD}\n`, 1, /not a valid email address/],
      [['user', 'add', 'a b@example.com', '--password-stdin'], `${GOOD_PASSWORD}\n`, 1, /not a valid email address/],
      [['user', 'add', 'new@example.com', '--password-stdin'], 'short12\n', 1, /at least 8 characters/],
      [['user', 'add', 'new@example.com', '--password-stdin'], 'password123\n', 1, /too common/],
      [['user', 'add', 'new@example.com', '--password-stdin'], '', 1, /no password on stdin/],
      [['user', 'add', 'new@example.com', '--password-stdin'], '\n', 1, /no password on stdin/],
      [['user', 'add', 'new@example.com', '--password-stdin'], `${GOOD_PASSWORD}\nsecond line\n`, 1, /single line/],
      [['user', 'add', 'new@example.com'], undefined, 2, /--password-stdin/],
      [['user', 'disable', 'nobody@example.com'], undefined, 1, /no account with email nobody@example\.com/],
      [['user', 'reset-mfa', 'nobody@example.com'], undefined, 1, /no account with email nobody@example\.com/],
      [['client', 'add', '--id', 'taken', '--redirect-uri', 'https://other.example/cb'], undefined, 1, /client with id taken already exists/],
      [['client', 'add', '--id', 'bad-uri', '--redirect-uri', 'not a url'], undefined, 1, /not a valid URL/],
      [['client', 'add', '--id', 'fragment', '--redirect-uri', 'https://rp.example/cb#x'], undefined, 1, /fragment/],
      [['client', 'add', '--id', 'nothing'], undefined, 1, /redirect-uri/],
      [['client', 'add', '--id', 'spa', '--public', '--grant', 'client_credentials'], undefined, 1, /public client/],
      [['client', 'add', '--redirect-uri', 'https://rp.example/cb'], undefined, 2, /--id/],
      [['client', 'remove', 'no-such-client'], undefined, 1, /no client with id "no-such-client"/],
      [['user', 'list', '--colour'], undefined, 2, /unknown option '--colour'/],
      [['users', 'list'], undefined, 2, /unknown command 'users'/],
      [['audit', '--since', 'yesterday'], undefined, 2, /15m, 24h or 7d/],
      [['audit', '--user', 'nobody@example.com'], undefined, 1, /no account with email/],
    ];
    for (const [args, stdin, code, message] of cases) {
      const result = await twofold(args, stdin);
      try {
        expectRefusal(result, code, message);
      } catch (error) {
        throw new Error(`twofold ${args.join(' ')}: ${(error as Error).message}`);
      }
    }
    expect(await snapshot()).toEqual(before);
  }, 2 * SLOW);

  it('stops with exit code 2 on a configuration error, naming the variable', async () => {
    const before = await snapshot();
    expectRefusal(await twofold(['user', 'list'], undefined, { DATABASE_URL: 'mysql://db.example/twofold' }), 2, /configuration error: DATABASE_URL must be a postgresql:\/\/ or file: URL/);
    expectRefusal(await twofold(['user', 'list'], undefined, { PORT: 'eighty' }), 2, /configuration error: PORT must be a whole number/);
    expectRefusal(await twofold(['user', 'add', 'cfg@example.com', '--password-stdin'], `${GOOD_PASSWORD}\n`, { BCRYPT_COST: '99' }), 2, /BCRYPT_COST/);
    expect(await snapshot()).toEqual(before);
  }, SLOW);

  it('disables an account and ends its sessions and tokens', async () => {
    expectSuccess(await twofold(['user', 'add', 'grace@example.com', '--password-stdin'], `${GOOD_PASSWORD}\n`));
    const grace = await db.account.findUniqueOrThrow({ where: { email: 'grace@example.com' } });
    const ada = await db.account.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    await givenSignedIn(db, grace.id);
    await givenSignedIn(db, ada.id);

    const result = await twofold(['user', 'disable', 'Grace@Example.com']);
    expectSuccess(result);
    expect(result.stdout).toMatch(/account disabled: grace@example\.com/);
    expect((await db.account.findUniqueOrThrow({ where: { id: grace.id } })).disabledAt).toBeInstanceOf(Date);
    expect(await db.oidcPayload.count({ where: { accountId: grace.id } })).toBe(0);
    expect(await db.oidcPayload.count({ where: { accountId: ada.id } })).toBe(2); // others keep theirs
    expect(await db.auditEvent.count({ where: { type: 'account_disabled', accountId: grace.id } })).toBe(1);

    const listed = JSON.parse((await twofold(['user', 'list', '--json'])).stdout) as { email: string; disabled_at: string | null }[];
    expect(listed.find((a) => a.email === 'grace@example.com')?.disabled_at).toEqual(expect.any(String));
    expect(listed.find((a) => a.email === 'ada@example.com')?.disabled_at).toBeNull();
  }, SLOW);

  it('resets the second factor: authenticators removed, sessions ended, shown as not enrolled', async () => {
    const ada = await db.account.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
    await db.authenticator.create({
      data: { id: randomUUID(), accountId: ada.id, label: 'phone', secretCiphertext: 'not-a-real-secret', secretKeyId: 'k', confirmedAt: new Date() },
    });
    const enrolled = JSON.parse((await twofold(['user', 'list', '--json'])).stdout) as { email: string; mfa_enrolled: boolean }[];
    expect(enrolled.find((a) => a.email === 'ada@example.com')?.mfa_enrolled).toBe(true);

    const result = await twofold(['user', 'reset-mfa', 'ada@example.com']);
    expectSuccess(result);
    expect(result.stdout).toMatch(/1 authenticator\(s\) removed/);
    expect(await db.authenticator.count({ where: { accountId: ada.id } })).toBe(0);
    expect(await db.oidcPayload.count({ where: { accountId: ada.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { type: 'mfa_reset', accountId: ada.id } })).toBe(1);
    const after = JSON.parse((await twofold(['user', 'list', '--json'])).stdout) as { email: string; mfa_enrolled: boolean }[];
    expect(after.find((a) => a.email === 'ada@example.com')?.mfa_enrolled).toBe(false);
  }, SLOW);

  it('adds, lists and removes clients, showing a confidential secret once', async () => {
    const added = await twofold(['client', 'add', '--id', 'notes-app', '--name', 'Notes', '--redirect-uri', 'https://notes.example/cb', 'https://notes.example/cb2', '--post-logout-redirect-uri', 'https://notes.example/']);
    expectSuccess(added);
    const secret = /^client_secret: (\S+)$/m.exec(added.stdout)?.[1];
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.client.findUniqueOrThrow({ where: { clientId: 'notes-app' } });
    expect(JSON.stringify(row)).not.toContain(secret); // only a digest is stored

    const json = await twofold(['client', 'add', '--id', 'spa', '--public', '--first-party', '--redirect-uri', 'http://localhost:5173/cb', '--json']);
    expectSuccess(json);
    expect(json.stdout).toBe('{"client_id":"spa","client_secret":null}\n');

    const service = await twofold(['client', 'add', '--id', 'reports', '--grant', 'client_credentials', '--json']);
    expectSuccess(service);
    const parsed = JSON.parse(service.stdout) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['client_id', 'client_secret']);
    expect(parsed).toEqual({ client_id: 'reports', client_secret: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });

    const listed = await twofold(['client', 'list', '--json']);
    expectSuccess(listed);
    const clients = JSON.parse(listed.stdout) as Record<string, unknown>[];
    expect(clients.find((c) => c.client_id === 'notes-app')).toMatchObject({
      client_name: 'Notes',
      public: false,
      redirect_uris: ['https://notes.example/cb', 'https://notes.example/cb2'],
      post_logout_redirect_uris: ['https://notes.example/'],
    });
    expect(clients.find((c) => c.client_id === 'spa')).toMatchObject({ public: true, first_party: true });
    expect(clients.find((c) => c.client_id === 'reports')).toMatchObject({ grant_types: ['client_credentials'] });
    expect(listed.stdout).not.toContain(secret);
    const table = await twofold(['client', 'list']);
    expect(table.stdout).toMatch(/^spa\s+public, first-party\s+authorization_code,refresh_token\s+http:\/\/localhost:5173\/cb$/m);

    const removed = await twofold(['client', 'remove', 'notes-app']);
    expectSuccess(removed);
    expect(await db.client.findUnique({ where: { clientId: 'notes-app' } })).toBeNull();
    expect(await db.auditEvent.count({ where: { type: 'client_added', clientId: 'notes-app' } })).toBe(1);
    expect(await db.auditEvent.count({ where: { type: 'client_removed', clientId: 'notes-app' } })).toBe(1);
  }, SLOW);

  it('rotates signing keys and records it', async () => {
    const result = await twofold(['keys', 'rotate']);
    expectSuccess(result);
    expect(result.stdout).toMatch(/^new signing keys: \S+, \S+$/m);
    expect(result.stdout).toMatch(/restart/);
    expect(await db.auditEvent.count({ where: { type: 'signing_keys_rotated' } })).toBe(1);
  }, SLOW);

  it('prints the audit trail, for one account and a recent window', async () => {
    const all = JSON.parse((await twofold(['audit', '--json'])).stdout) as { type: string; email: string | null }[];
    expect(all.map((e) => e.type)).toEqual(expect.arrayContaining(['account_created', 'account_disabled', 'mfa_reset', 'client_added', 'client_removed', 'signing_keys_rotated']));

    const grace = await twofold(['audit', '--user', 'GRACE@example.com', '--since', '1h', '--json']);
    expectSuccess(grace);
    expect((JSON.parse(grace.stdout) as { type: string; email: string }[]).map((e) => [e.type, e.email])).toEqual([
      ['account_created', 'grace@example.com'],
      ['account_disabled', 'grace@example.com'],
    ]);

    // An event pushed back two days falls outside --since 24h.
    await db.auditEvent.updateMany({ where: { type: 'account_created' }, data: { at: new Date(Date.now() - 2 * 86_400_000) } });
    const recent = JSON.parse((await twofold(['audit', '--since', '24h', '--json'])).stdout) as { type: string }[];
    expect(recent.map((e) => e.type)).not.toContain('account_created');
    expect(recent.map((e) => e.type)).toContain('account_disabled');

    const table = await twofold(['audit', '--user', 'grace@example.com']);
    expect(table.stdout).toMatch(/^\S+\s+account_disabled\s+grace@example\.com\s+\{"source":"cli"\}$/m);
  }, SLOW);
});

/** A session and an access token in the protocol store, as a sign-in would leave them. */
async function givenSignedIn(db: Database, accountId: string): Promise<void> {
  await new DatabaseAdapter(db, 'Session').upsert(randomUUID(), { accountId, kind: 'Session' }, 3600);
  await new DatabaseAdapter(db, 'AccessToken').upsert(randomUUID(), { accountId, kind: 'AccessToken', grantId: randomUUID() }, 3600);
}
