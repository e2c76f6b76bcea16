// The embedded database's file is as secret as the keys: it holds live sessions and refresh tokens
// (a copy is a signed-in person). So its folder is created owner-only (0700) and the file 0600
// before SQLite opens it; SQLite gives its -wal and -shm files the database file's own mode. A
// file made by an older version with the umask's 0644 is tightened, wal and shm with it. An
// existing folder is left as it is: DATABASE_URL may point into a folder shared with other things.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

const OWNER_ONLY_FILE = 0o600;
const OWNER_ONLY_FOLDER = 0o700;

export function prepareSqliteFile(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: OWNER_ONLY_FOLDER });
  // 'a' creates the file if missing and never truncates one that exists (another process may be
  // creating it at the same moment).
  closeSync(openSync(file, 'a', OWNER_ONLY_FILE));
  for (const path of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(path)) chmodSync(path, OWNER_ONLY_FILE);
  }
}
