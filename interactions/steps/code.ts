// Step 2 for an enrolled account: a code from the app. The authenticator store decides (±1 step,
// each step accepted once, lockout across sign-ins); this step counts wrong codes per sign-in.
import type { RouterContext } from '@koa/router';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { MAX_WRONG_CODES } from '../../src/signin/pending.js';
import { field } from '../form-body.js';
import { codePage } from '../pages/code.js';
import { renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { finishSignIn, startOver } from './finish.js';

export function showCode(ctx: RouterContext, deps: StepServices, step: Step, account: Account, error?: string): void {
  renderPage(ctx, codePage({ issuerName: deps.config.issuerName, uid: step.uid, csrf: step.csrf, email: account.email, error }));
}

export async function submitCode(ctx: RouterContext, deps: StepServices, step: Step, pending: PendingSignIn, account: Account): Promise<void> {
  const result = await deps.authenticators.verify(account.id, field(ctx.request.body, 'code'));
  if (result.ok) return finishSignIn(ctx, deps, step, account.id);

  const audit = (type: string, detail?: Record<string, unknown>) =>
    deps.audit.record({ type, accountId: account.id, clientId: step.clientId, ip: ctx.ip, detail });
  switch (result.reason) {
    case 'not_enrolled':
      // Reset while this page was open: the next page is enrolment.
      return showCurrentStep(ctx, step.uid);
    case 'malformed':
      return showCode(ctx, deps, step, account, 'Enter the 6 digits your app shows, without letters.');
    case 'locked':
      // `lockedNow`: this very code reached the limit (otherwise it was locked already).
      await audit('otp_locked', { lockedNow: result.lockedNow === true });
      return showCode(ctx, deps, step, account, 'Too many wrong codes were typed for this account, so codes are not accepted for now. Contact your administrator.');
    case 'replay':
      await audit('otp_replay');
      return showCode(ctx, deps, step, account, 'That code was already used. Wait for your app to show a new code, then type it.');
    case 'invalid': {
      await audit('otp_failed');
      if ((await deps.pendingSignIns.wrongCode(pending)) >= MAX_WRONG_CODES) return startOver(ctx, deps, step, account.id);
      return showCode(ctx, deps, step, account, 'That code is not right. Check your phone’s clock is set automatically, then type the code your app shows now.');
    }
  }
}
