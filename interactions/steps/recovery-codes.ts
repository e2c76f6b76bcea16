// The recovery codes page of a sign-in: every confirmed enrolment issues a fresh set (replacing the
// one before, in the enrolment's own transaction) and shows it here once, before the sign-in
// continues. The codes are only in the response that shows them; the pending state records only
// that the enrolment was confirmed, so a reload shows the page without codes, with a way to get a
// new set.
import type { RouterContext } from '@koa/router';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { field } from '../form-body.js';
import { signInRecoveryCodesPage } from '../pages/recovery-codes.js';
import { attemptOf, renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { finishSignIn } from './finish.js';

/** Shows a set just issued (by a confirmed enrolment, or "Show a new set"): the one time it is shown. */
export function showNewRecoveryCodes(ctx: RouterContext, step: Step, account: Account, codes: string[]): void {
  renderPage(
    ctx,
    signInRecoveryCodesPage({ frame: step.frame, uid: step.uid, csrf: step.csrf, codes, email: account.email }),
  );
}

/** The page again (a reload): the codes are not shown twice. */
export function showRecoveryCodesAgain(ctx: RouterContext, deps: StepServices, step: Step): void {
  renderPage(ctx, signInRecoveryCodesPage({ frame: step.frame, uid: step.uid, csrf: step.csrf }));
}

export async function submitRecoveryCodes(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  pending: PendingSignIn,
  account: Account,
): Promise<void> {
  const next = field(ctx.request.body, 'next');
  if (next === 'continue') return finishSignIn(ctx, deps, step, pending);
  if (next === 'new') {
    showNewRecoveryCodes(ctx, step, account, await deps.flow.newRecoveryCodes(attemptOf(ctx, step), account));
    return;
  }
  showCurrentStep(ctx, step.uid);
}
