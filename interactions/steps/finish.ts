// The two ways a sign-in leaves the second step: both factors passed (only then is oidc-provider's
// login resolved, with our acr and amr), or too many wrong codes (the progress is dropped and the
// person starts again from the password).
import type { RouterContext } from '@koa/router';
import { ACR_PASSWORD_AND_OTP, AMR_PASSWORD_AND_OTP } from '../../src/oidc/acr.js';
import { showPassword } from './password.js';
import type { Step, StepServices } from './context.js';

export async function finishSignIn(ctx: RouterContext, deps: StepServices, step: Step, accountId: string): Promise<void> {
  const returnTo = await deps.provider.interactionResult(
    ctx.req,
    ctx.res,
    { login: { accountId, acr: ACR_PASSWORD_AND_OTP, amr: [...AMR_PASSWORD_AND_OTP] } },
    // A login result is never merged with an earlier submission: it stands on its own.
    { mergeWithLastSubmission: false },
  );
  await deps.pendingSignIns.drop(step.uid);
  await deps.audit.record({ type: 'signin_succeeded', accountId, clientId: step.clientId, ip: ctx.ip, detail: { amr: AMR_PASSWORD_AND_OTP } });
  ctx.status = 303;
  ctx.redirect(returnTo);
}

export async function startOver(ctx: RouterContext, deps: StepServices, step: Step, accountId: string): Promise<void> {
  await deps.pendingSignIns.drop(step.uid);
  await deps.audit.record({ type: 'signin_restarted', accountId, clientId: step.clientId, ip: ctx.ip, detail: { reason: 'too_many_wrong_codes' } });
  showPassword(ctx, deps, step, {
    notice: 'Too many wrong codes. For your safety, sign-in has started over: enter your email and password again.',
  });
}
