// Step 1: email and password. The sign-in flow counts and checks it (src/signin/flow.ts); success
// only records "password OK" against the interaction, and the login itself waits for the code.
import type { RouterContext } from '@koa/router';
import { field } from '../form-body.js';
import { passwordPage } from '../pages/password.js';
import { attemptOf, renderPage, renderRefusal, showCurrentStep, type Step, type StepServices } from './context.js';
import { setUpLinkToken } from './set-up-link.js';
import type { PlainMessage } from '../pages/form.js';

const WRONG = 'password.wrong';

export interface PasswordView {
  email?: string | undefined;
  error?: PlainMessage | undefined;
  notice?: PlainMessage | undefined;
}

export function showPassword(ctx: RouterContext, deps: StepServices, step: Step, view: PasswordView = {}): void {
  const hint = step.interaction.params.login_hint;
  renderPage(
    ctx,
    passwordPage({
      frame: step.frame,
      uid: step.uid,
      csrf: step.csrf,
      clientName: step.clientName,
      email: view.email ?? (typeof hint === 'string' ? hint.slice(0, 254) : undefined),
      error: view.error,
      notice: view.notice,
    }),
  );
}

export async function submitPassword(ctx: RouterContext, deps: StepServices, step: Step): Promise<void> {
  const email = field(ctx.request.body, 'email').trim().slice(0, 254);
  const password = field(ctx.request.body, 'password');
  const attempt = { ...attemptOf(ctx, step), expiresAt: step.interaction.exp, linkToken: setUpLinkToken(ctx) };
  const outcome = await deps.flow.submitPassword(attempt, email, password);
  switch (outcome.kind) {
    case 'again':
      showPassword(ctx, deps, step, { email, error: outcome.problem === 'missing' ? 'password.missing' : WRONG });
      return;
    case 'refused':
      renderRefusal(ctx, step, outcome.refusal);
      return;
    case 'current':
      showCurrentStep(ctx, step.uid);
      return;
  }
}
