// What a stolen database hands out: a dump of every table (and, on SQLite, the database files as
// copied from disk) after an account signed in with a known password and linked an authenticator
// app (and was shown its recovery codes), and a confidential client was registered. None of those
// secrets may be in it, in any of the encodings they travel in.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { base32 } from '@otplib/plugin-base32-scure';
import pg from 'pg';
import { RelyingParty } from '../support/relying-party.js';
import { createPerson, firstSignIn } from '../support/sign-in.js';
import { startTwofold, type RunningTwofold } from '../support/twofold.js';
import { UserAgent } from '../support/user-agent.js';

const run = promisify(execFile);

/** The forms a 20-byte TOTP secret can take: base32 as shown, and its bytes as hex and base64. */
function totpForms(secret: string): string[] {
  const bytes = Buffer.from(base32.decode(secret));
  return [
    secret,
    secret.toLowerCase(),
    bytes.toString('hex'),
    bytes.toString('hex').toUpperCase(),
    bytes.toString('base64'),
    bytes.toString('base64url'),
  ];
}

async function dumpSqlite(twofold: RunningTwofold): Promise<string> {
  const tables = await twofold.db.$queryRawUnsafe<{ name: string }[]>(
    "SELECT name FROM sqlite_master WHERE type = 'table'",
  );
  expect(tables.map((t) => t.name)).toEqual(
    expect.arrayContaining([
      'accounts',
      'authenticators',
      'recovery_codes',
      'clients',
      'oidc_payloads',
      'audit_events',
    ]),
  );
  const rows = await Promise.all(
    tables.map(async ({ name }) => [name, await twofold.db.$queryRawUnsafe(`SELECT * FROM "${name}"`)] as const),
  );
  // The files as an attacker would copy them, write-ahead log included.
  const file = twofold.config.database.kind === 'sqlite' ? twofold.config.database.file : '';
  const files = [file, `${file}-wal`, `${file}-journal`]
    .filter((f) => existsSync(f))
    .map((f) => readFileSync(f).toString('latin1'));
  return JSON.stringify(rows, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) + files.join('\n');
}

async function dumpPostgres(url: string): Promise<{ dump: string; how: string }> {
  try {
    const { stdout } = await run('pg_dump', ['--data-only', '--no-owner', url], { maxBuffer: 64 * 1024 * 1024 });
    return { dump: stdout, how: 'pg_dump' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
    );
    const parts = [];
    for (const { tablename } of tables)
      parts.push([tablename, (await client.query(`SELECT * FROM "${tablename}"`)).rows]);
    return { dump: JSON.stringify(parts), how: 'SELECT' };
  } finally {
    await client.end();
  }
}

describe('a dump of the database', () => {
  let twofold: RunningTwofold;
  let dump: string;
  const secrets: [what: string, value: string][] = [];

  beforeAll(async () => {
    twofold = await startTwofold();
    const person = await createPerson(twofold);
    const rp = await RelyingParty.register(twofold, { clientId: 'notes', name: 'Notes', firstParty: true });
    // A real sign-in: password, enrolment with a typed code; tokens issued.
    const { app, tokens, recoveryCodes } = await firstSignIn(new UserAgent(twofold.url), rp, person);
    expect(tokens.claims()?.sub).toBe(person.id);
    const { clientSecret } = await twofold.clients.add({
      clientId: 'reports',
      redirectUris: [],
      postLogoutRedirectUris: [],
      isPublic: false,
      firstParty: false,
      grants: ['client_credentials'],
    });
    secrets.push(['password', person.password]);
    for (const form of totpForms(app.secret)) secrets.push(['TOTP secret', form]);
    for (const code of recoveryCodes)
      secrets.push(['recovery code', code], ['recovery code (as compared)', code.replace(/-/g, '')]);
    secrets.push(['client secret', clientSecret!]);
    secrets.push(['client secret (base64)', Buffer.from(clientSecret!, 'base64url').toString('base64')]);
    secrets.push(['client secret (hex)', Buffer.from(clientSecret!, 'base64url').toString('hex')]);

    // A canary in an ordinary row: the dump must find what a row holds.
    await twofold.audit.record({ type: 'signed_out', accountId: 'canary-7f3a9c', detail: { everywhere: false } });
    // Everything is in the database, as the dump will show.
    expect(await twofold.db.authenticator.count({ where: { accountId: person.id } })).toBe(1);
    expect(await twofold.db.recoveryCode.count({ where: { accountId: person.id } })).toBe(10);
    expect(await twofold.db.client.count({ where: { clientId: 'reports' } })).toBe(1);
    dump =
      twofold.config.database.kind === 'sqlite'
        ? await dumpSqlite(twofold)
        : (await dumpPostgres(twofold.config.database.url)).dump;
  }, 60_000);
  afterAll(() => twofold.stop());

  it('holds the rows (the dump is real)', () => {
    expect(dump).toContain('accounts');
    expect(dump).toMatch(/\$2[aby]\$\d\d\$/); // a bcrypt hash
    expect(dump).toContain('reports');
    expect(dump).toContain('canary-7f3a9c');
  });

  it('contains no password, no TOTP secret in any encoding, no recovery code, no client secret', () => {
    for (const [what, value] of secrets) expect([what, value, dump.includes(value)]).toEqual([what, value, false]);
  });
});

describe('client authentication offered', () => {
  let twofold: RunningTwofold;
  beforeAll(async () => {
    twofold = await startTwofold();
  });
  afterAll(() => twofold.stop());

  it('offers no HMAC-based client authentication and no HS* signatures: only a digest of a client secret is kept', async () => {
    const doc = (await (await fetch(`${twofold.url}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    const methods = [
      ...(doc.token_endpoint_auth_methods_supported as string[]),
      ...((doc.introspection_endpoint_auth_methods_supported as string[] | undefined) ?? []),
      ...((doc.revocation_endpoint_auth_methods_supported as string[] | undefined) ?? []),
    ];
    expect(methods).not.toContain('client_secret_jwt');
    expect(new Set(doc.token_endpoint_auth_methods_supported as string[])).toEqual(
      new Set(['client_secret_basic', 'client_secret_post', 'none']),
    );
    for (const [key, value] of Object.entries(doc)) {
      if (key.endsWith('alg_values_supported'))
        expect([key, (value as string[]).filter((alg) => alg.startsWith('HS'))]).toEqual([key, []]);
    }
  });
});
