// Where a login interaction stands: no password yet, or "password OK" and then either enrolment
// (no confirmed authenticator) or the code page. Both the page shown on GET and the POSTs of the
// second step go through here, so a POST can never skip a step.
import type { RouterContext } from '@koa/router';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { authenticatorLockedPage } from '../pages/rate-limited.js';
import { activeAccount, renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { showCode, submitCode } from './code.js';
import { showEnroll, submitEnroll } from './enroll.js';
import { showPassword } from './password.js';

type SecondStep = { kind: 'password' } | { kind: 'enroll' | 'code' | 'locked'; pending: PendingSignIn; account: Account };

async function secondStep(deps: StepServices, step: Step): Promise<SecondStep> {
  const pending = await deps.pendingSignIns.find(step.uid);
  if (!pending) return { kind: 'password' };
  const account = await activeAccount(deps, pending.accountId);
  if (!account) {
    // Disabled (or removed) after its password was accepted: back to the start.
    await deps.pendingSignIns.drop(step.uid);
    return { kind: 'password' };
  }
  const enrolled = await deps.authenticators.findConfirmed(account.id);
  // Locked after too many wrong codes (from anywhere): no code form, only the way out.
  const kind = !enrolled ? 'enroll' : enrolled.locked ? 'locked' : 'code';
  return { kind, pending, account };
}

export async function showLogin(ctx: RouterContext, deps: StepServices, step: Step): Promise<void> {
  const at = await secondStep(deps, step);
  if (at.kind === 'password') return showPassword(ctx, deps, step);
  if (at.kind === 'enroll') return showEnroll(ctx, deps, step, at.pending, at.account);
  if (at.kind === 'locked') return renderPage(ctx, authenticatorLockedPage(deps.config.issuerName), 403);
  return showCode(ctx, deps, step, at.account);
}

/** POST of the enrolment or code form; answered with the current step when it is not that one. */
export async function submitSecondStep(ctx: RouterContext, deps: StepServices, step: Step, form: 'enroll' | 'code'): Promise<void> {
  const at = await secondStep(deps, step);
  if (at.kind !== form) return showCurrentStep(ctx, step.uid);
  return form === 'enroll' ? submitEnroll(ctx, deps, step, at.pending, at.account) : submitCode(ctx, deps, step, at.pending, at.account);
}
