// The suite's own bookkeeping (jest.config.js): the PostgreSQL pass names files that exist, and no
// file that behaves differently on PostgreSQL is left out of it.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from '../../src/paths.js';

const { POSTGRESQL_FILES } = (await import(join(packageRoot, 'jest.config.js'))) as { POSTGRESQL_FILES: string[] };

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(path);
    return entry.name.endsWith('.test.ts') ? [relative(packageRoot, path)] : [];
  });
}

describe('the PostgreSQL pass', () => {
  it('lists only test files that exist, in a project folder, once each', () => {
    const missing = POSTGRESQL_FILES.filter((file) => !existsSync(join(packageRoot, file)));
    expect(missing).toEqual([]);
    expect(POSTGRESQL_FILES.filter((file) => !/^test\/(integration|e2e|process)\/.+\.test\.ts$/.test(file))).toEqual(
      [],
    );
    expect(new Set(POSTGRESQL_FILES).size).toBe(POSTGRESQL_FILES.length);
  });

  it('includes every test file that asks which database the run is on', () => {
    const servers = ['integration', 'e2e', 'process'].flatMap((folder) => testFiles(join(packageRoot, 'test', folder)));
    const asking = servers.filter((file) =>
      /\btestDatabaseKind\(|TEST_DATABASE\b/.test(readFileSync(join(packageRoot, file), 'utf8')),
    );
    expect(asking.filter((file) => !POSTGRESQL_FILES.includes(file))).toEqual([]);
  });
});
