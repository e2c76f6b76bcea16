// oidc-provider reads clients through its "Client" model; ours come from the clients table.
// `client_secret` carries the secret's digest: see compareClientSecret in provider.ts.
//
// oidc-provider asks for the client on every token, introspection, revocation and userinfo request,
// so a client read is kept for CLIENT_CACHE_SECONDS. Adding a client takes effect at once (only
// clients found are kept); changing or removing one with `twofold client …` from another process
// takes effect on every instance and worker within that second, and at once in the process that
// made the change. That is safe because nothing a stale second allows outlives it: oidc-provider
// looks the client up again whenever a token is used (refresh, userinfo, introspection), so once the
// second has passed a removed client's tokens are refused like any client's that does not exist.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { ClientStore } from '../../clients/store.js';

export const CLIENT_CACHE_SECONDS = 1;
// Bounds the memory a flood of made-up client ids could take: only clients that exist are kept,
// and there are a handful of those, so past this many the oldest are dropped.
const MAX_CACHED = 1000;

export class ClientAdapter implements Adapter {
  private readonly cached = new Map<string, { payload: AdapterPayload; until: number }>();

  constructor(
    private readonly clients: ClientStore,
    private readonly now: () => number = Date.now,
  ) {
    clients.onChange((clientId) => this.cached.delete(clientId));
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const hit = this.cached.get(id);
    if (hit && hit.until > this.now()) return hit.payload;
    const client = await this.clients.find(id);
    if (!client) {
      this.cached.delete(id);
      return undefined;
    }
    const payload = {
      ...client.metadata,
      ...(client.secretDigest ? { client_secret: client.secretDigest } : {}),
    };
    this.cached.delete(id);
    if (this.cached.size >= MAX_CACHED) this.cached.delete(this.cached.keys().next().value!);
    this.cached.set(id, { payload, until: this.now() + CLIENT_CACHE_SECONDS * 1000 });
    return payload;
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
