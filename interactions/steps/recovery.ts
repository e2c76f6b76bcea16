// Step 2 without the phone: a recovery code instead of the app's code. Offered only once the
// password was accepted and the account has an app (working or locked). A right code is used up,
// ends every other session of the account, and leads straight to linking a new app in this same
// sign-in, which the code proved. Until that new app is confirmed the account keeps its state (the
// old app, even locked, and the other recovery codes): an abandoned recovery leaves nothing that a
// password alone could use. Guesses are counted by
// the code limit per (account, client IP) and by a recovery-code limit per account, from anywhere.
import type { RouterContext } from '@koa/router';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { MAX_WRONG_CODES } from '../../src/signin/pending.js';
import { normalizeRecoveryCode } from '../../src/mfa/recovery-codes/codes.js';
import { accountKey, codeKey, ipKey } from '../../src/ratelimit/limits.js';
import { field } from '../form-body.js';
import { recoveryPage } from '../pages/recovery.js';
import { renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { startOver } from './finish.js';
import { succeeded, withinLimits, type LimitedAttempt } from './limits.js';
import type { PlainMessage } from '../pages/form.js';

const MALFORMED = 'recovery.malformed';
// A used code gets the same answer as a wrong one: the page says nothing about which codes exist.
const WRONG = 'recovery.wrong';

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
  // A typo of the wrong shape is not a guess: answered before it could use up an attempt.
  if (normalizeRecoveryCode(typed) === null) {
    showRecovery(ctx, deps, step, account, MALFORMED);
    return;
  }
  const accountId = () => Promise.resolve(account.id);
  const limits: LimitedAttempt[] = [
    { limit: deps.rateLimits.code_per_ip, key: ipKey(ctx.ip), what: 'code', scope: 'network' },
    {
      limit: deps.rateLimits.code_per_account_ip,
      key: codeKey(account.id, ctx.ip),
      what: 'code',
      scope: 'account',
      accountId,
    },
    {
      limit: deps.rateLimits.recovery_code_per_account,
      key: accountKey(account.id),
      what: 'recovery code',
      scope: 'account',
      accountId,
    },
  ];
  if (!(await withinLimits(ctx, deps, step, limits))) return;

  const audit = deps.audit.for({ accountId: account.id, clientId: step.clientId, ip: ctx.ip });
  const result = await deps.recoveryCodes.use(account.id, typed);
  if (!result.ok) {
    await audit({ type: 'recovery_code_failed', detail: { reason: 'wrong_or_used' } });
    if ((await deps.pendingSignIns.wrongCode(pending)) >= MAX_WRONG_CODES)
      return startOver(ctx, deps, step, account.id);
    showRecovery(ctx, deps, step, account, WRONG);
    return;
  }
  // Audited before anything else: from here the code is spent, whatever fails next.
  await audit({ type: 'recovery_code_used', detail: { remaining: result.remaining } });
  await succeeded(ctx, deps, limits);
  // Whoever holds the lost phone (and perhaps a session) is signed out. Ending the sessions also
  // removes this interaction's own progress, which `recovered` then writes afresh, with the grant
  // to link a new app in place of the ones the account has now.
  await deps.endSessions(account.id);
  await deps.pendingSignIns.recovered(pending, await deps.enrolments.grantAfterRecovery(account.id));
  showCurrentStep(ctx, step.uid);
}
