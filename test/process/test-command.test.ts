// `npm test` itself on a machine that lacks something: the run stops before the first test, with
// exit code 1 and one line naming what is missing, rather than a failure in every file.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { freePort } from '../support/ports.js';

/** jest as `npm test` runs it, on `files`, with `env` added to this environment. */
function npmTest(files: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--experimental-vm-modules',
        '--no-warnings=ExperimentalWarning',
        join(packageRoot, 'node_modules/jest/bin/jest.js'),
        ...files,
      ],
      { cwd: packageRoot, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('npm test on a machine that lacks something', () => {
  it('without Redis, stops before any test with one line', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const run = await npmTest(['test/integration/discovery.test.ts'], { TEST_REDIS_URL: url });
    expect(run).toEqual({
      code: 1,
      output: `npm test: Redis does not answer at ${url} (ECONNREFUSED): start it, or set TEST_REDIS_URL\n`,
    });
  });

  it('without PostgreSQL, stops before any test with one line', async () => {
    const url = `postgresql://postgres@127.0.0.1:${await freePort()}/test`;
    const run = await npmTest(['test/integration/discovery.test.ts'], { TEST_POSTGRES_URL: url });
    expect(run).toEqual({
      code: 1,
      output: `npm test: PostgreSQL does not answer at ${url} (ECONNREFUSED): start it, or set TEST_POSTGRES_URL\n`,
    });
  });

  it('with a CHROMIUM_PATH that finds nothing, stops the browser tests with one line', async () => {
    const run = await npmTest(['test/e2e'], { CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(run).toEqual({
      code: 1,
      output:
        'npm test: CHROMIUM_PATH=/nonexistent/chromium is not an executable file: point it at Chromium or Chrome\n',
    });
  });
});
