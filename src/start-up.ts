// What the server tells its operator when it starts, in plain words: where the data and the keys
// are, which page to open first, how to create the first account, and why it could not listen.
import type { Config } from './config/index.js';
import { describeDatabase } from './database/where.js';

/** The start-up line: where the data and keys are, and which page to open first. */
export function whereThingsAre(config: Readonly<Config>): [Record<string, string>, string] {
  const database = describeDatabase(config.database);
  const open = `${config.issuer}/account`;
  return [
    { database, keysDir: config.keysDir, open },
    `ready: open ${open} to sign in; the data is in ${database} and the keys in ${config.keysDir} (back them up together: the keys decrypt the data)`,
  ];
}

// `npx twofold` runs this checkout's CLI (README, Administration); it asks for the password, so
// none lands in the shell's history.
export const NO_ACCOUNT_YET =
  'no account exists yet; create the first one with: npx twofold user add you@example.com (run it in this folder, with the same settings as the server; it asks for the password)';

/** The exit code for a port another program holds: the operator's to fix, like a bad setting. */
export const PORT_IN_USE_EXIT_CODE = 2;

export function portInUse(config: Readonly<Config>): string {
  return `cannot listen on ${config.host}:${config.port}: the port is already in use (another Twofold, or another program); stop it, or set PORT to a free port`;
}
