// The account portal's routes (/account …): a first-party relying party of this provider that
// shows a signed-in person their account and lets them change its security (src/account-security
// holds the rules; each handler parses a form, calls it, and shows or redirects). Sign-in and
// sign-out go through the provider's public protocol, like any outside application's; failures
// become friendly pages, never stack traces.
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import type { Context, Middleware } from 'koa';
import type { Adapter } from 'oidc-provider';
import type { Logger } from 'pino';
import type { Config } from '../../src/config/index.js';
import type { Clock } from '../../src/clock.js';
import {
  ACCOUNT_NOTICES,
  accountPage,
  portalProblemPage,
  signedOutPage,
  type AccountNotice,
  type AuthenticatorView,
  type PasswordOutcome,
  type PortalProblem,
} from '../pages/account.js';
import { tooManyAttemptsPage } from '../pages/rate-limited.js';
import { field } from '../form-body.js';
import type { AccountSecurity, Person } from '../../src/account-security/service.js';
import { fullSignInAt } from '../../src/account-security/recent-sign-in.js';
import { accountRecoveryCodesPage } from '../pages/recovery-codes.js';
import { addAppPage, type AddAppError } from '../pages/account-add-app.js';
import { drawAppLink } from '../pages/app-link.js';
import { frameFor } from '../language.js';
import { PORTAL_PATHS, portalUrl } from '../../src/portal/client.js';
import { PortalRelyingParty, PortalSignInError } from '../../src/portal/relying-party.js';
import { selfFetch } from '../../src/portal/self-fetch.js';
import { PortalSessions, type SignedInSession } from '../../src/portal/session.js';
import { OpenSignIns } from '../../src/ratelimit/open-sign-ins.js';
import { signInsPausedPage } from '../errors.js';

export interface PortalDependencies {
  config: Readonly<Config>;
  logger: Logger;
  /** Server-side storage for portal sessions: `protocolStore.adapter(PORTAL_SESSION_MODEL)`. */
  sessionStore: Adapter;
  /** Every change the page offers, and the recent-sign-in rule they share (src/account-security). */
  security: AccountSecurity;
  /** The uid of this browser's provider session for the account (src/account-security/provider-sessions.ts). */
  providerSession: (ctx: Context, accountId: string) => Promise<string | undefined>;
  /** This server's own listening origin (e.g. http://127.0.0.1:3000); undefined before it listens. */
  selfOrigin: () => string | undefined;
  /** What time it is (when a sign-in proved both factors, on the clock the recent-sign-in rule reads). */
  clock: Clock;
  /** The limit on sign-ins one address holds open: a pending sign-in here is one of them. */
  openSignIns: OpenSignIns;
}

const STATUS: Record<PortalProblem, number> = { denied: 403, invalid: 400, unavailable: 503, 'expired-form': 403 };

/** The sections a change comes from: after signing in again, the person is back at its form. */
const SECTIONS = {
  password: 'password-heading',
  recoveryCodes: 'recovery-heading',
  sessions: 'sessions-heading',
  apps: 'apps-heading',
  authenticators: 'authenticator-heading',
} as const;

/** What the add-app page says when it asks again. */
const ADD_APP_PROBLEM: Record<'invalid_name' | 'malformed' | 'wrong' | 'expired', AddAppError> = {
  invalid_name: 'account.add_app.name_invalid',
  malformed: 'code.malformed',
  wrong: 'enroll.wrong',
  expired: 'account.add_app.expired',
};

