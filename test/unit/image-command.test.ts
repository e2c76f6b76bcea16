// The image starts the server as `npm start` does: the same Node options (package.json's start
// script is where they are written; the Dockerfile's CMD repeats them, since the image runs Node
// without npm).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { START_FLAGS } from '../support/start-flags.js';

it('the Dockerfile’s CMD is npm start’s command, flags and all', () => {
  const dockerfile = readFileSync(join(packageRoot, 'Dockerfile'), 'utf8');
  const commands = [...dockerfile.matchAll(/^CMD (\[.*\])$/gm)].map((match) => JSON.parse(match[1]!) as string[]);
  expect(commands.at(-1)).toEqual(['node', ...START_FLAGS, 'dist/src/main.js']);
});
