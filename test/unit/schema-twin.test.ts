import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

const root = process.cwd();
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the one schema', () => {
  it('has a SQLite twin generated from it, unchanged since', () => {
    // Exits non-zero with a message naming the fix when the twin drifted.
    expect(() =>
      execFileSync('node', ['scripts/schema-twin.mjs', '--check'], { cwd: root, stdio: 'pipe' }),
    ).not.toThrow();
  });

  it('differs from its twin only in the datasource and the generated client location', () => {
    const main = read('prisma/schema.prisma').split('\n');
    const twin = read('prisma/sqlite/schema.prisma').split('\n').slice(1);
    const differing = main.filter((line, i) => line !== twin[i]);
    expect(differing.map((l) => l.trim())).toEqual([
      'output              = "../src/database/generated/postgresql"',
      'provider = "postgresql"',
    ]);
  });

  it('is the schema the committed Prisma clients were generated from', () => {
    // The generated client embeds its schema; a schema edit without `npm run db:generate` fails here.
    const embedded = (kind: string) => read(`src/database/generated/${kind}/internal/class.ts`);
    expect(embedded('postgresql')).toContain(JSON.stringify(read('prisma/schema.prisma')).slice(1, -1));
    expect(embedded('sqlite')).toContain(JSON.stringify(read('prisma/sqlite/schema.prisma')).slice(1, -1));
  });
});