const isNotice = (value: unknown): value is AccountNotice =>
  typeof value === 'string' && (ACCOUNT_NOTICES as readonly string[]).includes(value);

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
  security,
  providerSession,
  selfOrigin,
  clock,
  openSignIns,
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

  const beginSignIn = async (ctx: Context, again = false, returnTo?: string) => {
    // The pending sign-in is stored until its callback or its expiry: one of the address's open ones.
    const verdict = await openSignIns.take(ctx);
    if (!verdict.allowed) {
      OpenSignIns.refuse(ctx, verdict, signInsPausedPage(config));
      return;
    }
    try {
      const { url: authorizationUrl, pending } = await relyingParty.begin({ again });
      await sessions.startSignIn(ctx, pending, returnTo);
      ctx.redirect(authorizationUrl.href);
    } catch (error) {
      await openSignIns.giveBack(ctx);
      failed(ctx, error);
    }
  };

  // The provider session this browser holds now (it may have signed in again elsewhere since the
  // page's own sign-in, after a password change ended every session), else the one it came from.
  const person = async (ctx: Context, session: SignedInSession): Promise<Person> => ({
    accountId: session.identity.sub,
    fullSignInAt: session.fullSignInAt,
    providerSession: (await providerSession(ctx, session.identity.sub)) ?? session.providerSession,
    portalSession: sessions.idOf(ctx),
    ip: ctx.ip,
  });

  const showAccount = async (
    ctx: Context,
    session: SignedInSession,
    outcome: { password?: PasswordOutcome; notice?: AccountNotice } = {},
  ) => {
    const { identity, csrfToken } = session;
    const overview = await security.overview(await person(ctx, session));
    const views: AuthenticatorView[] = overview.authenticators.map((a) => ({
      id: a.id,
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
      maxAuthenticators: config.enrollment.maxAuthenticators,
      addAuthenticatorHref: url(PORTAL_PATHS.addAuthenticator),
      renameAuthenticatorAction: url(PORTAL_PATHS.renameAuthenticator),
      removeAuthenticatorAction: url(PORTAL_PATHS.removeAuthenticator),
      amr: identity.amr,
      authTime: identity.authTime,
      reauthWindowSeconds: config.accountReauthWindowSeconds,
      recoveryCodesLeft: views.length ? overview.recoveryCodesLeft : null,
      recoveryCodeSet: overview.recoveryCodeSet,
      recoveryCodesAction: url(PORTAL_PATHS.recoveryCodes),
      passwordAction: url(PORTAL_PATHS.password),
      password: outcome.password,
      notice: outcome.notice,
      sessions: overview.sessions,
      endSessionAction: url(PORTAL_PATHS.endSession),
      endOtherSessionsAction: url(PORTAL_PATHS.endOtherSessions),
      apps: overview.apps,
      revokeAppAction: url(PORTAL_PATHS.revokeApp),
      csrfToken,
      signOutAction: url(PORTAL_PATHS.signOut),
    });
  };

  /** The signed-in session of a form's POST with its CSRF token, or undefined once answered. */
  const formSession = async (ctx: Context): Promise<SignedInSession | undefined> => {
    const session = await sessions.signedIn(ctx);
    if (!session) {
      ctx.redirect(url(PORTAL_PATHS.home));
      return undefined;
    }
    if (!PortalSessions.csrfMatches(session, (ctx.request.body as Record<string, unknown> | undefined)?.csrf)) {
      problem(ctx, 'expired-form');
      return undefined;
    }
    return session;
  };

  /**
   * Both factors again (`prompt=login`), then back to the section the change was asked from: the
   * form, not the POST replayed (what was typed into it is not kept anywhere).
   */
  const signInAgain = (ctx: Context, section: keyof typeof SECTIONS) => {
    ctx.status = 303;
    return beginSignIn(ctx, true, SECTIONS[section]);
  };

  /** After a change: back to the page (POST-redirect-GET), with what happened and where. */
  const done = (ctx: Context, notice: AccountNotice, section: keyof typeof SECTIONS) => {
    ctx.status = 303;
    ctx.redirect(`${url(PORTAL_PATHS.home)}?done=${notice}#${SECTIONS[section]}`);
  };

  router.get(PORTAL_PATHS.home, async (ctx) => {
    const session = await sessions.signedIn(ctx);
    if (!session) return beginSignIn(ctx);
    const notice = ctx.query.done;
    await showAccount(ctx, session, isNotice(notice) ? { notice } : {});
  });

  router.post(PORTAL_PATHS.password, passwordForm, async (ctx) => {
    const session = await formSession(ctx);
    if (!session) return;
    const body: unknown = ctx.request.body;
    const result = await security.changePassword(await person(ctx, session), {
      current: field(body, 'current_password'),
      next: field(body, 'new_password'),
      confirmation: field(body, 'confirm_password'),
    });
    if (result.ok) {
      // Every session of the account has just ended, this one too: this browser starts a new one
      // with the identity it had, and so stays signed in here.
      const kept = await sessions.signIn(ctx, session.identity, {
        fullSignInAt: session.fullSignInAt,
        providerSession: undefined,
      });
      await showAccount(ctx, kept, { password: 'changed' });
      return;
    }
    switch (result.reason) {
      case 'sign_in_again':
        return signInAgain(ctx, 'password');
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
        await showAccount(ctx, session, { password: result.problem });
        return;
      default:
        ctx.status = 400;
        await showAccount(ctx, session, { password: REFUSED[result.reason] });
    }
  });

  router.post(PORTAL_PATHS.recoveryCodes, form, async (ctx) => {
    const session = await formSession(ctx);
    if (!session) return;
    const result = await security.newRecoveryCodes(await person(ctx, session), field(ctx.request.body, 'set'));
    if (!result.ok && result.reason === 'sign_in_again') return signInAgain(ctx, 'recoveryCodes');
    ctx.type = 'html';
    if (!result.ok) {
      // The set this form named was replaced already: a reload of the page that showed the new
      // codes, or the form sent twice. Those codes are not shown again, and no other set is made.
      ctx.status = 409;
      await showAccount(ctx, session, { notice: 'codes_already_replaced' });
      return;
    }
    // Shown in this response only; the page is never cached (no-store above).
    ctx.body = accountRecoveryCodesPage(
      frameFor(ctx, config),
      result.codes,
      session.identity.email ?? '',
      url(PORTAL_PATHS.home),
    );
  });

  router.post(PORTAL_PATHS.endSession, form, async (ctx) => {
    const session = await formSession(ctx);
    if (!session) return;
    const result = await security.endSession(await person(ctx, session), field(ctx.request.body, 'session'));
    if (!result.ok && result.reason === 'sign_in_again') return signInAgain(ctx, 'sessions');
    done(ctx, result.ok ? 'session_ended' : 'session_not_found', 'sessions');
  });

  router.post(PORTAL_PATHS.endOtherSessions, form, async (ctx) => {
    const session = await formSession(ctx);
    if (!session) return;
    const result = await security.endOtherSessions(await person(ctx, session));
    if (!result.ok) return signInAgain(ctx, 'sessions');
    done(ctx, 'other_sessions_ended', 'sessions');
  });

  router.post(PORTAL_PATHS.revokeApp, form, async (ctx) => {
    const session = await formSession(ctx);
    if (!session) return;
    const result = await security.revokeApp(await person(ctx, session), field(ctx.request.body, 'client'));
    if (!result.ok && result.reason === 'sign_in_again') return signInAgain(ctx, 'apps');
    done(ctx, result.ok ? 'app_revoked' : 'app_not_found', 'apps');
  });

  /** The page that adds another app: its key (the same on a reload), a name and the first code. */
  const showAddApp = async (
    ctx: Context,
    session: SignedInSession,
    secret: string,
    shown: { error?: AddAppError; name?: string } = {},
  ) => {
    const email = session.identity.email ?? session.identity.sub;
    ctx.type = 'html';
    ctx.body = addAppPage({
      frame: frameFor(ctx, config),
      email,
      link: await drawAppLink(config.issuerName, email, secret),
      action: url(PORTAL_PATHS.addAuthenticator),
      accountHref: `${url(PORTAL_PATHS.home)}#${SECTIONS.authenticators}`,
      csrfToken: session.csrfToken,
      ...shown,
    });
  };

  router.get(PORTAL_PATHS.addAuthenticator, async (ctx) => {
    const session = await sessions.signedIn(ctx);
    if (!session) return beginSignIn(ctx);
    const result = await security.beginAddAuthenticator(await person(ctx, session));
    if (!result.ok && result.reason === 'sign_in_again') return signInAgain(ctx, 'authenticators');
    if (!result.ok) {
      done(ctx, 'authenticator_too_many', 'authenticators');
      return;
    }
    await showAddApp(ctx, session, result.secret);
  });

  router.post(PORTAL_PATHS.addAuthenticator, form, async (ctx) => {
    const session = await formSession(ctx);
    if (!session) return;
    const body: unknown = ctx.request.body;
    const name = field(body, 'name').slice(0, 400);
    const asker = await person(ctx, session);
    const result = await security.confirmAddAuthenticator(asker, name, field(body, 'code'));
    if (result.ok) {
      done(ctx, result.app ? 'authenticator_added' : 'authenticator_already_added', 'authenticators');
      return;
    }
    if (result.reason === 'sign_in_again') return signInAgain(ctx, 'authenticators');
    if (result.reason === 'too_many') {
      done(ctx, 'authenticator_too_many', 'authenticators');
      return;
    }
    if (result.reason === 'rate_limited') {
      ctx.status = 429;
      ctx.set('Retry-After', String(result.retryAfterSeconds));
      ctx.type = 'html';
      ctx.body = tooManyAttemptsPage(frameFor(ctx, config), 'code', 'account', result.retryAfterSeconds);
      return;
    }
    // Asked again with the same key (or a new one, when that one's time ran out).
    const again = await security.beginAddAuthenticator(asker);
    if (!again.ok && again.reason === 'sign_in_again') return signInAgain(ctx, 'authenticators');
    if (!again.ok) {
      done(ctx, 'authenticator_too_many', 'authenticators');
      return;
    }
    ctx.status = 400;
    await showAddApp(ctx, session, again.secret, { error: ADD_APP_PROBLEM[result.reason], name });
  });

  router.post(PORTAL_PATHS.renameAuthenticator, form, async (ctx) => {
    const session = await formSession(ctx);
    if (!session) return;
    const body: unknown = ctx.request.body;
    const result = await security.renameAuthenticator(
      await person(ctx, session),
      field(body, 'authenticator'),
      field(body, 'name').slice(0, 400),
    );
    if (result.ok) {
      done(ctx, 'authenticator_renamed', 'authenticators');
      return;
    }
    if (result.reason === 'sign_in_again') return signInAgain(ctx, 'authenticators');
    if (result.reason === 'not_found') {
      done(ctx, 'authenticator_not_found', 'authenticators');
      return;
    }
    ctx.status = 400;
    await showAccount(ctx, session, { notice: 'authenticator_name_invalid' });
  });

  router.post(PORTAL_PATHS.removeAuthenticator, form, async (ctx) => {
    const session = await formSession(ctx);
    if (!session) return;
    const result = await security.removeAuthenticator(
      await person(ctx, session),
      field(ctx.request.body, 'authenticator'),
    );
    if (result.ok) {
      done(ctx, 'authenticator_removed', 'authenticators');
      return;
    }
    if (result.reason === 'sign_in_again') return signInAgain(ctx, 'authenticators');
    if (result.reason === 'not_found') {
      done(ctx, 'authenticator_not_found', 'authenticators');
      return;
    }
    // The last second factor stays: the page says to add the new phone first.
    ctx.status = 409;
    await showAccount(ctx, session, { notice: 'authenticator_last' });
  });

  router.get(PORTAL_PATHS.callback, async (ctx) => {
    const started = await sessions.takePending(ctx);
    if (started) await openSignIns.giveBack(ctx);
    if (!started) {
      logger.info({ reqId: ctx.state.requestId }, 'account portal callback without a pending sign-in');
      problem(ctx, 'invalid');
      return;
    }
    // The URL as the issuer published it, whatever a proxy in front rewrote.
    const callbackUrl = new URL(url(PORTAL_PATHS.callback));
    callbackUrl.search = ctx.querystring;
    try {
      const identity = await relyingParty.complete(callbackUrl, started.pending);
      await sessions.signIn(ctx, identity, {
        fullSignInAt: fullSignInAt(identity, clock),
        providerSession: await providerSession(ctx, identity.sub),
      });
      ctx.redirect(
        started.returnTo
          ? `${url(PORTAL_PATHS.home)}?done=signed_in_again#${started.returnTo}`
          : url(PORTAL_PATHS.home),
      );
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
