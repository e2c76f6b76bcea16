// Step 1: email and password. Success only records "password OK" against the interaction; the
// login itself waits for the code.
import type { RouterContext } from '@koa/router';
import { field } from '../form-body.js';
import { passwordPage } from '../pages/password.js';
import { normalizeEmail } from '../../src/accounts/email.js';
import { ipKey, passwordKey } from '../../src/ratelimit/limits.js';
import { renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { succeeded, withinLimits, type LimitedAttempt } from './limits.js';
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
  if (!email || !password) {
    showPassword(ctx, deps, step, { email, error: 'password.missing' });
    return;
  }

  // Counted per client IP, and per (typed email, known or not; client IP), before the password is
  // checked. The address first: while it is blocked, each sprayed attempt costs one round trip.
  const limits: LimitedAttempt[] = [
    { limit: deps.rateLimits.password_per_ip, key: ipKey(ctx.ip), what: 'password', scope: 'network' },
    {
      limit: deps.rateLimits.password_per_account_ip,
      key: passwordKey(email, ctx.ip),
      what: 'password',
      scope: 'account',
      accountId: async () => (await deps.accounts.findByEmail(normalizeEmail(email)))?.id,
    },
  ];
  if (!(await withinLimits(ctx, deps, step, limits))) return;

  const result = await deps.passwords.check(email, password);
  if (!result.ok) {
    await deps.audit.record({
      type: 'signin_password_failed',
      accountId: result.accountId,
      clientId: step.clientId,
      ip: ctx.ip,
      detail: { reason: result.reason },
    });
    showPassword(ctx, deps, step, { email, error: WRONG });
    return;
  }
  await succeeded(ctx, deps, limits);
  await deps.pendingSignIns.passwordAccepted(step.uid, result.account.id, step.interaction.exp);
  // Not an audit event (src/metrics/signin.ts): the sign-in is only half done.
  deps.metrics.signIn('password', 'success');
  showCurrentStep(ctx, step.uid);
}
