// Real databases for tests: a fresh SQLite file in a temp folder, or a fresh PostgreSQL database on
// the machine's server (127.0.0.1:5432), and the machine's Redis (127.0.0.1:6379).
// TEST_DATABASE=postgresql runs the suite on PostgreSQL.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { POSTGRES_ADMIN_URL } from './prepare.js';

// Defined in prepare.ts, which checks both answer before the tests run.
export { TEST_REDIS_URL } from './prepare.js';

export function testDatabaseKind(): 'sqlite' | 'postgresql' {
  return process.env.TEST_DATABASE === 'postgresql' ? 'postgresql' : 'sqlite';
}

export function tempDir(prefix = 'twofold-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Creates an empty PostgreSQL database and returns its URL; drop it with dropPostgresDatabase. */
export async function createPostgresDatabase(): Promise<string> {
  const name = `twofold_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function dropPostgresDatabase(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Environment for a fresh Twofold: its own data and keys folders, and database of the suite's kind. */
export async function freshEnvironment(
  extra: Record<string, string> = {},
): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const dir = tempDir();
  const env: Record<string, string> = {
    DATA_DIR: join(dir, 'data'),
    KEYS_DIR: join(dir, 'keys'),
    BCRYPT_COST: '4',
    // Its own Redis keys: test files (and engineers' runs) share one Redis server.
    REDIS_KEY_PREFIX: `t${randomBytes(6).toString('hex')}:`,
    LOG_LEVEL: 'silent',
    ...extra,
  };
  let databaseUrl: string | undefined;
  if (testDatabaseKind() === 'postgresql' && !extra.DATABASE_URL) {
    databaseUrl = await createPostgresDatabase();
    env.DATABASE_URL = databaseUrl;
  }
  return {
    env,
    cleanup: async () => {
      if (databaseUrl) await dropPostgresDatabase(databaseUrl);
    },
  };
}
