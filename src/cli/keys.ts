// `twofold keys rotate`: a new signing key pair goes first in KEYS_DIR/jwks.json; the old keys stay
// published, so tokens signed before the rotation keep verifying until they expire.
import type { Command } from 'commander';
import { rotateSigningKeys } from '../keys/index.js';
import { print, withServices } from './context.js';

export function addKeyCommands(program: Command): void {
  const keys = program.command('keys').description('manage signing keys');

  keys
    .command('rotate')
    .description('add a new signing key pair and sign with it; older keys stay published')
    .action(async (_options: unknown, command: Command) => {
      await withServices(command, async ({ audit }, { config }) => {
        const kids = await rotateSigningKeys(config.keysDir);
        await audit.record({ type: 'signing_keys_rotated', detail: { source: 'cli', kids } });
        print(`new signing keys: ${kids.join(', ')}`);
        print('running servers sign with the new keys after a restart; tokens signed with older keys still verify');
      });
    });
}
