// Where oidc-provider's short-lived state lives: Redis when REDIS_URL is set (shared by every
// instance), otherwise our database. Clients always come from the database.
import type { Adapter } from 'oidc-provider';
import type { Database } from '../../database/client.js';
import type { ClientStore } from '../../clients/store.js';
import { ClientAdapter } from './clients.js';
import { DatabaseAdapter, purgeExpired, revokeAccountState } from './database.js';

export interface ProtocolStore {
  /** The adapter for one oidc-provider model (or one of our own short-lived models). */
  adapter(model: string): Adapter;
  /** Ends every session, grant, code and token that belongs to the account. */
  revokeAccount(accountId: string): Promise<void>;
  /** Periodic housekeeping (expired rows); a no-op where the store expires entries itself. */
  purge(): Promise<void>;
  /** True when the store answers. */
  ready(): Promise<boolean>;
  close(): Promise<void>;
}

export function databaseProtocolStore(db: Database, clients: ClientStore): ProtocolStore {
  const clientAdapter = new ClientAdapter(clients);
  const adapters = new Map<string, Adapter>();
  return {
    adapter(model) {
      if (model === 'Client') return clientAdapter;
      let adapter = adapters.get(model);
      if (!adapter) adapters.set(model, (adapter = new DatabaseAdapter(db, model)));
      return adapter;
    },
    revokeAccount: (accountId) => revokeAccountState(db, accountId),
    purge: async () => {
      await purgeExpired(db);
    },
    ready: async () => true,
    close: async () => {},
  };
}
