// The suite's projects, one per folder of test/, so a new test file lands in a project by where it
// is put (README, Development):
//   test/unit/         unit        no server, no database, no network; runs in parallel
//   test/integration/  in-process  one real Twofold per file in the test's process (startTwofold), on
//                                  real SQLite or PostgreSQL and the machine's Redis
//   test/e2e/          browser     in-process servers driven by a real Chromium
//   test/process/      process     tests that must spawn Twofold itself (shutdown, first start, many
//                                  instances, the CLI's exit codes): the only project that needs dist/
// With TEST_POSTGRESQL_PASS=1 the run also holds the PostgreSQL pass: a twin of each project that has
// files in POSTGRESQL_FILES (`in-process:postgresql`, …), running those files on PostgreSQL, so that
// one run and one pool of workers cover both databases (CI; `npm run test:postgresql` selects the
// twins alone).
// Before any test runs, test/support/prepare.ts provides what each project's tests need (services,
// a browser, dist/) and stops the run with one line when it cannot. Two workers, one per core (CI
// runs 4, see .ci/run): every server a test starts has its own database and Redis key prefix, so
// files never share state. The slowest files start first (test/support/sequencer.js), so no worker
// runs a long file alone at the end.
//
// Tests run from TypeScript source through ts-jest, transpiled file by file (isolatedModules): type
// errors are `npm run typecheck`'s job, which `npm run check` and CI run before the suite.

/**
 * The files whose behaviour depends on the database engine (stores, adapters, migrations, outages,
 * dumps, races, the CLI's queries): `npm run test:postgresql` runs exactly these on PostgreSQL. A
 * test of pages, headers or protocol flows that only passes through a store does not belong here;
 * a test of a query, a transaction, a conditional update or a constraint does.
 */
export const POSTGRESQL_FILES = [
  'test/integration/fast-reads.test.ts',
  'test/integration/account-security.test.ts',
  'test/integration/audit-retention.test.ts',
  'test/integration/authenticators.test.ts',
  'test/integration/cli-with-server.test.ts',
  'test/integration/cli.test.ts',
  'test/integration/client-removal.test.ts',
  'test/integration/clients.test.ts',
  'test/integration/code-double-submit.test.ts',
  'test/integration/database-dump.test.ts',
  'test/integration/database-errors.test.ts',
  'test/integration/enrolment-restart.test.ts',
  'test/integration/guessing-budget.test.ts',
  'test/integration/hostile-input.test.ts',
  'test/integration/migrations.test.ts',
  'test/integration/password-change.test.ts',
  'test/integration/password-spraying.test.ts',
  'test/integration/protocol-store.test.ts',
  'test/integration/rate-limit-outage.test.ts',
  'test/integration/rate-limits-instances.test.ts',
  'test/integration/rate-limits.test.ts',
  'test/integration/recovery-codes.test.ts',
  'test/integration/restart.test.ts',
  'test/integration/right-password-limits.test.ts',
  'test/integration/secret-rotation.test.ts',
  'test/integration/serializable-conflicts.test.ts',
  'test/integration/several-apps.test.ts',
  'test/integration/storage-limits.test.ts',
  'test/integration/store-outages.test.ts',
  'test/integration/token-rate-limits.test.ts',
  'test/process/shutdown-during-purge.test.ts',
];

const typescript = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  setupFiles: ['<rootDir>/test/support/quiet-runtime-notice.ts'],
  testEnvironment: 'node',
};

/** A project of the test files in `folder`; all but unit first check the machine (prepare.ts). */
const project = (name, folder) => ({
  ...typescript,
  displayName: name,
  roots: [`<rootDir>/test/${folder}`],
  testMatch: ['**/*.test.ts'],
  ...(name === 'unit' ? {} : { globalSetup: '<rootDir>/test/support/prepare.ts' }),
});

/** The PostgreSQL twin of a project: its files in POSTGRESQL_FILES, each on a fresh PostgreSQL database. */
const onPostgresql = (base) => {
  const folder = base.roots[0].replace('<rootDir>/', '');
  const files = POSTGRESQL_FILES.filter((file) => file.startsWith(`${folder}/`));
  return {
    ...base,
    displayName: `${base.displayName}:postgresql`,
    testMatch: files.map((file) => `<rootDir>/${file}`),
    setupFiles: [...base.setupFiles, '<rootDir>/test/support/on-postgresql.ts'],
    files,
  };
};

const projects = [
  project('unit', 'unit'),
  project('in-process', 'integration'),
  project('browser', 'e2e'),
  project('process', 'process'),
];

/** The PostgreSQL pass's projects (`npm run test:postgresql` selects them by name). */
export const POSTGRESQL_PROJECTS = projects
  .map(onPostgresql)
  .filter(({ files }) => files.length > 0)
  .map(({ files: _files, ...twin }) => twin);

/** @type {import('jest').Config} */
export default {
  projects: [...projects, ...(process.env.TEST_POSTGRESQL_PASS === '1' ? POSTGRESQL_PROJECTS : [])],
  testSequencer: '<rootDir>/test/support/sequencer.js',
  testTimeout: 60_000,
  maxWorkers: 2,
};
