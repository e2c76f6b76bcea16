// The browser's side of an enrolment that outlives its sign-in (src/signin/kept-enrolment.ts): a
// random token in a cookie of the sign-in pages, minted afresh when an enrolment page first shows a
// key (never one set by someone else), and the "Start again" link the "expired" page offers to that
// browser only. The link names a one-time restart token; following it keeps that token in a second
// cookie and goes to our own authorization endpoint with the request oidc-provider validated when
// the sign-in began, which it checks again (a registered client, one of its own redirect_uris):
// never an address from the browser. Only the enrolment page of the sign-in so started shows the
// kept key again. On an https issuer both cookies carry the `__Host-` prefix (Secure, path /, no
// Domain), so a sibling subdomain cannot plant them; on http the browser refuses that prefix.
import type { Context } from 'koa';
import type { RouterContext } from '@koa/router';
import { KeptEnrolments } from '../../src/signin/kept-enrolment.js';
import { interactionGone } from '../errors.js';
import type { StepServices } from './context.js';
import type { InteractionDependencies } from '../dependencies.js';
import { ownCookie } from '../../src/http/cookies.js';

/** Where the "Start again" link goes: GET /restart/<token>. */
export const RESTART_PATH = '/restart';
// oidc-provider's authorization endpoint (its default route, which src/oidc/provider.ts keeps).
const AUTHORIZATION_PATH = '/auth';
const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/|$)/;

type CookieSettings = Pick<StepServices, 'config'>;

const cookieName = (deps: CookieSettings, name: string) => (deps.config.secureCookies ? `__Host-${name}` : name);
const browserCookie = (deps: CookieSettings) => cookieName(deps, 'twofold.enrolment');
const restartCookie = (deps: CookieSettings) => cookieName(deps, 'twofold.restart');

// Sent to the next sign-in's pages too (a new interaction, a new path).
const cookieOptions = (deps: CookieSettings) => ownCookie(deps.config.secureCookies);

const tokenIn = (ctx: Context, name: string) => KeptEnrolments.browserToken(ctx.cookies.get(name, { signed: false }));

/** This browser's enrolment token, if it holds one. */
export function enrolmentBrowser(ctx: Context, deps: CookieSettings): string | undefined {
  return tokenIn(ctx, browserCookie(deps));
}

/** The restart token this browser brought from a "Start again" link, if any. */
export function restartToken(ctx: Context, deps: CookieSettings): string | undefined {
  return tokenIn(ctx, restartCookie(deps));
}

/** Gives the browser `token`, kept as long as what it unlocks; the restart token is then spent. */
export function setEnrolmentBrowser(ctx: Context, deps: StepServices, token: string): void {
  ctx.cookies.set(browserCookie(deps), token, { ...cookieOptions(deps), maxAge: deps.flow.keptLifetimeSeconds * 1000 });
  ctx.cookies.set(restartCookie(deps), null, cookieOptions(deps));
}

/** The enrolment was confirmed, refused or started over: the browser forgets it. */
export function forgetEnrolmentBrowser(ctx: Context, deps: CookieSettings): void {
  ctx.cookies.set(browserCookie(deps), null, cookieOptions(deps));
  ctx.cookies.set(restartCookie(deps), null, cookieOptions(deps));
}

/**
 * Where "Start again" leads from the "expired" page of `/interaction/<uid>…`: a new one-time
 * restart link, when this browser was shown that sign-in's enrolment page; otherwise undefined.
 */
export async function restartLink(ctx: Context, deps: InteractionDependencies): Promise<string | undefined> {
  const uid = INTERACTION_PATH.exec(ctx.path)?.[1];
  const browser = enrolmentBrowser(ctx, deps);
  if (!uid || !browser) return undefined;
  const token = await deps.flow.offerRestart(browser, uid);
  return token ? `${RESTART_PATH}/${token}` : undefined;
}

/** GET /restart/<token>: keeps the token in this browser and starts the relying party's request again. */
export async function followRestartLink(ctx: RouterContext, deps: StepServices): Promise<void> {
  const token = KeptEnrolments.browserToken(ctx.params.token);
  const browser = enrolmentBrowser(ctx, deps) ?? '';
  const request = token && (await deps.flow.restartRequest(browser, token));
  if (!token || !request) throw interactionGone();
  ctx.cookies.set(restartCookie(deps), token, { ...cookieOptions(deps), maxAge: deps.flow.keptLifetimeSeconds * 1000 });
  // The token stays in neither a Referer nor the address bar.
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.status = 303;
  ctx.redirect(`${AUTHORIZATION_PATH}?${new URLSearchParams(request).toString()}`);
}
