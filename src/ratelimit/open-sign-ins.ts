// Sign-ins one client address holds open (limit `interaction_per_ip`). Every sign-in started stores
// something until it finishes or expires: oidc-provider's interaction (the whole authorization
// request, up to ~30 KB with a long login_hint, for 15 minutes) and, from the account page, its
// pending sign-in. Without a bound one address could fill Redis or the database at will (the
// review wrote 2.8 MB a second). So storing one takes a point for its lifetime and finishing it
// gives the point back: the count is what the address holds open, which a person keeps at one or
// two and only someone abandoning sign-ins by the hundred fills.
//
// At /auth and its resume (/auth/:uid) the point is taken before oidc-provider handles the request
// (one atomic increment, so a burst on any number of instances gets no more), and settled after it:
// kept when an interaction was stored, returned when none was (a browser that is signed in already),
// plus one returned for an interaction the request finished.
import type { IncomingMessage } from 'node:http';
import type { Context, Middleware } from 'koa';
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { AuditLog } from '../audit/index.js';
import type { Limit, Verdict } from './limit.js';
import { ipKey } from './limits.js';

/** Writes the page for a refused sign-in (the pages layer makes it; see src/server.ts). */
export type SignInsPausedPage = (ctx: Context, retryAfterSeconds: number) => void;

type Refusal = Extract<Verdict, { allowed: false }>;

const AUTHORIZATION = /^\/auth(\/[^/]+)?$/;

export class OpenSignIns {
  constructor(
    private readonly limit: Limit,
    private readonly audit: AuditLog,
    private readonly logger: Logger,
  ) {}

  /** Takes the point of a sign-in about to be stored; a refusal is audited when it is the first. */
  async take(ctx: Context): Promise<Verdict> {
    const verdict = await this.limit.attempt(ipKey(ctx.ip));
    if (!verdict.allowed && verdict.limitReachedNow) {
      await this.audit.record({
        type: 'rate_limited',
        ip: ctx.ip,
        detail: { limit: this.limit.name, retryAfterSeconds: verdict.retryAfterSeconds },
      });
    }
    return verdict;
  }

  /**
   * Gives back points of sign-ins that finished (or were never stored). The answer has been
   * decided by then, so a store failure is logged, not thrown: the points expire with the window.
   */
  async giveBack(ctx: Context, points = 1): Promise<void> {
    if (points <= 0) return;
    await this.limit.giveBack(ipKey(ctx.ip), points).catch((error: unknown) => {
      this.logger.warn({ err: error, reqId: ctx.state.requestId }, 'giving back a sign-in point failed');
    });
  }

  /** 429 with Retry-After and the page saying when to come back. */
  static refuse(ctx: Context, verdict: Refusal, page: SignInsPausedPage): void {
    ctx.status = 429;
    ctx.set('Retry-After', String(verdict.retryAfterSeconds));
    ctx.set('Cache-Control', 'no-store');
    page(ctx, verdict.retryAfterSeconds);
  }

  /** The limit at oidc-provider's authorization endpoint and its resume. */
  middleware(provider: Provider, page: SignInsPausedPage): Middleware {
    // oidc-provider announces what it did to interactions as events on the request's context.
    const seen = new WeakMap<IncomingMessage, { started: number; ended: number }>();
    const note = (what: 'started' | 'ended') => (ctx: { req: IncomingMessage }) => {
      const counts = seen.get(ctx.req);
      if (counts) counts[what] += 1;
    };
    provider.on('interaction.started', note('started'));
    provider.on('interaction.ended', note('ended'));

    return async (ctx, next) => {
      if (!AUTHORIZATION.test(ctx.path) || (ctx.method !== 'GET' && ctx.method !== 'POST')) {
        await next();
        return;
      }
      const verdict = await this.take(ctx);
      if (!verdict.allowed) {
        OpenSignIns.refuse(ctx, verdict, page);
        return;
      }
      const counts = { started: 0, ended: 0 };
      seen.set(ctx.req, counts);
      try {
        await next();
      } finally {
        // Kept: one point per interaction this request stored; returned: one per interaction it finished.
        await this.giveBack(ctx, 1 - counts.started + counts.ended);
      }
    };
  }
}
