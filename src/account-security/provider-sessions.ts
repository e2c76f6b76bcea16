// The two places the account's session list touches oidc-provider's own session: noting, after each
// of its requests, which browser and address used a signed-in session; and telling which session
// the browser asking the account page holds (its session cookie, as oidc-provider reads it).
import type { Context, Middleware } from 'koa';
import type Provider from 'oidc-provider';
import type { KoaContextWithOIDC } from 'oidc-provider';
import type { Logger } from 'pino';
import type { AccountSessions } from './sessions.js';

/**
 * A provider middleware: after each request that used a signed-in session, `seen` for it; after a
 * request that ended one (a sign-out), `forget` it (SECURITY.md: kept only while the session lives).
 */
export function recordSessionsSeen(sessions: Pick<AccountSessions, 'seen' | 'forget'>, logger: Logger): Middleware {
  return async (ctx, next) => {
    await next();
    const session = (ctx as Partial<KoaContextWithOIDC>).oidc?.entities.Session;
    if (!session?.accountId) return;
    // A record of where a session was used must never fail the sign-in it follows.
    const recorded = (session as { destroyed?: boolean }).destroyed
      ? sessions.forget(session.uid)
      : sessions.seen(
          { uid: session.uid, accountId: session.accountId, exp: session.exp },
          { userAgent: ctx.get('user-agent') || undefined, ip: ctx.ip || null },
        );
    await recorded.catch((error: unknown) =>
      logger.warn({ err: error, reqId: ctx.state.requestId as unknown }, 'recording where a session was seen failed'),
    );
  };
}

/** The uid of the provider session this browser holds, if it is signed in to `accountId`. */
export function providerSessionOf(
  provider: Provider,
): (ctx: Context, accountId: string) => Promise<string | undefined> {
  return async (ctx, accountId) => {
    // oidc-provider signs its session cookie with the cookie keys, which are this app's keys.
    const id = ctx.cookies.get(provider.cookieName('session'), { signed: true });
    if (!id) return undefined;
    const session = await provider.Session.find(id);
    return session?.accountId === accountId ? session.uid : undefined;
  };
}
