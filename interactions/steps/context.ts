// What every step of a sign-in starts from: oidc-provider's interaction (found through the
// browser's interaction cookie, and required to be the one named in the URL), the relying party
// it is for, the CSRF token its forms carry, and the frame its pages are drawn in (their language).
import type { RouterContext } from '@koa/router';
import type { Interaction } from 'oidc-provider';
import type { InteractionDependencies } from '../dependencies.js';
import { interactionGone } from '../errors.js';
import type { CsrfTokens } from '../csrf.js';
import type { SignInAttempt } from '../../src/signin/flow.js';
import type { LimitRefusal } from '../../src/signin/attempt-limits.js';
import { tooManyAttemptsPage } from '../pages/rate-limited.js';
import { frameFor, type Frame } from '../language.js';

export interface Step {
  uid: string;
  interaction: Interaction;
  clientId: string;
  clientName: string;
  firstParty: boolean;
  csrf: string;
  /** The language and the rest of what its pages are drawn with. */
  frame: Frame;
}

/** The dependencies plus what the routes build from them once. */
export interface StepServices extends InteractionDependencies {
  csrfTokens: CsrfTokens;
}

export async function loadStep(ctx: RouterContext, deps: StepServices): Promise<Step> {
  // Throws SessionNotFound (shown as "this sign-in has expired") when the cookie or interaction is gone.
  const interaction = await deps.provider.interactionDetails(ctx.req, ctx.res);
  const uid = ctx.params.uid;
  if (!uid || interaction.uid !== uid) throw interactionGone();
  const clientId = String(interaction.params.client_id);
  const client = await deps.clients.find(clientId);
  const name = client?.metadata.client_name;
  return {
    uid,
    interaction,
    clientId,
    clientName: typeof name === 'string' && name ? name : clientId,
    firstParty: client?.firstParty ?? false,
    csrf: deps.csrfTokens.issue(uid),
    frame: frameFor(ctx, deps.config, { uid, uiLocales: interaction.params.ui_locales }),
  };
}

/** What the flow needs to know of this request (the enrolment step adds the browser's token). */
export function attemptOf(ctx: RouterContext, step: Step): SignInAttempt {
  return { uid: step.uid, clientId: step.clientId, ip: ctx.ip };
}

/** A limit refused the attempt: 429 with the page and Retry-After. */
export function renderRefusal(ctx: RouterContext, step: Step, refusal: LimitRefusal): void {
  ctx.set('Retry-After', String(refusal.retryAfterSeconds));
  renderPage(ctx, tooManyAttemptsPage(step.frame, refusal.what, refusal.scope, refusal.retryAfterSeconds), 429);
}

/** Post/redirect/get: after a POST that changed the step, show the step the interaction is now at. */
export function showCurrentStep(ctx: RouterContext, uid: string): void {
  ctx.status = 303;
  ctx.redirect(`/interaction/${encodeURIComponent(uid)}`);
}

export function renderPage(ctx: RouterContext, body: string, status = 200): void {
  ctx.status = status;
  ctx.type = 'html';
  ctx.body = body;
}
