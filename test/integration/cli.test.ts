// The admin CLI as an administrator uses it, on a real database (SQLite, or PostgreSQL with
// TEST_DATABASE=postgresql): every command's output, exit code and effect. The commands run
// in-process (support/cli.ts); test/process/cli.test.ts runs the compiled one as a process. Every
// refusal is one line on stderr, a non-zero exit code, and no change in the database.
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../../src/config/index.js';
import { openDatabase, type Database } from '../../src/database/client.js';
import { verifyPassword } from '../../src/accounts/password.js';
import { AccountStore } from '../../src/accounts/store.js';
import { RecoveryCodeStore } from '../../src/mfa/recovery-codes/store.js';
import { ClientStore } from '../../src/clients/store.js';
import { AuditLog } from '../../src/audit/index.js';
import { migrate } from '../../src/database/migrate.js';
import { createLogger } from '../../src/logging.js';
import { DatabaseAdapter } from '../../src/oidc/adapters/database.js';
import { runCli, type CliResult } from '../support/cli.js';
import { freshEnvironment } from '../support/databases.js';

const GOOD_PASSWORD = 'correct horse battery staple';
const SLOW = 180_000;

describe('twofold CLI', () => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  let db: Database;
  let accounts: AccountStore;
  const twofold = (args: string[], stdin?: string | Buffer, extraEnv: Record<string, string> = {}) =>
    runCli(args, { ...env, ...extraEnv }, stdin);
  // Fixtures go straight through the stores; the command under test goes through the CLI.
  const givenAccount = (email: string) => accounts.create({ email, password: GOOD_PASSWORD });

  beforeAll(async () => {
    ({ env, cleanup } = await freshEnvironment());
    const config = loadConfig(env);
    await migrate(config.database);
    db = await openDatabase(config.database);
    accounts = new AccountStore(db, 4);
  }, SLOW);
  afterAll(async () => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset if beforeAll failed
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

  it(
    'applies the migrations to an empty database, then has nothing left to apply',
    async () => {
      const empty = await freshEnvironment();
      try {
        const first = await runCli(['migrate'], empty.env);
        expectSuccess(first);
        expect(first.stdout).toMatch(/^applied \S+_init$/m);
        const second = await runCli(['migrate'], empty.env);
        expectSuccess(second);
        expect(second.stdout).toBe('database is up to date\n');
      } finally {
        await empty.cleanup();
      }
    },
    SLOW,
  );

  it(
    'refuses to work on a database without tables, names it, and leaves it as it was',
    async () => {
      const empty = await freshEnvironment();
      try {
        const config = loadConfig(empty.env);
        const where =
          config.database.kind === 'sqlite'
            ? `the SQLite file ${config.database.file}`
            : `the PostgreSQL database ${new URL(config.database.url).pathname.slice(1)} on 127.0.0.1:5432`;
        for (const args of [['user', 'list'], ['client', 'list'], ['audit']]) {
          const result = await runCli(args, empty.env);
          expectRefusal(
            result,
            2,
            new RegExp(`^twofold: ${where.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} has no Twofold tables`),
          );
          expect(result.stderr).toContain('the DATA_DIR (or DATABASE_URL) the server uses');
          expect(result.stderr).toContain('"twofold migrate"');
        }
        // Nothing was created: still no tables, so a real migrate applies everything.
        expect((await runCli(['migrate'], empty.env)).stdout).toMatch(/^applied \S+_init$/m);
        expectSuccess(await runCli(['user', 'list'], empty.env));
      } finally {
        await empty.cleanup();
      }
    },
    SLOW,
  );

  it(
    'lists every command in --help',
    async () => {
      const result = await twofold(['--help']);
      expectSuccess(result);
      for (const command of [
        'user add',
        'user list',
        'user disable',
        'user reset-mfa',
        'client add',
        'client list',
        'client remove',
        'keys rotate',
        'migrate',
        'audit',
      ]) {
        expect(result.stdout).toContain(`twofold ${command}`);
      }
    },
    SLOW,
  );

  it(
    'creates an account from a password on stdin, and lists it',
    async () => {
      const added = await twofold(
        ['user', 'add', 'Ada@Example.com', '--name', 'Ada Lovelace', '--password-stdin'],
        `${GOOD_PASSWORD}\n`,
      );
      expectSuccess(added);
      const [created, window, linkLine, url, ...rest] = added.stdout.split('\n');
      expect(created).toBe('account created: ada@example.com');
      // The first app may be linked with the password alone for ENROLLMENT_WINDOW (72 h), or with the link.
      const until =
        /^until (\S+) the first sign-in links an authenticator app with the password alone; after that only a set-up link does$/.exec(
          window!,
        )?.[1];
      expect(Math.abs(Date.parse(until!) - Date.now() - 72 * 3600_000)).toBeLessThan(60_000);
      expect(linkLine).toMatch(/^set-up link \(single use, valid until \S+; send it to the person only\):$/);
      expect(url).toMatch(/^ {2}http:\/\/\S+\/setup\?token=[A-Za-z0-9_-]{43}$/);
      expect(rest).toEqual(['']);

      const account = await db.account.findUniqueOrThrow({ where: { email: 'ada@example.com' } });
      expect(account.displayName).toBe('Ada Lovelace');
      expect(account.passwordHash).not.toContain(GOOD_PASSWORD);
      expect(await verifyPassword(GOOD_PASSWORD, account.passwordHash)).toBe(true);
      expect(await verifyPassword(`${GOOD_PASSWORD}\n`, account.passwordHash)).toBe(false);
      expect(await db.auditEvent.count({ where: { type: 'account_created', accountId: account.id } })).toBe(1);

      const table = await twofold(['user', 'list']);
      expectSuccess(table);
      expect(table.stdout).toMatch(/^EMAIL\s+NAME\s+CREATED\s+DISABLED\s+MFA\s+RECOVERY CODES$/m);
      expect(table.stdout).toMatch(/^ada@example\.com\s+Ada Lovelace\s+\S+\s+no\s+0$/m);

      const json = await twofold(['user', 'list', '--json']);
      expectSuccess(json);
      expect(JSON.parse(json.stdout)).toContainEqual({
        email: 'ada@example.com',
        name: 'Ada Lovelace',
        created_at: account.createdAt.toISOString(),
        disabled_at: null,
        mfa_enrolled: false,
        recovery_codes_left: 0,
        factors: [],
      });
    },
    SLOW,
  );

  it(
    'treats addresses that differ by case or Unicode width as one account',
    async () => {
      await givenAccount('lin@example.com');
      const before = await snapshot();
      // Full-width letters (NFKC folds them to ASCII) and upper case: the same address as lin@example.com.
      expectRefusal(
        await twofold(['user', 'add', 'ＬＩＮ@example.com', '--password-stdin'], `${GOOD_PASSWORD}\n`),
        1,
        /lin@example\.com already exists/,
      );
      expectRefusal(
        await twofold(['user', 'add', 'LIN@EXAMPLE.COM', '--password-stdin'], `${GOOD_PASSWORD}\n`),
        1,
        /lin@example\.com already exists/,
      );
      expect(await snapshot()).toEqual(before);
    },
    SLOW,
  );

  it(
    'keeps every byte of a long password significant (bcrypt alone reads only 72)',
    async () => {
      const prefix = 'my grandmother kept seventeen cats in a lighthouse near the harbour town '.slice(0, 72);
      expect(Buffer.byteLength(prefix)).toBe(72);
      const chosen = `${prefix}-and one goat`;
      const other = `${prefix}-and two dogs`;
      expectSuccess(await twofold(['user', 'add', 'long@example.com', '--password-stdin'], `${chosen}\n`));
      const { passwordHash } = await db.account.findUniqueOrThrow({ where: { email: 'long@example.com' } });
      expect(await verifyPassword(chosen, passwordHash)).toBe(true);
      expect(await verifyPassword(other, passwordHash)).toBe(false);
    },
    SLOW,
  );

  describe('refuses bad input with one line on stderr and writes nothing', () => {
    beforeAll(async () => {
      await givenAccount('taken@example.com');
      await new ClientStore(db, () => Promise.resolve()).add({
        clientId: 'taken',
        redirectUris: ['https://rp.example/cb'],
        postLogoutRedirectUris: [],
        isPublic: false,
        firstParty: false,
        grants: [],
      });
    });
    const refusals: { args: string[]; stdin?: string | Buffer; code: 1 | 2; message: RegExp }[] = [
      {
        args: ['user', 'add', 'taken@example.com', '--password-stdin'],
        stdin: `${GOOD_PASSWORD}\n`,
        code: 1,
        message: /account with email taken@example\.com already exists/,
      },
      {
        args: ['user', 'add', 'not-an-address', '--password-stdin'],
        stdin: `${GOOD_PASSWORD}\n`,
        code: 1,
        message: /not a valid email address/,
      },
      {
        args: ['user', 'add', 'a b@example.com', '--password-stdin'],
        stdin: `${GOOD_PASSWORD}\n`,
        code: 1,
        message: /not a valid email address/,
      },
      {
        args: ['user', 'add', 'new@example.com', '--password-stdin'],
        stdin: 'short12\n',
        code: 1,
        message: /at least 8 characters/,
      },
      {
        args: ['user', 'add', 'new@example.com', '--password-stdin'],
        stdin: 'password123\n',
        code: 1,
        message: /too common/,
      },
      {
        args: ['user', 'add', 'new@example.com', '--password-stdin'],
        stdin: '',
        code: 1,
        message: /no password on stdin/,
      },
      {
        args: ['user', 'add', 'new@example.com', '--password-stdin'],
        stdin: '\n',
        code: 1,
        message: /no password on stdin/,
      },
      {
        args: ['user', 'add', 'new@example.com', '--password-stdin'],
        stdin: `${GOOD_PASSWORD}\nsecond line\n`,
        code: 1,
        message: /single line/,
      },
      {
        args: ['user', 'add', 'new@example.com', '--password-stdin'],
        stdin: Buffer.from([0xff, 0xfe, 0x0a]),
        code: 1,
        message: /not valid UTF-8/,
      },
      { args: ['user', 'add', 'new@example.com'], code: 2, message: /--password-stdin/ },
      {
        args: ['user', 'disable', 'nobody@example.com'],
        code: 1,
        message: /no account with email nobody@example\.com/,
      },
      {
        args: ['user', 'reset-mfa', 'nobody@example.com'],
        code: 1,
        message: /no account with email nobody@example\.com/,
      },
      {
        args: ['client', 'add', '--id', 'taken', '--redirect-uri', 'https://other.example/cb'],
        code: 1,
        message: /client with id taken already exists/,
      },
      {
        args: ['client', 'add', '--id', 'bad-uri', '--redirect-uri', 'not a url'],
        code: 1,
        message: /not a valid URL/,
      },
      {
        args: ['client', 'add', '--id', 'fragment', '--redirect-uri', 'https://rp.example/cb#x'],
        code: 1,
        message: /fragment/,
      },
      { args: ['client', 'add', '--id', 'nothing'], code: 1, message: /redirect-uri/ },
      {
        // The password is never echoed back.
        args: ['client', 'add', '--id', 'userinfo', '--redirect-uri', 'https://user:s3cretpw@rp.example/cb'],
        code: 1,
        message: /must not contain a user name or password: https:\/\/rp\.example\/cb\n$/,
      },
      {
        args: ['client', 'add', '--id', 'wild', '--redirect-uri', 'https://*.rp.example/cb'],
        code: 1,
        message: /not a wildcard/,
      },
      {
        args: ['client', 'add', '--id', 'spa', '--public', '--grant', 'client_credentials'],
        code: 1,
        message: /public client/,
      },
      { args: ['client', 'add', '--redirect-uri', 'https://rp.example/cb'], code: 2, message: /--id/ },
      { args: ['client', 'remove', 'no-such-client'], code: 1, message: /no client with id "no-such-client"/ },
      { args: ['user', 'list', '--colour'], code: 2, message: /unknown option '--colour'/ },
      { args: ['users', 'list'], code: 2, message: /unknown command 'users'/ },
      { args: ['audit', '--since', 'yesterday'], code: 2, message: /15m, 24h or 7d/ },
      { args: ['audit', '--user', 'nobody@example.com'], code: 1, message: /no account with email/ },
    ];
    const shown = (stdin: string | Buffer | undefined) =>
      stdin === undefined
        ? ''
        : ` with ${Buffer.isBuffer(stdin) ? `bytes ${stdin.toString('hex')}` : JSON.stringify(stdin)} on stdin`;
    it.each(refusals.map((refusal) => ({ ...refusal, label: `${refusal.args.join(' ')}${shown(refusal.stdin)}` })))(
      'twofold $label exits $code',
      async ({ args, stdin, code, message }) => {
        const before = await snapshot();
        expectRefusal(await twofold(args, stdin), code, message);
        expect(await snapshot()).toEqual(before);
      },
    );
  });

  it(
    'disables an account and ends its sessions and tokens',
    async () => {
      const grace = await givenAccount('grace@example.com');
      const bystander = await givenAccount('bystander@example.com');
      const graces = await givenSignedIn(db, grace.id);
      const bystanders = await givenSignedIn(db, bystander.id);
      const left = (ids: string[]) => db.oidcPayload.count({ where: { id: { in: ids } } });

      const result = await twofold(['user', 'disable', 'Grace@Example.com']);
      expectSuccess(result);
      expect(result.stdout).toMatch(/account disabled: grace@example\.com/);
      expect((await db.account.findUniqueOrThrow({ where: { id: grace.id } })).disabledAt).toBeInstanceOf(Date);
      expect(await left(graces)).toBe(0);
      expect(await left(bystanders)).toBe(3); // others keep theirs
      expect(await db.auditEvent.count({ where: { type: 'account_disabled', accountId: grace.id } })).toBe(1);

      const listed = JSON.parse((await twofold(['user', 'list', '--json'])).stdout) as {
        email: string;
        disabled_at: string | null;
      }[];
      expect(listed.find((a) => a.email === 'grace@example.com')?.disabled_at).toEqual(expect.any(String));
      expect(listed.find((a) => a.email === 'bystander@example.com')?.disabled_at).toBeNull();
    },
    SLOW,
  );

  it(
    'resets the second factor: authenticators and recovery codes removed, sessions ended, shown as not enrolled',
    async () => {
      const account = await givenAccount('mfa@example.com');
      await givenSignedIn(db, account.id);
      await db.authenticator.create({
        data: {
          id: randomUUID(),
          accountId: account.id,
          label: 'phone',
          secretCiphertext: 'not-a-real-secret',
          secretKeyId: 'k',
          confirmedAt: new Date(),
        },
      });
      const codes = await new RecoveryCodeStore(db).replace(account.id);
      await new RecoveryCodeStore(db).use(account.id, codes[0]!);
      type Listed = { email: string; mfa_enrolled: boolean; recovery_codes_left: number; factors: unknown[] }[];
      const enrolled = JSON.parse((await twofold(['user', 'list', '--json'])).stdout) as Listed;
      expect(enrolled.find((a) => a.email === 'mfa@example.com')).toMatchObject({
        mfa_enrolled: true,
        recovery_codes_left: 9,
        // Each factor: the app by the name its owner chose, and the recovery codes as one.
        factors: [
          { kind: 'totp', name: 'phone', added: expect.any(String), last_used: null },
          { kind: 'recovery_code', name: null, added: expect.any(String), last_used: expect.any(String) },
        ],
      });
      expect((await twofold(['user', 'list'])).stdout).toMatch(/^mfa@example\.com\s+\S+\s+yes\s+9$/m);

      const result = await twofold(['user', 'reset-mfa', 'mfa@example.com']);
      expectSuccess(result);
      expect(result.stdout).toMatch(/1 authenticator\(s\) and 10 recovery code\(s\) removed/);
      expect(await db.authenticator.count({ where: { accountId: account.id } })).toBe(0);
      expect(await db.recoveryCode.count({ where: { accountId: account.id } })).toBe(0);
      expect(await db.oidcPayload.count({ where: { accountId: account.id } })).toBe(0);
      expect(await db.auditEvent.count({ where: { type: 'mfa_reset', accountId: account.id } })).toBe(1);
      const after = JSON.parse((await twofold(['user', 'list', '--json'])).stdout) as Listed;
      expect(after.find((a) => a.email === 'mfa@example.com')).toMatchObject({
        mfa_enrolled: false,
        recovery_codes_left: 0,
        factors: [],
      });
    },
    SLOW,
  );

  it(
    'adds, lists and removes clients, showing a confidential secret once',
    async () => {
      const added = await twofold([
        'client',
        'add',
        '--id',
        'notes-app',
        '--name',
        'Notes',
        '--redirect-uri',
        'https://notes.example/cb',
        'https://notes.example/cb2',
        '--post-logout-redirect-uri',
        'https://notes.example/',
      ]);
      expectSuccess(added);
      const secret = /^client_secret: (\S+)$/m.exec(added.stdout)?.[1];
      expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const row = await db.client.findUniqueOrThrow({ where: { clientId: 'notes-app' } });
      expect(JSON.stringify(row)).not.toContain(secret); // only a digest is stored

      const json = await twofold([
        'client',
        'add',
        '--id',
        'spa',
        '--public',
        '--first-party',
        '--redirect-uri',
        'http://localhost:5173/cb',
        '--json',
      ]);
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
      expect(table.stdout).toMatch(
        /^spa\s+public, first-party\s+authorization_code,refresh_token\s+http:\/\/localhost:5173\/cb$/m,
      );

      const removed = await twofold(['client', 'remove', 'notes-app']);
      expectSuccess(removed);
      expect(await db.client.findUnique({ where: { clientId: 'notes-app' } })).toBeNull();
      expect(await db.auditEvent.count({ where: { type: 'client_added', clientId: 'notes-app' } })).toBe(1);
      expect(await db.auditEvent.count({ where: { type: 'client_removed', clientId: 'notes-app' } })).toBe(1);
    },
    SLOW,
  );

  it(
    'rotates signing keys and records it',
    async () => {
      const result = await twofold(['keys', 'rotate']);
      expectSuccess(result);
      expect(result.stdout).toMatch(/^new signing keys: \S+, \S+$/m);
      expect(result.stdout).toMatch(/restart/);
      expect(await db.auditEvent.count({ where: { type: 'signing_keys_rotated' } })).toBe(1);
    },
    SLOW,
  );

  it(
    'prints the audit trail, for one account and a recent window',
    async () => {
      const watched = await givenAccount('watched@example.com');
      const other = await givenAccount('other@example.com');
      const audit = new AuditLog(db, createLogger('silent'));
      await audit.record({ type: 'account_created', accountId: watched.id, detail: { source: 'cli' } });
      await audit.record({
        type: 'signin_password_failed',
        accountId: watched.id,
        ip: '192.0.2.7',
        detail: { reason: 'wrong_password' },
      });
      await audit.record({
        type: 'signin_password_failed',
        accountId: other.id,
        ip: '192.0.2.8',
        detail: { reason: 'wrong_password' },
      });
      // An event two days old falls outside --since 24h.
      await db.auditEvent.updateMany({
        where: { type: 'account_created', accountId: watched.id },
        data: { at: new Date(Date.now() - 2 * 86_400_000) },
      });

      const all = await twofold(['audit', '--user', 'WATCHED@example.com', '--json']);
      expectSuccess(all);
      expect((JSON.parse(all.stdout) as { type: string; email: string }[]).map((e) => [e.type, e.email])).toEqual([
        ['account_created', 'watched@example.com'],
        ['signin_password_failed', 'watched@example.com'],
      ]);

      const recent = JSON.parse(
        (await twofold(['audit', '--user', 'watched@example.com', '--since', '24h', '--json'])).stdout,
      ) as Record<string, unknown>[];
      expect(recent).toEqual([
        {
          at: expect.any(String),
          type: 'signin_password_failed',
          email: 'watched@example.com',
          account_id: watched.id,
          client_id: null,
          ip: '192.0.2.7',
          detail: { reason: 'wrong_password' },
        },
      ]);

      const table = await twofold(['audit', '--since', '15m']);
      expectSuccess(table);
      expect(table.stdout).toMatch(
        /^\S+\s+signin_password_failed\s+other@example\.com\s+192\.0\.2\.8\s+\{"reason":"wrong_password"\}$/m,
      );
      expect(table.stdout).not.toMatch(/account_created\s+watched@example\.com/);
    },
    SLOW,
  );
});

/** A session and an access token in the protocol store, as a sign-in would leave them. */
/** A session, a grant and a token under it, as oidc-provider stores them; returns their rows' ids. */
async function givenSignedIn(db: Database, accountId: string): Promise<string[]> {
  const [session, grantId, token] = [randomUUID(), randomUUID(), randomUUID()];
  await new DatabaseAdapter(db, 'Session').upsert(session, { accountId, kind: 'Session' }, 3600);
  await new DatabaseAdapter(db, 'Grant').upsert(grantId, { accountId, clientId: 'app', kind: 'Grant' }, 3600);
  await new DatabaseAdapter(db, 'AccessToken').upsert(
    token,
    { accountId, clientId: 'app', kind: 'AccessToken', grantId },
    3600,
  );
  return [session, grantId, token];
}
