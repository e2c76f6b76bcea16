// Step 2 on a first sign-in (or after an administrator reset or a recovery code): link an
// authenticator app. The secret lives sealed in the pending state, so reloading shows the same QR
// code; only a correct code saves the authenticator, which issues a fresh set of recovery codes.
import type { RouterContext } from '@koa/router';
import QRCode from 'qrcode';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { MAX_WRONG_CODES } from '../../src/signin/pending.js';
import { AlreadyEnrolledError } from '../../src/mfa/authenticators.js';
import { formatSecretForHumans, normalizeCode, totpKeyUri, verifyTotp } from '../../src/mfa/totp.js';
import { field } from '../form-body.js';
import { enrollPage } from '../pages/enroll.js';
import { renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { startOver } from './finish.js';
import { issueRecoveryCodes } from './recovery-codes.js';
import type { PlainMessage } from '../pages/form.js';

const LABEL = 'Authenticator app';

export async function showEnroll(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  pending: PendingSignIn,
  account: Account,
  error?: PlainMessage,
): Promise<void> {
  const secret = await deps.pendingSignIns.enrolmentSecret(pending);
  const uri = totpKeyUri({ issuer: deps.config.issuerName, accountName: account.email, secret });
  // Drawn here, as markup: no script, no third party ever sees the secret.
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  renderPage(
    ctx,
    enrollPage({
      frame: step.frame,
      uid: step.uid,
      csrf: step.csrf,
      email: account.email,
      qrSvg,
      secretForHumans: formatSecretForHumans(secret),
      error,
      notice: pending.recoveredAt ? 'enroll.recovered' : undefined,
    }),
  );
}

export async function submitEnroll(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  pending: PendingSignIn,
  account: Account,
): Promise<void> {
  const code = field(ctx.request.body, 'code');
  if (normalizeCode(code) === null) {
    return showEnroll(ctx, deps, step, pending, account, 'code.malformed');
  }
  const secret = await deps.pendingSignIns.enrolmentSecret(pending);
  const acceptedStep = verifyTotp(secret, code, deps.clock.now());
  if (acceptedStep === null) {
    await deps.audit.record({
      type: 'otp_failed',
      accountId: account.id,
      clientId: step.clientId,
      ip: ctx.ip,
      detail: { stage: 'enrolment', reason: 'wrong_code' },
    });
    const wrongCodes = await deps.pendingSignIns.wrongCode(pending);
    if (wrongCodes >= MAX_WRONG_CODES) return startOver(ctx, deps, step, account.id);
    return showEnroll(ctx, deps, step, pending, account, 'enroll.wrong');
  }
  try {
    await deps.authenticators.enroll(account.id, LABEL, secret, acceptedStep);
  } catch (error) {
    // The same form submitted twice at once: the other submission enrolled; this one shows the step now due.
    if (error instanceof AlreadyEnrolledError) {
      showCurrentStep(ctx, step.uid);
      return;
    }
    throw error;
  }
  await deps.audit.record({ type: 'mfa_enrolled', accountId: account.id, clientId: step.clientId, ip: ctx.ip });
  // Both factors passed; the sign-in continues once the person has saved the new recovery codes.
  await deps.pendingSignIns.enrolled(pending);
  return issueRecoveryCodes(ctx, deps, step, account, 'recovery_codes_issued');
}
