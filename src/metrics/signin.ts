// twofold_signin_total, counted from the audit trail itself (AuditLog.observe): each sign-in event
// the trail records is one count here, so the metric cannot drift from what `twofold audit` shows.
// The one exception is a right password or a right code: the trail records no event for a step
// that merely moves the sign-in on (only the finished sign-in, `signin_succeeded`), so those two
// steps count themselves (interactions/steps/password.ts, code.ts).
import type { AuditEventInput } from '../audit/events.js';
import { LIMITS } from '../ratelimit/limits.js';
import type { MetricsRecorder, SignInOutcome, SignInStep } from './index.js';

type Labels = readonly [SignInStep, SignInOutcome];

/** The step and outcome an audit event stands for, or undefined when it is not a sign-in event. */
function signInLabels(event: AuditEventInput): Labels | undefined {
  switch (event.type) {
    case 'signin_password_failed':
      return ['password', 'failure'];
    case 'otp_failed':
      if (event.detail.stage === 'enrolment') return ['enrollment', 'failure'];
      return ['code', event.detail.reason === 'locked' ? 'locked' : 'failure'];
    case 'otp_locked':
      return ['code', 'locked'];
    case 'otp_replay':
      return ['code', 'replay'];
    case 'recovery_code_used':
      return ['recovery', 'success'];
    case 'recovery_code_failed':
      return ['recovery', 'failure'];
    case 'mfa_enrolled':
      return ['enrollment', 'success'];
    case 'signin_succeeded':
      return ['signin', 'success'];
    case 'signin_restarted':
      return ['signin', 'restarted'];
    case 'rate_limited': {
      // Audited once, when a limit is reached; each refusal after it is twofold_rate_limit_refusals_total.
      const { step } = LIMITS[event.detail.limit];
      return step === 'token' ? undefined : [step, 'rate_limited'];
    }
    default:
      return undefined;
  }
}

/** Feeds the audit trail's sign-in events into the metrics. */
export function countSignIns(metrics: MetricsRecorder): (event: AuditEventInput) => void {
  return (event) => {
    const labels = signInLabels(event);
    if (labels) metrics.signIn(...labels);
  };
}
