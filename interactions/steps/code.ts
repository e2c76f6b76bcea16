// Step 2 for an enrolled account: a code from the app. The authenticator store decides (±1 step,
// each step accepted once, lockout across sign-ins); this step counts wrong codes per sign-in and,
// through the rate limits, per (account, client IP) and per client IP across sign-ins.
import type { RouterContext } from '@koa/router';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { MAX_WRONG_CODES } from '../../src/signin/pending.js';
import { field } from '../form-body.js';
import { codePage } from '../pages/code.js';
import { normalizeCode } from '../../src/mfa/totp-app/totp.js';
import { codeKey, ipKey } from '../../src/ratelimit/limits.js';
import { authenticatorLockedPage } from '../pages/rate-limited.js';
import { renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { finishSignIn, startOver } from './finish.js';
import { succeeded, withinLimits, type LimitedAttempt } from './limits.js';
import type { PlainMessage } from '../pages/form.js';

const MALFORMED = 'code.malformed';

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
  const code = field(ctx.request.body, 'code');
  // A typo of the wrong shape is not a guess: answered before it could use up an attempt.
  if (normalizeCode(code) === null) {
    showCode(ctx, deps, step, account, MALFORMED);
    return;
  }
  const limits: LimitedAttempt[] = [
    { limit: deps.rateLimits.code_per_ip, key: ipKey(ctx.ip), what: 'code', scope: 'network' },
    {
      limit: deps.rateLimits.code_per_account_ip,
      key: codeKey(account.id, ctx.ip),
      what: 'code',
      scope: 'account',
      accountId: () => Promise.resolve(account.id),
    },
  ];
  if (!(await withinLimits(ctx, deps, step, limits))) return;

  const result = await deps.authenticators.verify(account.id, code, step.uid);
  if (result.ok) {
    await succeeded(ctx, deps, limits);
    // Audited as the finished sign-in (`signin_succeeded`, counted as step "signin").
    deps.metrics.signIn('code', 'success');
    return finishSignIn(ctx, deps, step, pending);
  }

  const audit = deps.audit.for({ accountId: account.id, clientId: step.clientId, ip: ctx.ip });
  switch (result.reason) {
    case 'not_enrolled': {
      // Reset while this page was open: the step now due says what to do (a set-up link is needed).
      showCurrentStep(ctx, step.uid);
      return;
    }
    case 'malformed': {
      showCode(ctx, deps, step, account, MALFORMED);
      return;
    }
    case 'locked':
      // Audited as `otp_locked` once, by the code that reached the limit; later tries are failures.
      await audit(
        result.lockedNow
          ? { type: 'otp_locked', detail: { interaction: step.uid } }
          : { type: 'otp_failed', detail: { reason: 'locked', interaction: step.uid } },
      );
      {
        renderPage(ctx, authenticatorLockedPage(step.frame, step.uid), 403);
        return;
      }
    case 'replay':
      if (result.sameSignIn) {
        // The code this very sign-in had accepted, sent again (a double click, a second tab of the
        // same sign-in): not a guess and not an alarm. Its points go back as for the success it
        // repeats, and it shows where the sign-in now is (finished, or finishing).
        await succeeded(ctx, deps, limits);
        showCurrentStep(ctx, step.uid);
        return;
      }
      // Accepted for another sign-in (or an older step): told to the owner at their next sign-in.
      await audit({ type: 'otp_replay', detail: { interaction: step.uid } });
      {
        showCode(ctx, deps, step, account, 'code.replay');
        return;
      }
    case 'wrong': {
      // The interaction lets the notice at the next sign-in leave out this sign-in's own typos.
      await audit({ type: 'otp_failed', detail: { reason: 'wrong_code', interaction: step.uid } });
      // One of several apps locked by it: the others still sign in.
      if (result.lockedNow) await audit({ type: 'otp_locked', detail: { interaction: step.uid } });
      if ((await deps.pendingSignIns.wrongCode(pending)) >= MAX_WRONG_CODES)
        return startOver(ctx, deps, step, account.id);
      showCode(ctx, deps, step, account, 'code.wrong');
      return;
    }
  }
}
