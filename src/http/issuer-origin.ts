// Every URL we publish comes from ISSUER, never from the request. oidc-provider builds its
// endpoint URLs (discovery, redirects, form actions) from the request's Host, X-Forwarded-Host,
// scheme and an absolute-form request target (`GET http://evil.test/… HTTP/1.1`): left alone, a
// request for another host got discovery naming that host's token endpoint, which a shared cache
// could then serve to relying parties. So each request is pinned to the issuer's origin before
// anything reads it; whatever host it named, it is answered with the issuer's URLs.
//
// With an https issuer Twofold sits behind a TLS-terminating proxy that says so with
// X-Forwarded-Proto. A request without it came around the proxy (or through one that forgot the
// header); our Secure cookies cannot be set on it, which used to end in a 500. It is refused in
// plain words instead, except for health checks and the stylesheet, which set no cookie and are
// what a load balancer or that very error page asks for directly.
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';

/** Writes the page a person sees, with the way to the https address (the pages layer makes it). */
export type PlainHttpPage = (ctx: Context, secureUrl: string) => void;

const WITHOUT_PROXY = /^\/(healthz|readyz|static\/)/;
const ABSOLUTE_FORM = /^https?:\/\//i;

export function issuerOrigin(issuer: string, page: PlainHttpPage, logger: Logger): Middleware {
  const { host, protocol } = new URL(issuer);
  const https = protocol === 'https:';
  let warned = false;
  // Not async on the way through: an async layer costs every request its promises (issue 11).
  return (ctx, next) => {
    if (ABSOLUTE_FORM.test(ctx.originalUrl)) {
      const target = new URL(ctx.originalUrl);
      ctx.url = ctx.originalUrl = ctx.request.originalUrl = `${target.pathname}${target.search}`;
    }
    ctx.req.headers.host = host;
    delete ctx.req.headers['x-forwarded-host'];
    // An http issuer is http whatever a proxy claims; an https one must arrive through the proxy.
    if (!https) delete ctx.req.headers['x-forwarded-proto'];
    if (!https || ctx.protocol === 'https' || WITHOUT_PROXY.test(ctx.path)) return next();

    if (!warned) {
      warned = true;
      logger.warn(
        { path: ctx.path },
        'a request arrived without X-Forwarded-Proto: https (ISSUER is https); it was refused with 400. Does the proxy in front set the header? (logged once)',
      );
    }
    const secure = new URL(ctx.method === 'GET' ? ctx.originalUrl : '/', issuer).href;
    if (ctx.accepts('json', 'html') === 'html') {
      page(ctx, secure);
      return Promise.resolve();
    }
    ctx.status = 400;
    ctx.set('Cache-Control', 'no-store');
    // RFC 6749 §5.2's shape, which every client of the protocol endpoints reads.
    ctx.body = { error: 'invalid_request', error_description: `this server is reached over https only: ${issuer}` };
    return Promise.resolve();
  };
}
