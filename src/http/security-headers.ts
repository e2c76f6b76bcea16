// Headers on every response: no inline script, no framing (clickjacking), no referrer leaks of
// interaction URLs, no MIME sniffing; HSTS when the issuer is https.
import type { Middleware } from 'koa';

export function securityHeaders(https: boolean): Middleware {
  const csp =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
  return async (ctx, next) => {
    await next();
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    ctx.set('X-Frame-Options', 'DENY');
    // Every response, not only HTML: a 404 or a JSON error opened in a browser is a page too.
    // oidc-provider's form_post page sets its own policy (a hash for its auto-submit script).
    if (!ctx.response.get('Content-Security-Policy')) ctx.set('Content-Security-Policy', csp);
    if (https) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}
