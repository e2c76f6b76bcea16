// What the hosted pages need from the server: services, never the database directly.
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { Config } from '../src/config/index.js';
import type { AccountStore } from '../src/accounts/store.js';
import type { ClientStore } from '../src/clients/store.js';
import type { AuditLog } from '../src/audit/index.js';

export interface InteractionDependencies {
  config: Readonly<Config>;
  provider: Provider;
  logger: Logger;
  accounts: AccountStore;
  clients: ClientStore;
  audit: AuditLog;
}
