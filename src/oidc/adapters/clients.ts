// oidc-provider reads clients through its "Client" model; ours come from the clients table.
// `client_secret` carries the secret's digest: see compareClientSecret in provider.ts.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { ClientStore } from '../../clients/store.js';

export class ClientAdapter implements Adapter {
  constructor(private readonly clients: ClientStore) {}

  async find(id: string): Promise<AdapterPayload | undefined> {
    const client = await this.clients.find(id);
    if (!client) return undefined;
    return {
      ...client.metadata,
      ...(client.secretDigest ? { client_secret: client.secretDigest } : {}),
    };
  }

  // Clients are managed with `twofold client …`, never through the protocol.
  upsert(): Promise<void> {
    return Promise.reject(new Error('clients are managed with the twofold CLI'));
  }
  // Clients have no uid, user code or grant, and are never consumed or destroyed by the protocol.
  findByUid(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  findByUserCode(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  consume(): Promise<void> {
    return Promise.resolve();
  }
  destroy(): Promise<void> {
    return Promise.resolve();
  }
  revokeByGrantId(): Promise<void> {
    return Promise.resolve();
  }
}
