// Step 2 for an account with apps: a code from any of them. The sign-in flow decides (the apps'
// replay guard and locks, the limits, the wrong codes of this sign-in); this page parses the form
// and shows the outcome.
import type { RouterContext } from '@koa/router';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { field } from '../form-body.js';
import { codePage } from '../pages/code.js';
import { authenticatorLockedPage } from '../pages/rate-limited.js';
import { attemptOf, renderPage, renderRefusal, showCurrentStep, type Step, type StepServices } from './context.js';
import { finishSignIn, startedOver } from './finish.js';
import type { PlainMessage } from '../pages/form.js';

const PROBLEMS = {
  malformed: 'code.malformed',
  wrong: 'code.wrong',
  replay: 'code.replay',
  missing: 'code.malformed',
} as const satisfies Record<string, PlainMessage>;

export function showCode(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  account: Account,
  error?: PlainMessage,
): void {
  renderPage(ctx, codePage({ frame: step.frame, uid: step.uid, csrf: step.csrf, email: account.email, error }));
}

export async function submitCode(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  pending: PendingSignIn,
  account: Account,
): Promise<void> {
  const outcome = await deps.flow.submitCode(attemptOf(ctx, step), pending, account, field(ctx.request.body, 'code'));
  switch (outcome.kind) {
    case 'passed':
      return finishSignIn(ctx, deps, step, outcome.pending, 'totp');
    case 'again':
      showCode(ctx, deps, step, account, PROBLEMS[outcome.problem]);
      return;
    case 'refused':
      renderRefusal(ctx, step, outcome.refusal);
      return;
    case 'locked':
      renderPage(ctx, authenticatorLockedPage(step.frame, step.uid), 403);
      return;
    case 'started_over':
      startedOver(ctx, deps, step);
      return;
    case 'current':
      showCurrentStep(ctx, step.uid);
      return;
  }
}
