// The browser's side of an enrolment that outlives its sign-in (src/signin/kept-enrolment.ts): a
// random token in a cookie of the sign-in pages, set when the enrolment page shows a key, and the
// "Start again" link the "expired" page offers to that browser only. The link goes to our own
// authorization endpoint with the request oidc-provider validated when the sign-in began, which it
// checks again (a registered client, one of its own redirect_uris): never an address from the browser.
import type { Context } from 'koa';
import { KeptEnrolments } from '../../src/signin/kept-enrolment.js';
import type { StepServices } from './context.js';
import type { InteractionDependencies } from '../dependencies.js';

const COOKIE = 'twofold.enrolment';
// oidc-provider's authorization endpoint (its default route, which src/oidc/provider.ts keeps).
const AUTHORIZATION_PATH = '/auth';
const INTERACTION_PATH = /^\/interaction\/([A-Za-z0-9_-]{1,64})(?:\/|$)/;

/** This browser's enrolment token, if it holds one. */
export function enrolmentBrowser(ctx: Context): string | undefined {
  return KeptEnrolments.browserToken(ctx.cookies.get(COOKIE, { signed: false }) ?? undefined);
}

/** The browser's token, given one now when it holds none; kept as long as what it unlocks. */
export function ensureEnrolmentBrowser(ctx: Context, deps: StepServices): string {
  const token = enrolmentBrowser(ctx) ?? KeptEnrolments.newBrowserToken();
  ctx.cookies.set(COOKIE, token, {
    signed: false,
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.config.secureCookies,
    // Sent to the next sign-in's pages too (a new interaction, a new path).
    path: '/',
    overwrite: true,
    maxAge: deps.flow.keptLifetimeSeconds * 1000,
  });
  return token;
}

/**
 * Where "Start again" leads from the "expired" page of `/interaction/<uid>…`: the relying party's
 * request again, when this browser was shown that sign-in's enrolment page; otherwise undefined.
 */
export async function restartLink(ctx: Context, deps: InteractionDependencies): Promise<string | undefined> {
  const uid = INTERACTION_PATH.exec(ctx.path)?.[1];
  const browser = enrolmentBrowser(ctx);
  if (!uid || !browser) return undefined;
  const request = await deps.flow.restartOf(browser, uid);
  return request ? `${AUTHORIZATION_PATH}?${new URLSearchParams(request).toString()}` : undefined;
}
