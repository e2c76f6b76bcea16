// Step 2 for an account with apps: a code from any of them. The sign-in flow decides (the apps'
// replay guard and locks, the limits, the wrong codes of this sign-in); this page parses the form
// and shows the outcome.
import type { RouterContext } from '@koa/router';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { field } from '../form-body.js';
import { codePage } from '../pages/code.js';
import { attemptOf, renderPage, type Step, type StepServices } from './context.js';
import { finishSignIn } from './finish.js';
import { answeredAlike } from './outcome.js';
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
  if (answeredAlike(ctx, deps, step, outcome)) return;
  if (outcome.kind === 'passed') return finishSignIn(ctx, deps, step, outcome.pending, 'totp');
  if (outcome.kind === 'again') showCode(ctx, deps, step, account, PROBLEMS[outcome.problem]);
}
