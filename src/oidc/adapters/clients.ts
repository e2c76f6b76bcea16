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
  async upsert(): Promise<void> {
    throw new Error('clients are managed with the twofold CLI');
  }
  async findByUid(): Promise<undefined> {
    return undefined;
  }
  async findByUserCode(): Promise<undefined> {
    return undefined;
  }
  async consume(): Promise<void> {}
  async destroy(): Promise<void> {}
  async revokeByGrantId(): Promise<void> {}
}
