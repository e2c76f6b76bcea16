// Node's options as `npm start` gives them (package.json's start script is the one place they are
// written): the process tests and the bench start the server as an operator does.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';

const manifest = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8')) as { scripts: { start: string } };

export const START_FLAGS: readonly string[] = manifest.scripts.start
  .split(/\s+/)
  .filter((word) => word.startsWith('--'));
