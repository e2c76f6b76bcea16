// The order in which jest starts the suite's files: the slowest first, so that the last minutes of
// a run are short files spread over every worker, not one long file while the others idle. jest
// orders by the durations its cache kept from the last run, which a clean clone (CI) has not got,
// and then by file size, which says little here (the slowest files wait on sockets, timeouts and
// child processes, not on their own length). So a file with no duration in the cache takes the
// one measured in CI (MEASURED, seconds, from `.ci/run --json` on the 2-core machine); a file in
// neither starts after them, largest first. Failed files still start first, as jest does.
//
// jest loads this file as it is (no transform): plain JavaScript.
import { relative } from 'node:path';
import Sequencer from '@jest/test-sequencer';

/** Seconds each slow file took in CI: projects on SQLite, then the PostgreSQL pass (`:postgresql`). */
const MEASURED = {
  'test/e2e/accessibility-english.browser.test.ts': 35,
  'test/e2e/accessibility-french.browser.test.ts': 35,
  'test/e2e/accessibility.browser.test.ts': 15,
  'test/process/workers.test.ts': 31,
  'test/integration/store-outages.test.ts': 30,
  'test/integration/store-outages.test.ts:postgresql': 30,
  'test/integration/hostile-input.test.ts': 22,
  'test/integration/hostile-input.test.ts:postgresql': 22,
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
