// Audit events that happen inside oidc-provider's own endpoints: a client that fails to
// authenticate at the token, introspection, revocation or PAR endpoint (a guessed or leaked secret
// being tried), and a person signing out. oidc-provider reports them as events after it answered,
// so recording never delays or changes the answer.
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import type { AuditLog, AuditEventInput } from './index.js';

const CLIENT_ENDPOINTS = {
  'grant.error': 'token',
  'introspection.error': 'introspection',
  'revocation.error': 'revocation',
  'pushed_authorization_request.error': 'par',
} as const;

export function auditProviderEvents(provider: Provider, audit: AuditLog, logger: Logger): void {
  const record = (event: AuditEventInput) => {
    audit
      .record(event)
      .catch((error: unknown) => logger.error({ err: error, type: event.type }, 'audit event could not be recorded'));
  };
  for (const [name, endpoint] of Object.entries(CLIENT_ENDPOINTS)) {
    // Every one of these events passes (ctx, error), like grant.error.
    provider.on(name as 'grant.error', (ctx: KoaContextWithOIDC, error: { error?: string; error_detail?: unknown }) => {
      // Only a registered client's failures, each time: an unregistered id is the attacker's text,
      // sampled once per address and window by src/ratelimit/token-endpoint.ts, never a row each.
      const client = ctx.oidc.client;
      if (error.error !== 'invalid_client' || !client) return;
      // oidc-provider's own wording ("invalid secret provided").
      const reason = typeof error.error_detail === 'string' ? error.error_detail.slice(0, 100) : undefined;
      record({
        type: 'client_auth_failed',
        clientId: client.clientId,
        ip: ctx.ip,
        detail: { endpoint, ...(reason ? { reason } : {}) },
      });
    });
  }
  provider.on('end_session.success', (ctx: KoaContextWithOIDC) => {
    // "Yes, sign me out" ends the provider session; "No" only ends the asking client's part of it.
    const everywhere = Boolean((ctx.oidc.params as { logout?: unknown } | undefined)?.logout);
    record({
      type: 'signed_out',
      accountId: ctx.oidc.session?.accountId,
      clientId: ctx.oidc.client?.clientId,
      ip: ctx.ip,
      detail: { everywhere },
    });
  });
}
