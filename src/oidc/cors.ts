// Which web pages may call our endpoints from a browser (CORS). Discovery and JWKS are public
// documents: any origin. The endpoints that take a credential — token, introspection, revocation,
// userinfo, pushed authorization requests — answer a browser only for an origin the client itself
// registered (the origin of one of its redirect URIs), and only for a client that can live in a
// browser: a public client (PKCE, no secret), or any client at userinfo, where the credential is
// the access token the browser app holds. A confidential client's secret belongs on a server, so
// a browser calling with it is refused.
//
// oidc-provider asks `clientBasedCORS` once it knows the client. Before it does — a preflight, or a
// request refused before any client was found — it echoes whatever Origin was sent; the middleware
// here answers those instead: a preflight only for an origin some client registered, and no
// Access-Control-Allow-Origin at all on an answer that names no client.
import type { Middleware } from 'koa';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { ClientStore } from '../clients/store.js';
import { protocolPath } from '../http/back-channel.js';

/** The endpoints that carry a credential, by path, and the oidc-provider route name for userinfo. */
const CREDENTIALED = new Set(['/token', '/token/introspection', '/token/revocation', '/me', '/request']);
const USERINFO_PATH = '/me';

interface BrowserClient {
  clientAuthMethod?: string | undefined;
  redirectUris?: readonly string[] | undefined;
}

function allowedFor(atUserinfo: boolean, origin: string, client: BrowserClient): boolean {
  // "null" is what sandboxed frames and file: pages send: never a registered origin.
  if (origin === 'null') return false;
  if (!atUserinfo && client.clientAuthMethod !== 'none') return false;
  return (client.redirectUris ?? []).some((uri) => URL.parse(uri)?.origin === origin);
}

/** oidc-provider's `clientBasedCORS`: the rule above, for a request whose client is known. */
export function registeredOriginsOnly(ctx: KoaContextWithOIDC, origin: string, client: BrowserClient): boolean {
  return allowedFor(ctx.oidc.route === 'userinfo', origin, client);
}

/** The part oidc-provider cannot decide: preflights, and answers that never found a client. */
export function credentialedCors(clients: ClientStore): Middleware {
  const browserRequest = async (ctx: Parameters<Middleware>[0], next: () => Promise<unknown>, origin: string) => {
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
      const atUserinfo = protocolPath(ctx.path) === USERINFO_PATH;
      const registered = (await clients.list()).some(({ metadata }) =>
        allowedFor(atUserinfo, origin, {
          clientAuthMethod: metadata.token_endpoint_auth_method as string | undefined,
          redirectUris: metadata.redirect_uris as string[] | undefined,
        }),
      );
      if (!registered) {
        // No Access-Control-* header: the browser does not send the request.
        ctx.vary('Origin');
        ctx.status = 204;
        return;
      }
      await next();
      return;
    }
    await next();
    const oidc = (ctx as unknown as Partial<KoaContextWithOIDC>).oidc;
    if (!oidc?.client) ctx.remove('Access-Control-Allow-Origin');
  };
  // Not async on the way through: an async layer costs every request its promises (issue 11).
  return (ctx, next) => {
    const origin = ctx.get('Origin');
    if (!origin || !CREDENTIALED.has(protocolPath(ctx.path))) return next();
    return browserRequest(ctx, next, origin);
  };
}
