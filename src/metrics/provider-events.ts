// What oidc-provider does inside its own endpoints, counted from the events it emits after
// answering (as src/audit/provider-events.ts listens for the audited ones): a listener adds one
// to a counter, nothing more, so the token endpoint pays next to nothing for it.
import type Provider from 'oidc-provider';
import { CLIENT_AUTH_ENDPOINTS, TOKEN_TYPES, type Metrics } from './index.js';

const CLIENT_ERRORS: Record<string, (typeof CLIENT_AUTH_ENDPOINTS)[number]> = {
  'grant.error': 'token',
  'introspection.error': 'introspection',
  'revocation.error': 'revocation',
  'pushed_authorization_request.error': 'par',
};

export function countProviderEvents(provider: Provider, metrics: Metrics): void {
  for (const type of TOKEN_TYPES) {
    const issued = metrics.tokensIssued.labels(type);
    provider.on(`${type}.saved` as 'access_token.saved', () => issued.inc());
  }
  provider.on('authorization_code.consumed', () => metrics.codesConsumed.inc());
  provider.on('grant.revoked', () => metrics.grantsRevoked.inc());
  provider.on('server_error', () => metrics.serverErrors.inc());
  for (const [name, endpoint] of Object.entries(CLIENT_ERRORS)) {
    const failures = metrics.clientAuthFailures.labels(endpoint);
    provider.on(name as 'grant.error', (_ctx: unknown, error: { error?: string }) => {
      if (error.error === 'invalid_client') failures.inc();
    });
  }
}
