// Step 2 without the phone: a recovery code instead of the app's code. Offered only once the
// password was accepted and the account has an app (working or locked). The sign-in flow decides
// (src/signin/flow.ts): a right code is used up, ends every other session of the account, and
// leads straight to linking a new app in this same sign-in. Until that new app is confirmed the
// account keeps its state: an abandoned recovery leaves nothing a password alone could use.
import type { RouterContext } from '@koa/router';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { field } from '../form-body.js';
import { recoveryPage } from '../pages/recovery.js';
import { attemptOf, renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { answeredAlike } from './outcome.js';
import type { PlainMessage } from '../pages/form.js';
import { markRecoveryCodeSpent } from '../errors.js';

// A used code gets the same answer as a wrong one: the page says nothing about which codes exist.
const PROBLEMS = {
  malformed: 'recovery.malformed',
  wrong: 'recovery.wrong',
  replay: 'recovery.wrong',
  missing: 'recovery.malformed',
} as const satisfies Record<string, PlainMessage>;

export function showRecovery(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  account: Account,
  error?: PlainMessage,
): void {
  renderPage(ctx, recoveryPage({ frame: step.frame, uid: step.uid, csrf: step.csrf, email: account.email, error }));
}

export async function submitRecovery(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  pending: PendingSignIn,
  account: Account,
): Promise<void> {
  const typed = field(ctx.request.body, 'recovery_code');
  const outcome = await deps.flow.submitRecovery(
    { ...attemptOf(ctx, step), spent: () => markRecoveryCodeSpent(ctx) },
    pending,
    account,
    typed,
  );
  if (answeredAlike(ctx, deps, step, outcome)) return;
  if (outcome.kind === 'again') showRecovery(ctx, deps, step, account, PROBLEMS[outcome.problem]);
  else showCurrentStep(ctx, step.uid);
}
