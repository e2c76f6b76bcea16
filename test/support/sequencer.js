// The order in which jest starts the suite's files: the slowest first, so that the last minutes of
// a run are short files spread over every worker, not one long file while the others idle. jest
// orders by the durations its cache kept from the last run, which a clean clone (CI) has not got,
// and then by file size, which says little here (the slowest files wait on sockets, timeouts and
// child processes, not on their own length). So a file with no duration in the cache takes the
// one measured in CI (MEASURED, from a run of `.ci/run` on the 2-core machine); a file in
// neither starts after them, largest first. Failed files still start first, as jest does.
//
// jest loads this file as it is (no transform): plain JavaScript.
import { relative } from 'node:path';
import Sequencer from '@jest/test-sequencer';

/**
 * Seconds each file of 30 s or more took in a CI run (.ci/run of 2026-12-01, 4 workers, both
 * databases; the machine was shared, load ~19, so only their order matters): the SQLite projects'
 * files by path, the PostgreSQL pass's as `path:postgresql`.
 */
const MEASURED = {
  'test/integration/serializable-conflicts.test.ts:postgresql': 282,
  'test/e2e/accessibility-french.browser.test.ts': 144,
  'test/e2e/accessibility-english.browser.test.ts': 141,
  'test/integration/hostile-input.test.ts:postgresql': 133,
  'test/process/workers.test.ts': 123,
  'test/integration/store-outages.test.ts': 118,
  'test/integration/password-change.test.ts:postgresql': 104,
  'test/integration/password-spraying.test.ts:postgresql': 74,
  'test/integration/rate-limits.test.ts:postgresql': 63,
  'test/integration/recovery-codes.test.ts:postgresql': 60,
  'test/process/cli.test.ts': 58,
  'test/integration/protocol-store.test.ts:postgresql': 55,
  'test/integration/password-change.test.ts': 55,
  'test/integration/hostile-arguments.test.ts': 52,
  'test/integration/code-double-submit.test.ts:postgresql': 47,
  'test/integration/store-outages.test.ts:postgresql': 46,
  'test/integration/right-password-limits.test.ts:postgresql': 45,
  'test/integration/protocol-store.test.ts': 45,
  'test/process/first-start.test.ts': 41,
  'test/integration/migrations.test.ts:postgresql': 41,
  'test/process/many-instances.test.ts': 40,
  'test/integration/migrations.test.ts': 40,
  'test/e2e/provider-pages.browser.test.ts': 40,
  'test/integration/guessing-budget.test.ts:postgresql': 39,
  'test/integration/password-spraying.test.ts': 38,
  'test/integration/rate-limits.test.ts': 34,
  'test/integration/hostile-input.test.ts': 33,
  'test/e2e/password-change.browser.test.ts': 33,
  'test/integration/rate-limits-instances.test.ts:postgresql': 31,
  'test/integration/enrolment-takeover.test.ts': 31,
  'test/integration/storage-limits.test.ts:postgresql': 30,
  'test/integration/code-double-submit.test.ts': 30,
};

export default class SlowestFirst extends Sequencer {
  time(test) {
    const twin = String(test.context.config.displayName?.name ?? '').split(':')[1];
    const path = relative(test.context.config.rootDir, test.path);
    const measured = MEASURED[twin ? `${path}:${twin}` : path];
    return super.time(test) ?? (measured === undefined ? undefined : measured * 1000);
  }

  sort(tests) {
    const size = (test) => test.context.hasteFS.getSize(test.path) ?? 0;
    for (const test of tests) test.duration = this.time(test);
    return tests.sort(
      (a, b) =>
        Number(this.hasFailed(b)) - Number(this.hasFailed(a)) ||
        (b.duration ?? 0) - (a.duration ?? 0) ||
        size(b) - size(a),
    );
  }
}
