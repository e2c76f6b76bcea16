// Removing a relying party ends everything it was given: its grants (the consents people gave
// it), codes and tokens, on the database or on Redis. Deleting only the client row left them
// stored, and registering the same client_id again brought its old refresh tokens back to life.
import { InvalidInputError } from '../accounts/errors.js';
import type { ProtocolStore } from '../oidc/adapters/index.js';
import { PORTAL_CLIENT_ID } from '../portal/client.js';
import type { ClientStore } from './store.js';

/** Removes the client and its protocol state; false when no such client was registered. */
export async function removeClient(
  clients: ClientStore,
  protocolStore: ProtocolStore,
  clientId: string,
): Promise<boolean> {
  if (clientId === PORTAL_CLIENT_ID) {
    throw new InvalidInputError(
      `${PORTAL_CLIENT_ID} is the built-in account page: it cannot be removed (the server registers it again at every start)`,
    );
  }
  // First: with the protocol store down, nothing has changed and the command can simply be rerun.
  await protocolStore.revokeClient(clientId);
  const removed = await clients.remove(clientId);
  // Again: a refresh or a code exchange in flight may have issued a token between the two.
  await protocolStore.revokeClient(clientId);
  return removed;
}
