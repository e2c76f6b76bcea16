// Reading and writing the key files under KEYS_DIR: owner-only permissions, atomic replacement, and
// a first write that cannot race another instance starting at the same moment.
import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The parsed file, or undefined when it does not exist; callers know (and check) its shape. */
export function readJsonFile(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function writeTemp(dir: string, value: unknown): string {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = join(dir, `.tmp-${randomBytes(8).toString('hex')}`);
  writeFileSync(temp, JSON.stringify(value, null, 2) + '\n', { mode: 0o600 });
  chmodSync(temp, 0o600);
  return temp;
}

/** Writes `file` only if it does not exist yet; returns what the file holds afterwards. */
export function createJsonFileOnce<T>(dir: string, name: string, create: () => T): T {
  const file = join(dir, name);
  const existing = readJsonFile(file) as T | undefined;
  if (existing !== undefined) return existing;
  const temp = writeTemp(dir, create());
  try {
    linkSync(temp, file); // fails with EEXIST when another process won the race
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
  return readJsonFile(file) as T;
}

/** Replaces `file` atomically: readers see the old content or the new, never half of it. */
export function replaceJsonFile(dir: string, name: string, value: unknown): void {
  renameSync(writeTemp(dir, value), join(dir, name));
}
