// Where a login interaction stands: no password yet, or "password OK" and then either enrolment
// (only under a grant: src/signin/enrolment.ts), the page saying a set-up link is needed (no app and
// no grant), the code page (or, without the phone, the recovery-code page), or, once an enrolment in
// this sign-in was confirmed, the page of new recovery codes. Both the pages
// shown on GET and the POSTs of the second step go through here, so a request can never skip a step.
import type { RouterContext } from '@koa/router';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { authenticatorLockedPage } from '../pages/rate-limited.js';
import { problemPage } from '../layout.js';
import { activeAccount, renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { showCode, submitCode } from './code.js';
import { showEnroll, submitEnroll } from './enroll.js';
import { showPassword } from './password.js';
import { showRecovery, submitRecovery } from './recovery.js';
import { showRecoveryCodesAgain, submitRecoveryCodes } from './recovery-codes.js';

type Kind = 'enroll' | 'setup-needed' | 'code' | 'locked' | 'recovery-codes';
type SecondStep = { kind: 'password' } | { kind: Kind; pending: PendingSignIn; account: Account };
type Handler = (
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  pending: PendingSignIn,
  account: Account,
) => Promise<void>;

/** Each form of the second step, and the steps at which it may be submitted. */
const FORMS: Record<'enroll' | 'code' | 'recovery' | 'recovery-codes', { at: readonly Kind[]; submit: Handler }> = {
  enroll: { at: ['enroll'], submit: submitEnroll },
  code: { at: ['code'], submit: submitCode },
  // Without the phone: also (above all) when the app is locked.
  recovery: { at: ['code', 'locked'], submit: submitRecovery },
  'recovery-codes': { at: ['recovery-codes'], submit: submitRecoveryCodes },
};
export type SecondStepForm = keyof typeof FORMS;

async function secondStep(deps: StepServices, step: Step): Promise<SecondStep> {
  const pending = await deps.pendingSignIns.find(step.uid);
  if (!pending) return { kind: 'password' };
  const account = await activeAccount(deps, pending.accountId);
  if (!account) {
    // Disabled (or removed) after its password was accepted: back to the start.
    await deps.pendingSignIns.drop(step.uid);
    return { kind: 'password' };
  }
  if (pending.enrolledAt) return { kind: 'recovery-codes', pending, account };
  if (pending.grant) return { kind: 'enroll', pending, account };
  const apps = await deps.authenticators.list(account.id);
  // No app and nothing stronger than the password: never an enrolment page.
  if (!apps.length) return { kind: 'setup-needed', pending, account };
  // Every app locked after too many wrong codes (from anywhere): no code form, only the ways out.
  return { kind: apps.every((app) => app.locked) ? 'locked' : 'code', pending, account };
}

export async function showLogin(ctx: RouterContext, deps: StepServices, step: Step): Promise<void> {
  const at = await secondStep(deps, step);
  if (at.kind === 'password') {
    showPassword(ctx, deps, step);
    return;
  }
  if (at.kind === 'enroll') return showEnroll(ctx, deps, step, at.pending, at.account);
  if (at.kind === 'setup-needed') {
    renderPage(ctx, problemPage(step.frame, 'setup_needed'), 403);
    return;
  }
  if (at.kind === 'locked') {
    renderPage(ctx, authenticatorLockedPage(step.frame, step.uid), 403);
    return;
  }
  if (at.kind === 'recovery-codes') {
    showRecoveryCodesAgain(ctx, deps, step);
    return;
  }
  showCode(ctx, deps, step, at.account);
}

/** GET of the recovery-code form: only after the password, for an account with an app. */
export async function showRecoveryForm(ctx: RouterContext, deps: StepServices, step: Step): Promise<void> {
  const at = await secondStep(deps, step);
  if (at.kind === 'password' || !FORMS.recovery.at.includes(at.kind)) {
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
  const at = await secondStep(deps, step);
  if (at.kind === 'password' || !FORMS[form].at.includes(at.kind)) {
    showCurrentStep(ctx, step.uid);
    return;
  }
  return FORMS[form].submit(ctx, deps, step, at.pending, at.account);
}
