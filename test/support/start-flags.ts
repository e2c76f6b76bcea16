// How `npm start` starts the server (package.json's start script is the one place it is written):
// the environment it sets before `node` (glibc's allocator settings) and Node's options. The
// process tests and the bench start the server as an operator does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
const words = manifest.scripts.start.trim().split(/\s+/);
const node = words.indexOf('node');
const assignments = words.slice(0, node).map((word) => /^([A-Za-z_]\w*)=(\S*)$/.exec(word));
if (node < 0 || assignments.some((match) => !match))
  throw new Error(`package.json's start script must read "[NAME=value …] node [--option …] file": ${words.join(' ')}`);

/** The `NAME=value` assignments before `node`. */
export const START_ENV: Readonly<Record<string, string>> = Object.fromEntries(
  assignments.map((match) => [match![1]!, match![2]!]),
);

export const START_FLAGS: readonly string[] = words.slice(node + 1).filter((word) => word.startsWith('--'));
