// The outcomes of the sign-in flow (src/signin/flow.ts) that every form of the second step answers
// alike: a limit's refusal (429), every app locked (403), a start-over, or the step now due.
import type { RouterContext } from '@koa/router';
import type { EnrolmentOutcome } from '../../src/signin/flow.js';
import { authenticatorLockedPage } from '../pages/rate-limited.js';
import { renderPage, renderRefusal, showCurrentStep, type Step, type StepServices } from './context.js';
import { startedOver } from './finish.js';

/** True when `outcome` was answered here; the form's own outcomes (`again`, `passed`, …) are left to it. */
export function answeredAlike(ctx: RouterContext, deps: StepServices, step: Step, outcome: EnrolmentOutcome): boolean {
  switch (outcome.kind) {
    case 'refused':
      renderRefusal(ctx, step, outcome.refusal);
      return true;
    case 'locked':
      renderPage(ctx, authenticatorLockedPage(step.frame, step.uid), 403);
      return true;
    case 'started_over':
      startedOver(ctx, deps, step);
      return true;
    case 'current':
      showCurrentStep(ctx, step.uid);
      return true;
    default:
      return false;
  }
}
