// The image starts the server as `npm start` does: the same environment before `node` and the same
// Node options (package.json's start script is where they are written; the Dockerfile's ENV and CMD
// repeat them, since the image runs Node without npm).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../../src/paths.js';
import { START_ENV, START_FLAGS } from '../support/start-flags.js';

const dockerfile = readFileSync(join(packageRoot, 'Dockerfile'), 'utf8');

it('the Dockerfile’s CMD is npm start’s command, flags and all', () => {
  const commands = [...dockerfile.matchAll(/^CMD (\[.*\])$/gm)].map((match) => JSON.parse(match[1]!) as string[]);
  expect(commands.at(-1)).toEqual(['node', ...START_FLAGS, 'dist/src/main.js']);
});

it('the runtime image sets the environment npm start sets', () => {
  // Every ENV instruction of the last stage, continuation lines joined, a later one overriding.
  const runtime = dockerfile.slice(dockerfile.lastIndexOf('\nFROM ')).replace(/\\\n/g, ' ');
  const set: Record<string, string> = {};
  for (const [, pairs] of runtime.matchAll(/^ENV (.*)$/gm))
    for (const [, name, value] of pairs!.matchAll(/([A-Za-z_]\w*)=(\S*)/g)) set[name!] = value!;
  expect(Object.keys(START_ENV).length).toBeGreaterThan(0);
  for (const [name, value] of Object.entries(START_ENV)) expect({ [name]: set[name] }).toEqual({ [name]: value });
});
