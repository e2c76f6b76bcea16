// The set-up link an administrator sends (`twofold user reset-mfa`, `user add`, `user enroll-link`):
// opening it keeps its token in a cookie for the sign-in pages only, and starts a sign-in on the
// account page. The token alone does nothing: after the account's right password it lets the
// sign-in link a new app (src/signin/enrolment.ts), once. The URL with the token is answered by a
// redirect straight away, so it stays in neither the address bar nor a Referer.
import type { Context } from 'koa';
import type { RouterContext } from '@koa/router';
import { field } from '../form-body.js';
import { PageError } from '../errors.js';
import type { StepServices } from './context.js';

const COOKIE = 'twofold.setup';

const cookieOptions = (deps: StepServices) => ({
  signed: false,
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: deps.config.secureCookies,
  // Sent to the sign-in's own pages, nowhere else.
  path: '/interaction',
  overwrite: true,
});

/** GET /setup?token=…: remembers a valid link in this browser and starts a sign-in. */
export async function openSetUpLink(ctx: RouterContext, deps: StepServices): Promise<void> {
  const token = field(ctx.query, 'token');
  if (!(await deps.enrolments.accountOfLink(token))) throw new PageError(410, 'setup_link');
  ctx.cookies.set(COOKIE, token, { ...cookieOptions(deps), maxAge: deps.config.enrollment.linkTtlSeconds * 1000 });
  ctx.set('Referrer-Policy', 'no-referrer');
  ctx.status = 303;
  ctx.redirect('/account');
}

/** The token of the set-up link this browser opened, if any. */
export function setUpLinkToken(ctx: Context): string | undefined {
  return ctx.cookies.get(COOKIE, { signed: false }) ?? undefined;
}

/** The link was used up (or is no longer of use): the browser forgets it. */
export function forgetSetUpLink(ctx: Context, deps: StepServices): void {
  ctx.cookies.set(COOKIE, null, cookieOptions(deps));
}
