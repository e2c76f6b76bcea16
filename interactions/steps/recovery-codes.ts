// The recovery codes page of a sign-in: every confirmed enrolment issues a fresh set (replacing the
// one before) and shows it here once, before the sign-in continues. The codes are only in the
// response that shows them; the pending state records only that the enrolment was confirmed, so a
// reload shows the page without codes, with a way to get a new set.
import type { RouterContext } from '@koa/router';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { field } from '../form-body.js';
import { signInRecoveryCodesPage } from '../pages/recovery-codes.js';
import { renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { finishSignIn } from './finish.js';

/** Issues a new set and shows it (after a confirmed enrolment, or "Show a new set"). */
export async function issueRecoveryCodes(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  account: Account,
  event: 'recovery_codes_issued' | 'recovery_codes_regenerated',
): Promise<void> {
  const codes = await deps.recoveryCodes.replace(account.id);
  await deps.audit.record({
    type: event,
    accountId: account.id,
    clientId: step.clientId,
    ip: ctx.ip,
    detail: { count: codes.length },
  });
  renderPage(ctx, signInRecoveryCodesPage({ frame: step.frame, uid: step.uid, csrf: step.csrf, codes }));
}

/** The page again (a reload): the codes are not shown twice. */
export function showRecoveryCodesAgain(ctx: RouterContext, deps: StepServices, step: Step): void {
  renderPage(ctx, signInRecoveryCodesPage({ frame: step.frame, uid: step.uid, csrf: step.csrf }));
}

export async function submitRecoveryCodes(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  _pending: PendingSignIn,
  account: Account,
): Promise<void> {
  const next = field(ctx.request.body, 'next');
  if (next === 'continue') return finishSignIn(ctx, deps, step, account.id);
  if (next === 'new') return issueRecoveryCodes(ctx, deps, step, account, 'recovery_codes_regenerated');
  showCurrentStep(ctx, step.uid);
}
