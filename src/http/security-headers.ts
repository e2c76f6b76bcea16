// Headers on every response: no inline script, no framing (clickjacking), no referrer leaks of
// interaction URLs, no MIME sniffing; HSTS when the issuer is https.
import type { Middleware } from 'koa';

/**
 * No inline script or eval anywhere. oidc-provider's auto-submit pages (response_mode=form_post,
 * ending the previous person's session at `prompt=login`, logout without a session) carry one
 * small inline script; oidc-provider adds that script's sha256 to `script-src` itself
 * (lib/helpers/script_src_sha.js), but only if the policy header already exists when it builds the
 * page. So the policy is set before the request is handled, never after.
 */
const contentSecurityPolicy = (imageOrigins: readonly string[]) =>
  `default-src 'self'; script-src 'self'; style-src 'self'; img-src ${["'self'", 'data:', ...imageOrigins].join(' ')}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'`;

/** `imageOrigins`: where else images may come from (a BRAND_LOGO given as an https URL). */
export function securityHeaders(https: boolean, imageOrigins: readonly string[] = []): Middleware {
  const headers: Record<string, string> = {
    'Content-Security-Policy': contentSecurityPolicy(imageOrigins),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    ...(https ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
  const entries = Object.entries(headers);
  // A promise chain, not an async frame: every request passes here (issue 11).
  return (ctx, next) => {
    // Every response, not only HTML: a 404 or a JSON error opened in a browser is a page too.
    for (const [name, value] of entries) ctx.res.setHeader(name, value);
    return next().then(() => {
      // A handler that replaced the response's headers (an error answer) still gets ours; one that
      // extended the policy (the auto-submit script's hash) keeps its extension.
      if (ctx.res.headersSent) return;
      for (const [name, value] of entries) if (!ctx.res.hasHeader(name)) ctx.res.setHeader(name, value);
    });
  };
}
