// Which database a configuration names, in words an operator can check against the server's, and
// whether it holds Twofold's tables yet. The admin CLI opens only a database the server (or
// `twofold migrate`) created: run with another DATA_DIR or DATABASE_URL than the server's, it would
// otherwise create and migrate a second, empty one and report success on it.
import { existsSync } from 'node:fs';
import Sqlite from 'better-sqlite3';
import type { DatabaseConfig } from '../config/index.js';

/** Whether the database exists and has tables; a missing SQLite file is not created. */
export async function hasTables(config: DatabaseConfig): Promise<boolean> {
  if (config.kind === 'sqlite') {
    if (!existsSync(config.file)) return false;
    const db = new Sqlite(config.file, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
      return row.n > 0;
    } finally {
      db.close();
    }
  }
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: config.url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = current_schema()',
    );
    return Number(rows[0]?.n ?? 0) > 0;
  } finally {
    await client.end();
  }
}
