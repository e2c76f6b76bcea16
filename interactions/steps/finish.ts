// The two ways a sign-in leaves the second step: both factors passed (only then is oidc-provider's
// login resolved, with our acr and amr), or too many wrong codes (the progress is dropped and the
// person starts again from the password). A success may first show what someone with the password
// tried since the previous sign-in (a reused code, wrong codes).
import type { RouterContext } from '@koa/router';
import { ACR_PASSWORD_AND_OTP, AMR_PASSWORD_AND_OTP } from '../../src/oidc/acr.js';
import { noticesSinceLastSignIn } from '../../src/signin/replay-notice.js';
import { replayNoticePage } from '../pages/replay-notice.js';
import { showPassword } from './password.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { renderPage, showCurrentStep, type Step, type StepServices } from './context.js';

export async function finishSignIn(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  pending: PendingSignIn,
): Promise<void> {
  const { accountId } = pending;
  const returnTo = await deps.provider.interactionResult(
    ctx.req,
    ctx.res,
    { login: { accountId, acr: ACR_PASSWORD_AND_OTP, amr: [...AMR_PASSWORD_AND_OTP] } },
    // A login result is never merged with an earlier submission: it stands on its own.
    { mergeWithLastSubmission: false },
  );
  await deps.pendingSignIns.drop(step.uid);
  // Only a completed sign-in gives back what its right password took from the wrong-password
  // limits (password.ts): the address's own point, and the (email, address) count wiped.
  if (pending.passwordLimitKeys) {
    await deps.rateLimits.password_per_ip.giveBack(pending.passwordLimitKeys.ip);
    await deps.rateLimits.password_per_account_ip.reset(pending.passwordLimitKeys.account);
  }
  // Read before this success is recorded: "since the previous sign-in".
  const { reuse, wrongCodes } = await noticesSinceLastSignIn(deps.audit, accountId, step.uid);
  await deps.audit.record({
    type: 'signin_succeeded',
    accountId,
    clientId: step.clientId,
    ip: ctx.ip,
    detail: { amr: AMR_PASSWORD_AND_OTP },
  });
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

export async function startOver(ctx: RouterContext, deps: StepServices, step: Step, accountId: string): Promise<void> {
  await deps.pendingSignIns.drop(step.uid);
  await deps.audit.record({
    type: 'signin_restarted',
    accountId,
    clientId: step.clientId,
    ip: ctx.ip,
    detail: { reason: 'too_many_wrong_codes' },
  });
  showPassword(ctx, deps, step, {
    notice: 'password.started_over',
  });
}
