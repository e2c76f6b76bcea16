// Request bodies of at most 16 KiB, on every route, refused before anything reads them. Our forms
// and every protocol request (token, introspection, revocation, PAR, logout) are a few hundred
// bytes; oidc-provider alone would read up to 56 KiB and answer 400. The declared length decides, so
// a body that does not declare one (chunked) is refused with 411: nothing here buffers a stream to
// find out how big it is.
import type { Context, Middleware } from 'koa';

export const BODY_LIMIT_BYTES = 16 * 1024;

// Our own pages answer with a page; the protocol endpoints with an OAuth error, unless a browser asks.
const HOSTED_PAGES = /^\/(interaction|account)(\/|$)/;

/** 411 (no declared length) or 413 (too large). */
export type BodyProblem = 411 | 413;

/** Writes the page a person sees for the problem (the pages layer makes it; see src/server.ts). */
export type BodyProblemPage = (ctx: Context, problem: BodyProblem) => void;

export function bodyLimit(problemPage: BodyProblemPage, limit = BODY_LIMIT_BYTES): Middleware {
  // Not async on the way through: an async layer costs every request its promises (issue 11).
  return (ctx, next) => {
    // Koa's types say number, but the getter is undefined when no Content-Length was sent.
    const declared = ctx.request.length as number | undefined;
    const chunked = ctx.get('Transfer-Encoding') !== '';
    if (declared === undefined ? !chunked : declared <= limit) return next();

    const [status, description]: [BodyProblem, string] =
      declared === undefined
        ? [411, 'request body must declare its Content-Length']
        : [413, `request body too large (at most ${limit / 1024} KiB)`];
    ctx.status = status;
    // The unread body is left on the socket: end the connection rather than reuse it.
    ctx.set('Connection', 'close');
    ctx.set('Cache-Control', 'no-store');
    if (HOSTED_PAGES.test(ctx.path) || ctx.accepts('json', 'html') === 'html') {
      problemPage(ctx, status);
    } else {
      // The OAuth error shape every client of the protocol endpoints already reads (RFC 6749 §5.2).
      ctx.body = { error: 'invalid_request', error_description: description };
    }
    return Promise.resolve();
  };
}
