// knip: files, exports and dependencies nothing uses. `npm run knip` runs it twice: as is (unused
// anywhere), and with --production (unused by the product: an export only a test imports is a
// test reaching into the product, or code the product lost).
/** @type {import('knip').KnipConfig} */
export default {
  // collect-on-signal.ts is loaded by the soak's server (`--import`, bench/servers.ts), not imported.
  // on-postgresql.ts is a setupFile of the PostgreSQL pass's projects, which jest.config.js adds only
  // under TEST_POSTGRESQL_PASS=1: knip reads the configuration without it.
  entry: [
    'src/main.ts!',
    'bench/run.ts',
    'bench/collect-on-signal.ts',
    'scripts/*.mjs',
    'test/support/on-postgresql.ts',
  ],
  project: [
    'src/**/*.ts!',
    'interactions/**/*.ts!',
    'test/**/*.ts',
    'bench/**/*.ts',
    'scripts/**/*.mjs',
    'prisma/**/*.prisma',
  ],
  ignore: ['src/database/generated/**'],
  // Installed by the system, not npm: the test suite starts private Redis servers and, as root on
  // Debian, installs Chromium; npm run bench drives load with wrk; util-linux's script gives the
  // CLI's password prompt a real terminal.
  ignoreBinaries: ['redis-server', 'apt-get', 'wrk', 'script'],
  // A type that is part of an exported type's shape may be exported beside it.
  ignoreExportsUsedInFile: { interface: true, type: true },
  // Findings in files another track is rewriting now, left to it (remove a line once it is fixed).
  ignoreIssues: {
    // i18n (page templates): escapeHtml, describeAmr, AUTHENTICATOR_APPS, ERROR_ID, waitInWords.
    'interactions/html.ts': ['exports'],
    'interactions/pages/account.ts': ['exports'],
    'interactions/pages/apps.ts': ['exports'],
    'interactions/pages/form.ts': ['exports'],
    'interactions/pages/rate-limited.ts': ['exports'],
    // account (password change): MIN_PASSWORD_LENGTH, MAX_PASSWORD_LENGTH.
    'src/accounts/password.ts': ['exports'],
    // edge (client removal, src/http): buildMetadata, BODY_LIMIT_BYTES.
    'src/clients/store.ts': ['exports'],
    'src/http/body-limit.ts': ['exports'],
    // signin (authenticator store, factors): RECOVERY_CODES_PER_SET, generateRecoveryCode and
    // timeStep, exported for tests only.
    'src/mfa/recovery-codes/codes.ts': ['exports'],
    'src/mfa/totp-app/totp.ts': ['exports'],
    // lead / account (the portal moves to interactions/account/): portalClientMetadata,
    // NotListeningError (a test's only).
    'src/portal/client.ts': ['exports'],
    'src/portal/self-fetch.ts': ['exports'],
  },
};
