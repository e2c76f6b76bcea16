// Step 2 when this sign-in holds a grant to link an app (src/signin/enrolment.ts: a new account's
// window, a recovery code just used, or a set-up link): link an authenticator app. The secret lives
// sealed in the pending state, so reloading shows the same QR code; only a correct code links the
// app, which replaces the apps the grant names and issues a fresh set of recovery codes, at once.
import type { RouterContext } from '@koa/router';
import QRCode from 'qrcode';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { MAX_WRONG_CODES } from '../../src/signin/pending.js';
import { formatSecretForHumans, normalizeCode, totpKeyUri, verifyTotp } from '../../src/mfa/totp-app/totp.js';
import { field } from '../form-body.js';
import { enrollPage } from '../pages/enroll.js';
import { renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { startOver } from './finish.js';
import { showNewRecoveryCodes } from './recovery-codes.js';
import { forgetSetUpLink } from './set-up-link.js';
import { problemPage } from '../layout.js';
import type { PlainMessage } from '../pages/form.js';

const LABEL = 'Authenticator app';
const NOTICE = { new: undefined, account: undefined, recovery: 'enroll.recovered', link: 'enroll.via_link' } as const;

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
      keyUri: uri,
      secretForHumans: formatSecretForHumans(secret),
      error,
      notice: NOTICE[pending.grant?.reason ?? 'new'],
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
  const grant = pending.grant;
  if (!grant) {
    showCurrentStep(ctx, step.uid);
    return;
  }
  const audit = deps.audit.for({ accountId: account.id, clientId: step.clientId, ip: ctx.ip });
  const result = await deps.enrolments.confirm(account.id, grant, { label: LABEL, secret, acceptedStep });
  if (!result.ok) {
    const { reason } = result;
    if (reason === 'linked_by_this_sign_in') {
      // The same form sent twice (a double click): the first submission linked the app and shows
      // the new codes; this one shows the step now due.
      showCurrentStep(ctx, step.uid);
      return;
    }
    // Told plainly, never shown someone else's code page: this sign-in starts over.
    await deps.pendingSignIns.drop(step.uid);
    await audit({ type: 'mfa_enrolment_refused', detail: { reason, grant: grant.reason } });
    if (grant.reason === 'link') forgetSetUpLink(ctx, deps);
    const problem = reason === 'already_enrolled' ? reason : reason === 'link_used' ? 'setup_link' : 'setup_needed';
    renderPage(ctx, problemPage(step.frame, problem), 409);
    return;
  }
  await audit({ type: 'mfa_enrolled', detail: { grant: grant.reason, replaced: grant.replaces.length } });
  await audit({ type: 'recovery_codes_issued', detail: { count: result.recoveryCodes.length } });
  if (grant.reason === 'link') forgetSetUpLink(ctx, deps);
  // Both factors passed; the sign-in continues once the person has saved the new recovery codes.
  if (grant.replaces.length) {
    // The new app replaced others: whoever signed in with the replaced phone (perhaps again, after
    // the recovery code ended every session) is signed out now, before the owner gets new codes.
    await deps.endSessions(account.id);
    await deps.pendingSignIns.enrolledAfresh(pending);
  } else {
    await deps.pendingSignIns.enrolled(pending);
  }
  showNewRecoveryCodes(ctx, step, account, result.recoveryCodes);
}
