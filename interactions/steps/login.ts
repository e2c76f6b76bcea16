// The login prompt's pages: the step is whatever the sign-in flow (src/signin/flow.ts) says is due,
// and each second-step form is accepted only at the steps the flow allows it at, so a request can
// never skip a step. Every GET and POST of the second step goes through here.
import type { RouterContext } from '@koa/router';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import type { SecondStepForm } from '../../src/signin/steps.js';
import { authenticatorLockedPage } from '../pages/rate-limited.js';
import { problemPage } from '../layout.js';
import { renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { showCode, submitCode } from './code.js';
import { showEnroll, submitEnroll } from './enroll.js';
import { showPassword } from './password.js';
import { showRecovery, submitRecovery } from './recovery.js';
import { showRecoveryCodesAgain, submitRecoveryCodes } from './recovery-codes.js';

type Handler = (
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  pending: PendingSignIn,
  account: Account,
) => Promise<void>;

const SUBMIT: Record<SecondStepForm, Handler> = {
  enroll: submitEnroll,
  code: submitCode,
  recovery: submitRecovery,
  'recovery-codes': submitRecoveryCodes,
};

export async function showLogin(ctx: RouterContext, deps: StepServices, step: Step): Promise<void> {
  const at = await deps.flow.position(step.uid);
  switch (at.due) {
    case 'password':
      showPassword(ctx, deps, step);
      return;
    case 'enroll':
      return showEnroll(ctx, deps, step, at.pending, at.account);
    case 'setup_needed':
      renderPage(ctx, problemPage(step.frame, 'setup_needed'), 403);
      return;
    case 'locked':
      renderPage(ctx, authenticatorLockedPage(step.frame, step.uid), 403);
      return;
    case 'recovery_codes':
      showRecoveryCodesAgain(ctx, deps, step);
      return;
    case 'code':
      showCode(ctx, deps, step, at.account);
      return;
  }
}

/** GET of the recovery-code form: only after the password, for an account with an app. */
export async function showRecoveryForm(ctx: RouterContext, deps: StepServices, step: Step): Promise<void> {
  const at = await deps.flow.positionFor(step.uid, 'recovery');
  if (!at) {
    showCurrentStep(ctx, step.uid);
    return;
  }
  showRecovery(ctx, deps, step, at.account);
}

/** POST of a second-step form; answered with the current step when the form is not due. */
export async function submitSecondStep(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  form: SecondStepForm,
): Promise<void> {
  const at = await deps.flow.positionFor(step.uid, form);
  if (!at) {
    showCurrentStep(ctx, step.uid);
    return;
  }
  return SUBMIT[form](ctx, deps, step, at.pending, at.account);
}
