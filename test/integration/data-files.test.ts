// Someone else with an account on the machine must not read the embedded database: it holds live
// sessions and refresh tokens, and a copy of those is a signed-in person. The data folder is
// created 0700 and the database file, its -wal and its -shm 0600, like the keys; a file an older
// version left readable is tightened at the next start. (SQLite only: whatever the suite runs on.)
import { chmodSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { freshEnvironment, tempDir } from '../support/databases.js';
import { createPerson } from '../support/sign-in.js';
import { startTwofoldWith, type RunningTwofold } from '../support/twofold.js';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);

describe('the embedded database is readable by its owner only', () => {
  const dataDir = join(tempDir(), 'not-yet-there', 'data');
  const file = join(dataDir, 'twofold.db');
  let env: Record<string, string>;
  let twofold: RunningTwofold | undefined;
  beforeAll(async () => {
    ({ env } = await freshEnvironment({ DATA_DIR: dataDir, DATABASE_URL: `file:${file}` }));
  });
  afterAll(async () => {
    await twofold?.close();
  });

  it('a first start creates the folder 0700 and the database, -wal and -shm 0600', async () => {
    twofold = await startTwofoldWith(env);
    // A write, so that the write-ahead log and its index exist.
    await createPerson(twofold);
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(existsSync(`${file}-shm`)).toBe(true);
    expect(modeOf(dataDir)).toBe('700');
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect([path, modeOf(path)]).toEqual([path, '600']);
  });

  it('a database an older version left world-readable is tightened at the next start', async () => {
    await twofold?.close();
    twofold = undefined;
    for (const path of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(path)) chmodSync(path, 0o644);
    twofold = await startTwofoldWith(env);
    await createPerson(twofold);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect([path, modeOf(path)]).toEqual([path, '600']);
  });
});
