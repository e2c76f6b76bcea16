// What `npm test` does on a machine that lacks something (support/prepare.ts, every project's
// globalSetup): it finds a browser where people install one, installs Debian's when it may, and
// otherwise stops with one line naming what is missing; the same for PostgreSQL and Redis.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/databases.js';
import { freePort } from '../support/ports.js';
import { NotPrepared, checkPostgres, checkRedis, findBrowser, prepareBrowser } from '../support/prepare.js';

/** An executable file at `dir/name` (a stand-in browser: nothing runs it here). */
function executable(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
}

/** The one line a failed preparation prints (jest shows a globalSetup's stack, which is the message). */
async function refusal(work: () => unknown): Promise<string> {
  try {
    await work();
  } catch (error) {
    expect(error).toBeInstanceOf(NotPrepared);
    const { stack, message } = error as Error;
    expect(stack).toBe(message);
    expect(message).not.toContain('\n');
    return message;
  }
  throw new Error('expected the preparation to stop');
}

describe('finding a browser', () => {
  it('takes CHROMIUM_PATH when set, and stops with one line when it is not an executable', async () => {
    const dir = tempDir();
    const chosen = executable(dir, 'my-chrome');
    expect(findBrowser({ CHROMIUM_PATH: chosen, PATH: '' }, [])).toBe(chosen);
    writeFileSync(join(dir, 'not-executable'), '');
    for (const path of [join(dir, 'missing'), join(dir, 'not-executable'), dir]) {
      expect(await refusal(() => findBrowser({ CHROMIUM_PATH: path }, []))).toBe(
        `npm test: CHROMIUM_PATH=${path} is not an executable file: point it at Chromium or Chrome`,
      );
    }
  });

  it('looks for chromium, chromium-browser and google-chrome on PATH, then in the usual places', () => {
    const dir = tempDir();
    const onPath = executable(join(dir, 'bin'), 'chromium-browser');
    const usual = executable(join(dir, 'opt'), 'chrome');
    expect(findBrowser({ PATH: `/nonexistent:${join(dir, 'bin')}` }, [usual])).toBe(onPath);
    expect(findBrowser({ PATH: '/nonexistent' }, [join(dir, 'nothing-here'), usual])).toBe(usual);
    expect(findBrowser({ PATH: '/nonexistent' }, [])).toBeUndefined();
    expect(findBrowser({}, [])).toBeUndefined();
  });

  it('with none and no way to install one, stops before the suite with one line naming what to install', async () => {
    const installed: string[] = [];
    const message = await refusal(() =>
      prepareBrowser({
        env: { PATH: '/nonexistent' },
        locations: [],
        canInstall: false,
        install: () => installed.push('chromium'),
      }),
    );
    expect(message).toBe(
      'npm test: no Chromium or Chrome for the browser tests: install one (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH',
    );
    expect(installed).toEqual([]);
  });

  it('as root on Debian, installs the chromium package, says so, and uses what it installed', () => {
    const bin = join(tempDir(), 'bin');
    const said: string[] = [];
    const found = prepareBrowser({
      env: { PATH: bin },
      locations: [],
      canInstall: true,
      install: () => executable(bin, 'chromium'),
      say: (line) => said.push(line),
    });
    expect(found).toBe(join(bin, 'chromium'));
    expect(said).toEqual(['npm test: no Chromium found; installing the Debian package "chromium" (running as root)…']);
  });

  it('uses the browser another worker installed meanwhile when its own installation gave up on the lock', () => {
    const bin = join(tempDir(), 'bin');
    const found = prepareBrowser({
      env: { PATH: bin },
      locations: [],
      canInstall: true,
      install: () => {
        // The other worker's apt-get finished first.
        executable(bin, 'chromium');
        throw new NotPrepared(
          'installing Chromium failed (apt-get update: E: Unable to lock directory /var/lib/apt/lists/)',
        );
      },
      say: () => undefined,
    });
    expect(found).toBe(join(bin, 'chromium'));
  });

  it('says so in one line when the installation fails', async () => {
    const message = await refusal(() =>
      prepareBrowser({
        env: { PATH: '/nonexistent' },
        locations: [],
        canInstall: true,
        install: () => {
          throw new NotPrepared('installing Chromium failed (apt-get install: E: Unable to locate package chromium)');
        },
        say: () => undefined,
      }),
    );
    expect(message).toMatch(/^npm test: installing Chromium failed \(apt-get install: E: Unable to locate package/);
  });
});

describe('the services', () => {
  it('an unreachable Redis stops the run with one line naming it and TEST_REDIS_URL', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    expect(await refusal(() => checkRedis(url))).toBe(
      `npm test: Redis does not answer at ${url} (ECONNREFUSED): start it, or set TEST_REDIS_URL`,
    );
  });

  it('an unreachable PostgreSQL stops the run with one line naming it, without its password', async () => {
    const port = await freePort();
    expect(await refusal(() => checkPostgres(`postgresql://postgres:hunter2@127.0.0.1:${port}/test`))).toBe(
      `npm test: PostgreSQL does not answer at postgresql://postgres:***@127.0.0.1:${port}/test (ECONNREFUSED): start it, or set TEST_POSTGRES_URL`,
    );
  });
});
