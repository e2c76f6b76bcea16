// The protocol endpoints where a client proves itself (RFC 6749 §2.3) or presents a grant:
// /token, /token/introspection, /token/revocation and /request (PAR). Failed requests (a wrong
// client secret, a wrong code, refresh token or PKCE verifier) of a registered client are counted
// per (client_id, client IP); failures naming a client_id nobody registered are counted per client
// IP alone, since a made-up id per request would otherwise get a fresh counter each time. Once out
// of points every such request is answered
//   429 {"error":"slow_down","error_description":"…"}  with Retry-After
// `slow_down` is the registered OAuth error for "back off" (RFC 8628 §3.5); clients that do not
// know it still see an OAuth error body and the HTTP status every HTTP library understands.
//
// A failure is counted after oidc-provider has handled the request but before its answer leaves:
// one atomic increment in the store, and the failure is answered as such only if its count is
// within the limit, else replaced by the refusal. So a burst of simultaneous guesses, on any number
// of instances, gets at most the limit of answers, while a success — the common case — is counted
// nowhere and, for a client that has not failed recently here, costs no store round trip at all.
//
// With HTTP Basic authentication (the default for our clients) the client is known before
// oidc-provider reads the request, so a request from a pair that failed recently here is refused
// before it costs anything. A client_id sent in the form body (client_secret_post, public clients)
// is only known once oidc-provider has parsed it; then the request is handled and its answer
// replaced by the refusal, so a blocked caller still learns nothing from it.
//
// The audit trail records a registered client's failed authentication each time (oidc-provider's
// events, src/audit/provider-events.ts). Failures with unregistered ids are the attacker's own text
// and arrive in floods: only the first of each address's window is recorded, as a sample, and
// reaching the limit once; the rest are counted in metrics (twofold_client_auth_failures_total).
import type { Middleware, ParameterizedContext } from 'koa';
import type { AuditLog } from '../audit/index.js';
import type { Limit, Verdict } from './limit.js';
import { ipKey, tokenKey } from './limits.js';
import { systemClock, type Clock } from '../clock.js';
import { RecentFailures } from './recent-failures.js';
import { protocolPath } from '../http/back-channel.js';

/** The endpoints, by path, under the names the audit trail and metrics give them. */
const ENDPOINTS = new Map([
  ['/token', 'token'],
  ['/token/introspection', 'introspection'],
  ['/token/revocation', 'revocation'],
  ['/request', 'par'],
] as const);
const FAILURES = new Set(['invalid_client', 'invalid_grant']);
type Endpoint = typeof ENDPOINTS extends Map<string, infer Name> ? Name : never;

/**
 * The counters' store being down is not caught here: the request fails closed (no counter, no
 * guess) with the 503 every outage gets (interactions/errors.ts).
 */
export interface TokenEndpointLimits {
  /** token_per_client_ip */
  perClient: Limit;
  /** unknown_client_per_ip */
  unknownClient: Limit;
}

