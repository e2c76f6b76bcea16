// How `npm start` starts the server (package.json's start script is the one place it is written):
// the environment it sets before `node` (glibc's allocator settings) and Node's options. The
// process tests and the bench start the server as an operator does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };
const words = manifest.scripts.start.split(/\s+/);
const node = words.indexOf('node');

/** The `NAME=value` assignments before `node`. */
export const START_ENV: Readonly<Record<string, string>> = Object.fromEntries(
  words.slice(0, node).map((word) => {
    const [name, ...value] = word.split('=');
    return [name!, value.join('=')];
  }),
);

export const START_FLAGS: readonly string[] = words.slice(node + 1).filter((word) => word.startsWith('--'));
