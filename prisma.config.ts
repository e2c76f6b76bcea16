// Prisma CLI configuration (generate, migrate dev/status/deploy). The server itself never runs the
// CLI: it applies the same SQL migrations at start-up through its driver adapter.
// DATABASE_URL picks the database: postgres(ql):// uses the hand-written schema, anything else the
// generated SQLite twin and the embedded file under ./data.
import { defineConfig } from 'prisma/config';

// An empty variable counts as unset, as in the server's configuration.
const url = process.env.DATABASE_URL || `file:${process.env.DATA_DIR || './data'}/twofold.db`; // eslint-disable-line @typescript-eslint/prefer-nullish-coalescing
const postgres = /^postgres(ql)?:\/\//.test(url);

export default defineConfig({
  schema: postgres ? 'prisma/schema.prisma' : 'prisma/sqlite/schema.prisma',
  migrations: { path: postgres ? 'prisma/migrations/postgresql' : 'prisma/migrations/sqlite' },
  datasource: { url },
});
