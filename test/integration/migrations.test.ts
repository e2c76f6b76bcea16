import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import Sqlite from 'better-sqlite3';
import { migrate } from '../../src/database/migrate.js';
import { loadConfig } from '../../src/config/index.js';
import { createPostgresDatabase, dropPostgresDatabase, tempDir } from '../support/databases.js';
import { migrationsOnDisk } from '../support/migrations.js';

const run = promisify(execFile);
const prisma = join(process.cwd(), 'node_modules/.bin/prisma');
// `prisma migrate status` needs Prisma's schema engine; where it cannot be downloaded, CI points
// PRISMA_SCHEMA_ENGINE_BINARY at a stand-in. Without either, that one check is not possible.
// Without either, the recorded rows are checked against Prisma's conventions only.
const engineAvailable = Boolean(process.env.PRISMA_SCHEMA_ENGINE_BINARY);

async function expectPrismaAgrees(
  kind: 'sqlite' | 'postgresql',
  rows: { migration_name: string; checksum: string; finished_at: unknown }[],
  env: Record<string, string>,
) {
  const expected = migrationsOnDisk(kind);
  expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(expected.map((m) => [m.name, m.checksum]));
  for (const row of rows) expect(row.finished_at).toBeTruthy();
  if (engineAvailable) {
    const { stdout } = await run(prisma, ['migrate', 'status'], {
      env: { ...process.env, ...env },
      cwd: process.cwd(),
    });
    expect(stdout).toMatch(/Database schema is up to date/);
  }
}

describe('migrations on an empty SQLite database', () => {
  const dataDir = join(tempDir(), 'data');
  const config = loadConfig({ DATA_DIR: dataDir });

  it('creates every table, then a second run applies nothing', async () => {
    const first = await migrate(config.database);
    expect(first.applied).toEqual(migrationsOnDisk('sqlite').map((m) => m.name));
    const db = new Sqlite(join(dataDir, 'twofold.db'));
    const tables = db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    db.close();
    expect(tables).toEqual(
      expect.arrayContaining([
        'accounts',
        'authenticators',
        'clients',
        'oidc_payloads',
        'audit_events',
        '_prisma_migrations',
      ]),
    );
    expect((await migrate(config.database)).applied).toEqual([]);
  });

  it('records them the way `prisma migrate status` expects', async () => {
    const db = new Sqlite(join(dataDir, 'twofold.db'));
    const rows = db
      .prepare('SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name')
      .all();
    db.close();
    await expectPrismaAgrees('sqlite', rows as never, { DATA_DIR: dataDir, DATABASE_URL: '' });
  });
});

describe('migrations on an empty PostgreSQL database', () => {
  let url: string;
  beforeAll(async () => {
    url = await createPostgresDatabase();
  });
  afterAll(() => dropPostgresDatabase(url));

  it('are applied once even when several instances start at the same moment', async () => {
    const config = loadConfig({ DATABASE_URL: url });
    const results = await Promise.all([1, 2, 3, 4].map(() => migrate(config.database)));
    const applied = results.flatMap((r) => r.applied);
    expect(applied).toEqual(migrationsOnDisk('postgresql').map((m) => m.name));
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL');
    await client.end();
    expect(rows).toHaveLength(migrationsOnDisk('postgresql').length);
    expect((await migrate(config.database)).applied).toEqual([]);
  });

  it('records them the way `prisma migrate status` expects', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(
      'SELECT migration_name, checksum, finished_at FROM _prisma_migrations ORDER BY migration_name',
    );
    await client.end();
    await expectPrismaAgrees('postgresql', rows, { DATABASE_URL: url });
  });
});
