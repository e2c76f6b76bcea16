// The account portal's routes (/account …): a first-party relying party of this provider that
// shows a signed-in person their account. Sign-in and sign-out go through the provider's public
// protocol, like any outside application's; failures become friendly pages, never stack traces.
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Context, Middleware } from 'koa';
import type { Adapter } from 'oidc-provider';
import type { Logger } from 'pino';
import type { Config } from '../../src/config/index.js';
import type { Clock } from '../../src/clock.js';
import type { AuditLog } from '../../src/audit/index.js';
import {
  accountPage,
  portalProblemPage,
  signedOutPage,
  signInAgainPage,
  type AuthenticatorView,
  type PasswordOutcome,
  type PortalProblem,
} from '../pages/account.js';
import { tooManyAttemptsPage } from '../pages/rate-limited.js';
import { field } from '../form-body.js';
import type { PasswordChange, PasswordChangeResult } from '../../src/accounts/password-change.js';
import { accountRecoveryCodesPage } from '../pages/recovery-codes.js';
import { frameFor } from '../language.js';
import { PORTAL_PATHS, portalUrl } from '../../src/portal/client.js';
import { PortalRelyingParty, PortalSignInError } from '../../src/portal/relying-party.js';
import { selfFetch } from '../../src/portal/self-fetch.js';
import { PortalSessions, type SignedInSession } from '../../src/portal/session.js';
import { OpenSignIns } from '../../src/ratelimit/open-sign-ins.js';
import { signInsPausedPage } from '../errors.js';

/** The part of the authenticator store the portal reads. */
export interface AuthenticatorLister {
  list(
    accountId: string,
  ): Promise<{ name: string; createdAt: Date; confirmedAt: Date | null; lastUsedAt: Date | null; locked: boolean }[]>;
}

/** The part of the recovery-code store the portal uses. */
export interface RecoveryCodeKeeper {
  remaining(accountId: string): Promise<number>;
  replace(accountId: string): Promise<string[]>;
}

export interface PortalDependencies {
  config: Readonly<Config>;
  logger: Logger;
  /** Server-side storage for portal sessions: `protocolStore.adapter(PORTAL_SESSION_MODEL)`. */
  sessionStore: Adapter;
  authenticators: AuthenticatorLister;
  recoveryCodes: RecoveryCodeKeeper;
  audit: Pick<AuditLog, 'record'>;
  /** This server's own listening origin (e.g. http://127.0.0.1:3000); undefined before it listens. */
  selfOrigin: () => string | undefined;
  /** What time it is (the "recent sign-in" check). */
  clock: Clock;
  /** The limit on sign-ins one address holds open: a pending sign-in here is one of them. */
  openSignIns: OpenSignIns;
  /** Changes the password and ends every session of the account (src/accounts/password-change.ts). */
  passwordChange: Pick<PasswordChange, 'change'>;
}

const STATUS: Record<PortalProblem, number> = { denied: 403, invalid: 400, unavailable: 503, 'expired-form': 403 };

// New recovery codes are a way past the authenticator app, so they are handed out only within this
// long of a full sign-in (password and code), not to whoever holds an hour-old portal session.
const RECENT_SIGN_IN_SECONDS = 15 * 60;

const form = bodyParser({ enableTypes: ['form'], formLimit: '4kb' });
// Three passwords of up to 1024 characters each, percent-encoded.
const passwordForm = bodyParser({ enableTypes: ['form'], formLimit: '16kb' });

/** What the page says about a refused change (the service's reason, in the page's terms). */
const REFUSED: Record<'missing' | 'mismatch' | 'wrong_password', PasswordOutcome> = {
  missing: 'missing',
  mismatch: 'mismatch',
  wrong_password: 'wrong',
};

