// The two ways a sign-in leaves the second step: both factors passed (only then is oidc-provider's
// login resolved, with the acr and amr the sign-in flow says it proved), or too many wrong codes
// (the flow dropped the progress; the person starts again from the password). A success may first
// show what someone with the password tried since the previous sign-in (a reused code, wrong codes).
import type { RouterContext } from '@koa/router';
import type { FactorKind } from '../../src/mfa/factor.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { replayNoticePage } from '../pages/replay-notice.js';
import { showPassword } from './password.js';
import { attemptOf, renderPage, showCurrentStep, type Step, type StepServices } from './context.js';

export async function finishSignIn(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  pending: PendingSignIn,
  passedNow?: FactorKind,
): Promise<void> {
  const { returnTo, notices } = await deps.flow.finish(
    attemptOf(ctx, step),
    pending,
    (login) =>
      deps.provider.interactionResult(
        ctx.req,
        ctx.res,
        { login: { accountId: login.accountId, acr: login.acr, amr: login.amr } },
        // A login result is never merged with an earlier submission: it stands on its own.
        { mergeWithLastSubmission: false },
      ),
    passedNow,
  );
  const { reuse, wrongCodes } = notices;
  if (reuse.length || wrongCodes) {
    // The login is already resolved; the page only holds the way back until the person has read it.
    renderPage(
      ctx,
      replayNoticePage({ frame: step.frame, uid: step.uid, csrf: step.csrf, attempts: reuse, wrongCodes }),
    );
    return;
  }
  ctx.status = 303;
  ctx.redirect(returnTo);
}

/** Continue from the replay notice: back to the application, once the login is resolved. */
export function continueSignIn(ctx: RouterContext, _deps: StepServices, step: Step): Promise<void> {
  if (!step.interaction.result?.login) {
    showCurrentStep(ctx, step.uid);
  } else {
    ctx.status = 303;
    ctx.redirect(step.interaction.returnTo);
  }
  return Promise.resolve();
}

/** The flow started the sign-in over (too many wrong codes): the password page, saying so. */
export function startedOver(ctx: RouterContext, deps: StepServices, step: Step): void {
  showPassword(ctx, deps, step, { notice: 'password.started_over' });
}
