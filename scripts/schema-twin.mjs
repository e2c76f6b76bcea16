// Writes prisma/sqlite/schema.prisma from prisma/schema.prisma: the SQLite twin differs only in its
// datasource provider and where its client is generated. `--check` exits 1 when the twin drifted.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const source = readFileSync(join(root, 'prisma/schema.prisma'), 'utf8');

export function sqliteTwin(schema) {
  const twin = schema
    .replace('provider = "postgresql"', 'provider = "sqlite"')
    .replace('"../src/database/generated/postgresql"', '"../../src/database/generated/sqlite"');
  return '// GENERATED from prisma/schema.prisma by scripts/schema-twin.mjs: do not edit.\n' + twin;
}

const target = join(root, 'prisma/sqlite/schema.prisma');
const expected = sqliteTwin(source);
if (process.argv.includes('--check')) {
  let actual = '';
  try {
    actual = readFileSync(target, 'utf8');
  } catch {
    /* missing counts as drift */
  }
  if (actual !== expected) {
    console.error('prisma/sqlite/schema.prisma drifted from prisma/schema.prisma: run `npm run schema:twin`');
    process.exit(1);
  }
} else {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, expected);
}