export function accountPortal({
  config,
  logger,
  sessionStore,
  authenticators,
  recoveryCodes,
  audit,
  selfOrigin,
  clock,
  openSignIns,
  passwordChange,
}: PortalDependencies): Middleware {
  const relyingParty = new PortalRelyingParty(config, selfFetch(config.issuer, selfOrigin));
  const sessions = new PortalSessions(sessionStore, config.secureCookies);
  const url = (path: string) => portalUrl(config, path);
  const router = new Router();

  const problem = (ctx: Context, kind: PortalProblem) => {
    ctx.status = STATUS[kind];
    ctx.type = 'html';
    ctx.body = portalProblemPage(frameFor(ctx, config), kind, url(PORTAL_PATHS.home));
  };
  const failed = (ctx: Context, error: unknown) => {
    if (!(error instanceof PortalSignInError)) throw error;
    logger.warn(
      { reqId: ctx.state.requestId, reason: error.reason, detail: error.detail },
      'account portal sign-in failed',
    );
    problem(ctx, error.reason);
  };

  // Account data is personal: never cached by the browser or anything in between.
  router.use(async (ctx, next) => {
    ctx.set('Cache-Control', 'no-store');
    await next();
  });

  const beginSignIn = async (ctx: Context, again = false) => {
    // The pending sign-in is stored until its callback or its expiry: one of the address's open ones.
    const verdict = await openSignIns.take(ctx);
    if (!verdict.allowed) {
      OpenSignIns.refuse(ctx, verdict, signInsPausedPage(config));
      return;
    }
    try {
      const { url: authorizationUrl, pending } = await relyingParty.begin({ again });
      await sessions.startSignIn(ctx, pending);
      ctx.redirect(authorizationUrl.href);
    } catch (error) {
      await openSignIns.giveBack(ctx);
      failed(ctx, error);
    }
  };

  const showAccount = async (ctx: Context, session: SignedInSession, password?: PasswordOutcome) => {
    const { identity, csrfToken } = session;
    const enrolled = (await authenticators.list(identity.sub)).filter((a) => a.confirmedAt);
    const views: AuthenticatorView[] = enrolled.map((a) => ({
      label: a.name,
      addedAt: a.confirmedAt ?? a.createdAt,
      lastUsedAt: a.lastUsedAt,
      locked: a.locked,
    }));
    ctx.type = 'html';
    ctx.body = accountPage({
      frame: frameFor(ctx, config),
      email: identity.email,
      authenticators: views,
      amr: identity.amr,
      acr: identity.acr,
      authTime: identity.authTime,
      recoveryCodesLeft: views.length ? await recoveryCodes.remaining(identity.sub) : null,
      recoveryCodesAction: url(PORTAL_PATHS.recoveryCodes),
      passwordAction: url(PORTAL_PATHS.password),
      password,
      csrfToken,
      signOutAction: url(PORTAL_PATHS.signOut),
    });
  };

  router.get(PORTAL_PATHS.home, async (ctx) => {
    const session = await sessions.signedIn(ctx);
    if (!session) return beginSignIn(ctx);
    await showAccount(ctx, session);
  });

  router.post(PORTAL_PATHS.password, passwordForm, async (ctx) => {
    const session = await sessions.signedIn(ctx);
    if (!session) {
      ctx.redirect(url(PORTAL_PATHS.home));
      return;
    }
    const body: unknown = ctx.request.body;
    if (!PortalSessions.csrfMatches(session, (body as Record<string, unknown> | undefined)?.csrf)) {
      problem(ctx, 'expired-form');
      return;
    }
    const result: PasswordChangeResult = await passwordChange.change({
      accountId: session.identity.sub,
      current: field(body, 'current_password'),
      next: field(body, 'new_password'),
      confirmation: field(body, 'confirm_password'),
      ip: ctx.ip,
    });
    if (result.ok) {
      // Every session of the account has just ended, this one too: this browser starts a new one
      // with the identity it had, and so stays signed in here.
      await showAccount(ctx, await sessions.signIn(ctx, session.identity), 'changed');
      return;
    }
    switch (result.reason) {
      case 'rate_limited':
        ctx.status = 429;
        ctx.set('Retry-After', String(result.retryAfterSeconds));
        ctx.type = 'html';
        ctx.body = tooManyAttemptsPage(frameFor(ctx, config), 'password', result.scope, result.retryAfterSeconds);
        return;
      case 'changed_elsewhere':
        problem(ctx, 'expired-form');
        return;
      case 'weak_password':
        ctx.status = 400;
        await showAccount(ctx, session, result.problem);
        return;
      default:
        ctx.status = 400;
        await showAccount(ctx, session, REFUSED[result.reason]);
    }
  });

  router.post(PORTAL_PATHS.recoveryCodes, form, async (ctx) => {
    const session = await sessions.signedIn(ctx);
    if (!session) {
      ctx.redirect(url(PORTAL_PATHS.home));
      return;
    }
    if (!PortalSessions.csrfMatches(session, (ctx.request.body as Record<string, unknown> | undefined)?.csrf)) {
      problem(ctx, 'expired-form');
      return;
    }
    const { sub, authTime } = session.identity;
    ctx.type = 'html';
    if (authTime === null || clock.now() / 1000 - authTime > RECENT_SIGN_IN_SECONDS) {
      ctx.status = 403;
      ctx.body = signInAgainPage(
        frameFor(ctx, config),
        url(PORTAL_PATHS.signInAgain),
        session.csrfToken,
        url(PORTAL_PATHS.home),
      );
      return;
    }
    const codes = await recoveryCodes.replace(sub);
    await audit.record({
      type: 'recovery_codes_regenerated',
      accountId: sub,
      ip: ctx.ip,
      detail: { source: 'account_page', count: codes.length },
    });
    // Shown in this response only; the page is never cached (no-store above).
    ctx.body = accountRecoveryCodesPage(
      frameFor(ctx, config),
      codes,
      session.identity.email ?? '',
      url(PORTAL_PATHS.home),
    );
  });

  // Both factors again, even while the provider's session lasts: for what needs a recent sign-in.
  // A POST with the session's CSRF token: it ends the current session, which no other site may do.
  router.post(PORTAL_PATHS.signInAgain, form, async (ctx) => {
    const session = await sessions.signedIn(ctx);
    if (!session) {
      ctx.redirect(url(PORTAL_PATHS.home));
      return;
    }
    if (!PortalSessions.csrfMatches(session, (ctx.request.body as Record<string, unknown> | undefined)?.csrf)) {
      problem(ctx, 'expired-form');
      return;
    }
    ctx.status = 303;
    return beginSignIn(ctx, true);
  });

  router.get(PORTAL_PATHS.callback, async (ctx) => {
    const pending = await sessions.takePending(ctx);
    if (pending) await openSignIns.giveBack(ctx);
    if (!pending) {
      logger.info({ reqId: ctx.state.requestId }, 'account portal callback without a pending sign-in');
      problem(ctx, 'invalid');
      return;
    }
    // The URL as the issuer published it, whatever a proxy in front rewrote.
    const callbackUrl = new URL(url(PORTAL_PATHS.callback));
    callbackUrl.search = ctx.querystring;
    try {
      await sessions.signIn(ctx, await relyingParty.complete(callbackUrl, pending));
      ctx.redirect(url(PORTAL_PATHS.home));
    } catch (error) {
      failed(ctx, error);
    }
  });

  router.post(PORTAL_PATHS.signOut, form, async (ctx) => {
    const session = await sessions.signedIn(ctx);
    ctx.status = 303;
    if (!session) {
      ctx.redirect(url(PORTAL_PATHS.signedOut));
      return;
    }
    if (!PortalSessions.csrfMatches(session, (ctx.request.body as Record<string, unknown> | undefined)?.csrf)) {
      problem(ctx, 'expired-form');
      return;
    }
    await sessions.end(ctx);
    try {
      // RP-initiated logout: the provider confirms with the person, ends its own session, and
      // sends the browser back to the registered post-logout page.
      ctx.redirect((await relyingParty.endSessionUrl(session.identity.idToken)).href);
    } catch (error) {
      failed(ctx, error);
    }
  });

  router.get(PORTAL_PATHS.signedOut, (ctx) => {
    ctx.type = 'html';
    ctx.body = signedOutPage(frameFor(ctx, config), url(PORTAL_PATHS.home));
  });

  return router.routes() as Middleware;
}
