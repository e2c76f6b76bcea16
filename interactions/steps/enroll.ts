// Step 2 when this sign-in holds a grant to link an app (src/signin/enrolment.ts: a new account's
// window, a recovery code just used, or a set-up link): link an authenticator app. The secret lives
// sealed in the pending state, so reloading shows the same QR code, and is kept for this browser
// beyond the interaction (src/signin/kept-enrolment.ts), so starting again shows it too; only a correct code links the
// app (the sign-in flow decides), which replaces the apps the grant names and issues a fresh set of
// recovery codes, at once. The QR code is drawn by the page's pieces (pages/app-link.ts).
import type { RouterContext } from '@koa/router';
import type { Account } from '../../src/accounts/store.js';
import type { PendingSignIn } from '../../src/signin/pending.js';
import { drawAppLink } from '../pages/app-link.js';
import { checkAppName } from '../../src/mfa/totp-app/name.js';
import { field } from '../form-body.js';
import { enrollPage } from '../pages/enroll.js';
import { attemptOf, renderPage, showCurrentStep, type Step, type StepServices } from './context.js';
import { answeredAlike } from './outcome.js';
import { showNewRecoveryCodes } from './recovery-codes.js';
import { forgetSetUpLink } from './set-up-link.js';
import { enrolmentBrowser, forgetEnrolmentBrowser, restartToken, setEnrolmentBrowser } from './restart.js';
import { KeptEnrolments } from '../../src/signin/kept-enrolment.js';
import { problemPage } from '../layout.js';
import type { PlainMessage } from '../pages/form.js';

// Shown in the page's language on /account (pages/account-authenticators.ts) when the person chose none.
const DEFAULT_NAME = 'Authenticator app';
const NOTICE = { new: undefined, account: undefined, recovery: 'enroll.recovered', link: 'enroll.via_link' } as const;

export async function showEnroll(
  ctx: RouterContext,
  deps: StepServices,
  step: Step,
  pending: PendingSignIn,
  account: Account,
  error?: PlainMessage,
  name?: string,
): Promise<void> {
  // The key (and the request) outlive the interaction, for this browser only: when the page is
  // first shown, under a token minted now (never one set by someone else), given to the browser.
  const attempt = { ...attemptOf(ctx, step), browser: enrolmentBrowser(ctx, deps) };
  const minted: { browser?: string } = {};
  const secret = await deps.flow.enrolmentSecret(attempt, pending, step.interaction.params, () => {
    minted.browser = KeptEnrolments.newBrowserToken();
    return { browser: minted.browser, restart: restartToken(ctx, deps) };
  });
  if (minted.browser) setEnrolmentBrowser(ctx, deps, minted.browser);
  const link = await drawAppLink(deps.config.issuerName, account.email, secret);
  renderPage(
    ctx,
    enrollPage({
      frame: step.frame,
      uid: step.uid,
      csrf: step.csrf,
      email: account.email,
      link,
      error,
      name,
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
  const body = ctx.request.body;
  // The person's own name for the app, or ours when they gave none; a name we refuse is not a
  // wrong code: asked again before the code is checked.
  const typedName = field(body, 'name').slice(0, 400);
  const name = typedName.trim() ? checkAppName(typedName) : DEFAULT_NAME;
  if (name === null) return showEnroll(ctx, deps, step, pending, account, 'enroll.name_invalid', typedName);
  const attempt = { ...attemptOf(ctx, step), browser: enrolmentBrowser(ctx, deps) };
  const outcome = await deps.flow.submitEnrolment(attempt, pending, account, field(body, 'code'), name);
  // Confirmed, refused or started over: nothing of this enrolment is kept for the browser.
  if (['enrolled', 'enrolment_refused', 'started_over'].includes(outcome.kind)) forgetEnrolmentBrowser(ctx, deps);
  if (answeredAlike(ctx, deps, step, outcome)) return;
  switch (outcome.kind) {
    case 'again': {
      const error = outcome.problem === 'wrong' ? 'enroll.wrong' : 'code.malformed';
      return showEnroll(ctx, deps, step, pending, account, error, typedName);
    }
    case 'enrolment_refused': {
      if (outcome.forgetLink) forgetSetUpLink(ctx, deps);
      const { reason } = outcome;
      const problem = reason === 'already_enrolled' ? reason : reason === 'link_used' ? 'setup_link' : 'setup_needed';
      renderPage(ctx, problemPage(step.frame, problem), 409);
      return;
    }
    case 'enrolled':
      if (outcome.forgetLink) forgetSetUpLink(ctx, deps);
      // Both factors passed; the sign-in continues once the person has saved the new recovery codes.
      showNewRecoveryCodes(ctx, step, account, outcome.recoveryCodes);
      return;
    default:
      showCurrentStep(ctx, step.uid);
  }
}
