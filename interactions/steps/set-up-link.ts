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
import { ownCookie } from '../../src/http/cookies.js';

const COOKIE = 'twofold.setup';

// Sent to the sign-in's pages and back to /setup (which must see a link opened before); every
// other page ignores it.
const cookieOptions = (deps: StepServices) => ownCookie(deps.config.secureCookies);

/** GET /setup?token=…: remembers a valid link in this browser and starts a sign-in. */
export async function openSetUpLink(ctx: RouterContext, deps: StepServices): Promise<void> {
  const token = field(ctx.query, 'token');
  const account = await deps.enrolments.accountOfLink(token);
  if (!account) throw new PageError(410, 'setup_link');
  // Any site can send a browser here with a link of its own (every new account gets one): it must
  // not displace a valid link this browser holds for another account.
  const held = setUpLinkToken(ctx);
  const heldFor = held && held !== token ? await deps.enrolments.accountOfLink(held) : null;
  if (!heldFor || heldFor === account) {
    ctx.cookies.set(COOKIE, token, { ...cookieOptions(deps), maxAge: deps.config.enrollment.linkTtlSeconds * 1000 });
  }
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
