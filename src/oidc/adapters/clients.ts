// oidc-provider reads clients through its "Client" model; ours come from the clients table.
// `client_secret` carries the secret's digest: see compareClientSecret in provider.ts.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { ClientRecord, ClientStore } from '../../clients/store.js';

export class ClientAdapter implements Adapter {
  // One payload per record the store hands out (it keeps a record up to CLIENT_CACHE_SECONDS): every
  // token request reads its client, and building the same object again was ~5 µs of one (issue 11).
  private readonly payloads = new WeakMap<ClientRecord, AdapterPayload>();

  constructor(private readonly clients: ClientStore) {}

  async find(id: string): Promise<AdapterPayload | undefined> {
    const client = await this.clients.find(id);
    if (!client) return undefined;
    let payload = this.payloads.get(client);
    if (!payload) {
      payload = {
        ...client.metadata,
        ...(client.secretDigest ? { client_secret: client.secretDigest } : {}),
      };
      this.payloads.set(client, payload);
    }
    return payload;
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
