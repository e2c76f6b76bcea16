// Tests run from TypeScript source through ts-jest (ESM, transpile-only: `npm run typecheck` checks
// types). One worker: integration tests share the machine's PostgreSQL and Redis.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }],
  },
  setupFiles: ['<rootDir>/test/support/quiet-runtime-notice.ts'],
  testTimeout: 60_000,
  maxWorkers: 1,
};