export function tokenEndpointLimits(
  { perClient: limit, unknownClient }: TokenEndpointLimits,
  audit: AuditLog,
  clock: Clock = systemClock,
): Middleware {
  const recent = new RecentFailures(limit.windowSeconds * 1000, undefined, clock);
  const limited = async (ctx: ParameterizedContext, next: () => Promise<unknown>, endpoint: Endpoint) => {
    const fromHeader = basicClientId(ctx.get('authorization'));
    // A key is a digest (limits.ts): not computed at all while nothing failed here.
    const checkedBefore = fromHeader !== undefined && recent.any() && recent.has(tokenKey(fromHeader, ctx.ip));
    if (checkedBefore) {
      const verdict = await limit.check(tokenKey(fromHeader, ctx.ip));
      if (!verdict.allowed) {
        refuse(ctx, verdict);
        return;
      }
    }
    await next();
    const clientId = registeredClient(ctx);
    if (clientId === undefined) {
      if (failed(ctx)) await unknownClientFailed(ctx, unknownClient, audit, endpoint);
      return;
    }
    if (failed(ctx)) {
      const key = tokenKey(clientId, ctx.ip);
      recent.add(key);
      const verdict = await limit.attempt(key);
      // Audited at the failure that used the last point: once refused, a pair's requests are
      // mostly refused before they are counted, so a count over the limit may never be seen.
      if (verdict.allowed && verdict.usedLastPointFor !== undefined) {
        await audit.record({
          type: 'rate_limited',
          clientId,
          ip: ctx.ip,
          detail: { limit: limit.name, retryAfterSeconds: verdict.usedLastPointFor },
        });
      }
      if (!verdict.allowed) refuse(ctx, verdict);
      return;
    }
    // A success from a pair that failed here meanwhile (form body, or a burst): answered only if
    // the pair still has points. Except a success that used up single-use state (a refresh token
    // rotated, a code redeemed): replacing it would destroy a person's session and gain nothing,
    // since the caller has just shown a credential nobody can guess. Otherwise anyone sharing an
    // address could sign out every user of a public app there with a few bad requests.
    if (!checkedBefore && !spentSingleUseState(ctx) && recent.any()) {
      const key = tokenKey(clientId, ctx.ip);
      if (!recent.has(key)) return;
      const verdict = await limit.check(key);
      if (!verdict.allowed) refuse(ctx, verdict);
    }
  };
  // Not async on the way through: an async layer costs every request its promises (issue 11).
  return (ctx, next) => {
    const endpoint = ctx.method === 'POST' ? ENDPOINTS.get(protocolPath(ctx.path) as '/token') : undefined;
    return endpoint ? limited(ctx, next, endpoint) : next();
  };
}

/** A failure naming no registered client: one counter per address, and a sample in the trail. */
async function unknownClientFailed(
  ctx: ParameterizedContext,
  limit: Limit,
  audit: AuditLog,
  endpoint: 'token' | 'introspection' | 'revocation' | 'par',
): Promise<void> {
  const verdict = await limit.attempt(ipKey(ctx.ip));
  if (verdict.allowed && verdict.firstInWindow) {
    await audit.record({
      type: 'client_auth_failed',
      ip: ctx.ip,
      detail: { endpoint, reason: 'client not found', sample: true },
    });
  }
  if (verdict.allowed && verdict.usedLastPointFor !== undefined) {
    await audit.record({
      type: 'rate_limited',
      ip: ctx.ip,
      detail: { limit: limit.name, retryAfterSeconds: verdict.usedLastPointFor },
    });
  }
  if (!verdict.allowed) refuse(ctx, verdict, 'with unregistered client_ids from this address');
}

function refuse(
  ctx: ParameterizedContext,
  verdict: Extract<Verdict, { allowed: false }>,
  from = 'from this client at this address',
): void {
  ctx.status = 429;
  ctx.set('Retry-After', String(verdict.retryAfterSeconds));
  ctx.set('Cache-Control', 'no-store');
  ctx.remove('WWW-Authenticate');
  ctx.body = {
    error: 'slow_down',
    error_description: `too many failed requests ${from}; retry after ${verdict.retryAfterSeconds} seconds`,
  };
}

/** The client_id of an HTTP Basic `Authorization` header (RFC 6749 §2.3.1: form-encoded), if any. */
function basicClientId(header: string): string | undefined {
  const match = /^basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  try {
    return decodeURIComponent(decoded.slice(0, colon).replace(/\+/g, '%20'));
  } catch {
    return undefined;
  }
}

/** The registered client oidc-provider found for the request (none for a made-up client_id). */
function registeredClient(ctx: ParameterizedContext): string | undefined {
  const id = (ctx as { oidc?: { client?: { clientId: string } } }).oidc?.client?.clientId;
  return typeof id === 'string' && id ? id : undefined;
}

function spentSingleUseState(ctx: ParameterizedContext): boolean {
  const grantType = (ctx as { oidc?: { params?: Record<string, unknown> } }).oidc?.params?.grant_type;
  return (
    ctx.status === 200 &&
    protocolPath(ctx.path) === '/token' &&
    (grantType === 'refresh_token' || grantType === 'authorization_code')
  );
}

function failed(ctx: ParameterizedContext): boolean {
  if (ctx.status === 401) return true;
  const error = (ctx.body as { error?: unknown } | undefined)?.error;
  return ctx.status === 400 && typeof error === 'string' && FAILURES.has(error);
}
