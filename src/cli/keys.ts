// `twofold keys rotate`: a new signing key pair goes first in KEYS_DIR/jwks.json; the old keys stay
// published, so tokens signed before the rotation keep verifying until they expire.
// `twofold keys rotate-secret`: a new AES-256 key goes first in KEYS_DIR/secrets.json and every TOTP
// secret is re-encrypted under it. Old keys stay (a server still sealing with one until it re-reads
// the file must not lose what it wrote); running servers pick the new key up by themselves.
import type { Command } from 'commander';
import { addSecretKey, readSecretKeys, rotateSigningKeys } from '../keys/index.js';
import { AuthenticatorStore } from '../mfa/totp-app/store.js';
import { SecretBox } from '../mfa/secret-box.js';
import type { Cli } from './context.js';

export function addKeyCommands(program: Command, cli: Cli): void {
  const keys = program.command('keys').description('manage signing keys and secret-encryption keys');

  keys
    .command('rotate')
    .description('add a new signing key pair and sign with it; older keys stay published')
    .action(async (_options: unknown, command: Command) => {
      await cli.withServices(command, async ({ audit }, { config }) => {
        const kids = await rotateSigningKeys(config.keysDir);
        await audit.record({ type: 'signing_keys_rotated', detail: { source: 'cli', kids } });
        cli.print(`new signing keys: ${kids.join(', ')}`);
        cli.print('running servers sign with the new keys after a restart; tokens signed with older keys still verify');
      });
    });

  keys
    .command('rotate-secret')
    .description('add a new secret-encryption key and re-encrypt every authenticator secret with it')
    .action(async (_options: unknown, command: Command) => {
      await cli.withServices(command, async ({ audit, db }, { config }) => {
        const fresh = await addSecretKey(config.keysDir);
        // Re-encryption is idempotent: a run cut short is finished by running the command again.
        const reencrypted = await new AuthenticatorStore(
          db,
          new SecretBox(readSecretKeys(config.keysDir)),
        ).reencryptAll();
        await audit.record({ type: 'secret_key_rotated', detail: { source: 'cli', kid: fresh.kid, reencrypted } });
        cli.print(`new secret-encryption key: ${fresh.kid}`);
        cli.print(`authenticator secrets re-encrypted: ${reencrypted}`);
      });
    });
}
