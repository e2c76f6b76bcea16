// `npm run test:postgresql`: the test files whose behaviour depends on the database engine
// (POSTGRESQL_FILES in jest.config.js, the one list) on fresh PostgreSQL databases: the PostgreSQL
// twins of the projects (POSTGRESQL_PROJECTS), selected alone. Extra arguments go to jest (a file's
// path runs that file only, when it is on the list). `TEST_DATABASE=postgresql npm test -- <files>`
// runs any other file on PostgreSQL too.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { POSTGRESQL_PROJECTS } from '../jest.config.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const jest = spawnSync(
  process.execPath,
  [
    '--experimental-vm-modules',
    '--no-warnings=ExperimentalWarning',
    join(root, 'node_modules/jest/bin/jest.js'),
    ...process.argv.slice(2),
    '--selectProjects',
    ...POSTGRESQL_PROJECTS.map((project) => project.displayName),
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, TEST_POSTGRESQL_PASS: '1' } },
);
process.exit(jest.status ?? 1);
