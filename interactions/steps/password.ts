// Step 1: email and password. Success only records "password OK" against the interaction; the
// login itself waits for the code.
import type { RouterContext } from '@koa/router';
import { field } from '../form-body.js';
import { passwordPage } from '../pages/password.js';
import { normalizeEmail } from '../../src/accounts/email.js';
import { accountKey, ipKey, passwordKey } from '../../src/ratelimit/limits.js';
import { renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { givenBack, withinLimits, type LimitedAttempt } from './limits.js';
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
  if (!email || !password) {
    showPassword(ctx, deps, step, { email, error: 'password.missing' });
    return;
  }

  // Counted per client IP, and per (typed email, known or not; client IP), before the password is
  // checked. The address first: while it is blocked, each sprayed attempt costs one round trip.
  const passwordLimitKeys = { ip: ipKey(ctx.ip), account: passwordKey(email, ctx.ip) };
  const limits: LimitedAttempt[] = [
    { limit: deps.rateLimits.password_per_ip, key: passwordLimitKeys.ip, what: 'password', scope: 'network' },
    {
      limit: deps.rateLimits.password_per_account_ip,
      key: passwordLimitKeys.account,
      what: 'password',
      scope: 'account',
      accountId: async () => (await deps.accounts.findByEmail(normalizeEmail(email)))?.id,
    },
  ];
  // A right password costs a bcrypt check too: checks that succeed are counted per address before
  // this one runs (the point goes back if the password is wrong), so nobody holding one password
  // keeps the server's bcrypt threads busy. Per account they are counted once a password proved
  // right, since a refusal before the check would tell anyone typing the email that it has an
  // account someone is signing in to (the counters of unknown emails never fill).
  const rightFromHere: LimitedAttempt[] = [
    { limit: deps.rateLimits.right_password_per_ip, key: ipKey(ctx.ip), what: 'sign-in', scope: 'network' },
  ];
  if (!(await withinLimits(ctx, deps, step, [...limits, ...rightFromHere]))) return;

  const result = await deps.passwords.check(email, password);
  if (!result.ok) {
    await givenBack(rightFromHere);
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
  // The wrong-password limits keep this attempt's point until the sign-in completes (finish.ts):
  // a right password followed by wrong codes is not free, and polling the password step of one
  // account is limited like wrong passwords are.
  const rightForAccount: LimitedAttempt = {
    limit: deps.rateLimits.right_password_per_account,
    key: accountKey(result.account.id),
    what: 'sign-in',
    scope: 'account',
    accountId: () => Promise.resolve(result.account.id),
  };
  if (!(await withinLimits(ctx, deps, step, [rightForAccount]))) return;
  // Whether this sign-in may link an app: never for the password alone, once the account has (or
  // had) one.
  const grant = await deps.enrolments.grantAfterPassword(result.account, setUpLinkToken(ctx));
  await deps.pendingSignIns.passwordAccepted(step.uid, result.account.id, step.interaction.exp, {
    grant,
    passwordLimitKeys,
  });
  // Not an audit event (src/metrics/signin.ts): the sign-in is only half done.
  deps.metrics.signIn('password', 'success');
  showCurrentStep(ctx, step.uid);
}
