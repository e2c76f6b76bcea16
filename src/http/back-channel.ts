// The endpoints a relying party's server calls directly (RFC 6749 §3.2 and its kin): they answer
// JSON to a client, never a page to a person. Every request went through each page middleware in
// turn (pending sign-ins, health, static files, the interaction router, where sessions were seen,
// the account portal), each looking at the path only to pass it on: ~1/10 of our own cost of a
// client_credentials request (issue 11). They skip that group as a whole now.
import compose from 'koa-compose';
import type { Middleware } from 'koa';

/** oidc-provider's back-channel routes (its defaults, which src/oidc/provider.ts keeps). */
const BACK_CHANNEL_PATHS: ReadonlySet<string> = new Set([
  '/token',
  '/token/introspection',
  '/token/revocation',
  '/request',
  '/me',
  '/jwks',
]);

/**
 * A path as oidc-provider's router matches it (@koa/router, neither case-sensitive nor strict):
 * `/TOKEN` and `/token/` reach the token endpoint too, so whatever guards an endpoint by its path
 * (the token limits, credentialed CORS) must compare this, never `ctx.path` itself.
 */
export function protocolPath(path: string): string {
  const lower = path.toLowerCase();
  return lower.length > 1 && lower.endsWith('/') ? lower.slice(0, -1) : lower;
}

/** `middleware`, run in order, for every request but a back-channel one, which goes straight on. */
export function pagesOnly(middleware: Middleware[]): Middleware {
  const pages = compose(middleware);
  return (ctx, next) => (BACK_CHANNEL_PATHS.has(protocolPath(ctx.path)) ? next() : pages(ctx, next));
}
