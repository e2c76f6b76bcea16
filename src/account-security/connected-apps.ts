// The applications a person let sign them in (oidc-provider's grants of the account: one per
// client per session, holding the scopes consented to), and taking that back. The consent page
// promises that revoking an app here ends its access: every grant of the account for that client
// goes, with the codes, access and refresh tokens issued under it, so its next sign-in asks again.
// First-party clients are not listed: they get consent without asking (interactions/steps/consent.ts),
// so revoking one would be undone at its next sign-in; ending the session ends their tokens.
import type { ClientStore } from '../clients/store.js';
import type { ProtocolStore } from '../oidc/adapters/index.js';

/** One relying party the account has granted access to. */
export interface ConnectedApp {
  clientId: string;
  /** Its registered `client_name`, or null (the page then shows its client_id). */
  name: string | null;
  /** The scopes granted, from every grant of the account for this client. */
  scopes: string[];
  /** The earliest grant still standing. */
  since: Date | null;
}

type Store = Pick<ProtocolStore, 'adapter' | 'listByAccount'>;

interface GrantPayload {
  accountId?: unknown;
  clientId?: unknown;
  iat?: unknown;
  openid?: { scope?: unknown };
}

export class ConnectedApps {
  constructor(
    private readonly store: Store,
    private readonly clients: Pick<ClientStore, 'find'>,
    /** Clients never listed: the account page itself (signing in there is not connecting an app). */
    private readonly hidden: readonly string[],
  ) {}

  async list(accountId: string): Promise<ConnectedApp[]> {
    const byClient = new Map<string, { scopes: Set<string>; since: number | null }>();
    for (const grant of await this.grants(accountId)) {
      const app = byClient.get(grant.clientId) ?? { scopes: new Set<string>(), since: null };
      for (const scope of grant.scopes) app.scopes.add(scope);
      if (grant.iat !== null && (app.since === null || grant.iat < app.since)) app.since = grant.iat;
      byClient.set(grant.clientId, app);
    }
    const apps = await Promise.all(
      [...byClient].map(async ([clientId, { scopes, since }]): Promise<ConnectedApp | null> => {
        const client = await this.clients.find(clientId);
        if (client?.firstParty) return null;
        const name = client?.metadata.client_name;
        return {
          clientId,
          name: typeof name === 'string' && name ? name : null,
          scopes: [...scopes],
          since: since === null ? null : new Date(since * 1000),
        };
      }),
    );
    return apps
      .filter((app) => app !== null)
      .sort((a, b) => (a.name ?? a.clientId).localeCompare(b.name ?? b.clientId));
  }

  /** Ends every grant of the account for the client; returns how many there were (0: nothing to revoke). */
  async revoke(accountId: string, clientId: string): Promise<number> {
    if (this.hidden.includes(clientId) || (await this.clients.find(clientId))?.firstParty) return 0;
    const grants = (await this.grants(accountId)).filter((g) => g.clientId === clientId);
    const adapter = this.store.adapter('Grant');
    await Promise.all(
      grants.map(async ({ id }) => {
        // Our adapters end every code and token of the grant whatever the model they are called on;
        // they go first, so a failure in between leaves a grant that can still be ended, not orphans.
        await adapter.revokeByGrantId(id);
        await adapter.destroy(id);
      }),
    );
    return grants.length;
  }

  private async grants(accountId: string) {
    const entries = await this.store.listByAccount('Grant', accountId);
    return entries.flatMap(({ id, payload }) => {
      const grant = payload as GrantPayload;
      if (grant.accountId !== accountId || typeof grant.clientId !== 'string') return [];
      if (this.hidden.includes(grant.clientId)) return [];
      const scope = typeof grant.openid?.scope === 'string' ? grant.openid.scope : '';
      return [
        {
          id,
          clientId: grant.clientId,
          scopes: scope.split(' ').filter(Boolean),
          iat: typeof grant.iat === 'number' ? grant.iat : null,
        },
      ];
    });
  }
}
