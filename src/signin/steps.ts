// The sign-in's step machine as pure functions of its state, so it can be read (and tested) apart
// from any store or HTTP: which step is due after the password, which form may be sent at which
// step, and what a finished sign-in proved. src/signin/flow.ts feeds it the stored state.
//
//   no pending sign-in (none yet, expired, or dropped) → password
//   enrolment confirmed in this sign-in   → recovery_codes (the new set, then on)
//   a grant to link an app                → enroll
//   no app and no grant                   → setup_needed (never an enrolment page)
//   every app locked                      → locked (only the ways out: a recovery code)
//   otherwise                             → code
import type { PendingSignIn } from './pending.js';
import { ACR_PASSWORD_AND_OTP } from '../oidc/acr.js';

export type SecondStep = 'enroll' | 'setup_needed' | 'code' | 'locked' | 'recovery_codes';
export type Due = 'password' | SecondStep;

/** The forms of the second step. */
export type SecondStepForm = 'enroll' | 'code' | 'recovery' | 'recovery-codes';

/** Each form, and the steps at which it may be sent: a request can never skip a step. */
const FORMS: Record<SecondStepForm, readonly SecondStep[]> = {
  enroll: ['enroll'],
  code: ['code'],
  // Without the phone: also (above all) when every app is locked.
  recovery: ['code', 'locked'],
  'recovery-codes': ['recovery_codes'],
};

type StepState = Pick<PendingSignIn, 'enrolledAt' | 'grant'>;

/** Whether the step depends on the account's apps (the usual sign-in: one query for them). */
export function needsApps(pending: StepState): boolean {
  return !pending.enrolledAt && !pending.grant;
}

/**
 * The step due for a pending sign-in, given the account's confirmed apps. A pending sign-in lives
 * as long as its interaction, in the protocol store (which expires both together): no clock here.
 */
export function dueStep(pending: StepState | undefined, apps: readonly { locked: boolean }[]): Due {
  if (!pending) return 'password';
  if (pending.enrolledAt) return 'recovery_codes';
  if (pending.grant) return 'enroll';
  if (!apps.length) return 'setup_needed';
  return apps.every((app) => app.locked) ? 'locked' : 'code';
}

export function formDue(form: SecondStepForm, due: Due): boolean {
  return due !== 'password' && FORMS[form].includes(due);
}

/** What the person proved, in OpenID Connect's words: `amr` (RFC 8176) and our `acr`. */
export interface Proof {
  acr: string;
  amr: string[];
}

/**
 * What a finished sign-in proved: the password, then the `amr` of each factor passed (a recovery
 * code adds nothing: its sign-in ends with a new app's code), and `mfa` for more than one factor.
 * Throws when no second factor proved anything: such a sign-in must never finish.
 */
export function proof(factors: readonly { amr: readonly string[] }[]): Proof {
  const amr = ['pwd', ...new Set(factors.flatMap((factor) => factor.amr))];
  if (!amr.includes('otp')) throw new Error('a sign-in finished without a one-time code');
  return { acr: ACR_PASSWORD_AND_OTP, amr: [...amr, 'mfa'] };
}
