// The hosted sign-in pages between oidc-provider's /auth and the redirect back to the relying party:
//   GET  /interaction/:uid           the step the interaction is at
//   POST /interaction/:uid/password  email + password
//   POST /interaction/:uid/enroll    first code from a newly linked app
//   POST /interaction/:uid/code      code from the linked app
//   GET, POST /interaction/:uid/recovery   a recovery code instead (the phone is lost)
//   POST /interaction/:uid/recovery-codes  on from the page of new recovery codes (or a new set)
//   POST /interaction/:uid/continue  on from the notice that someone tried to reuse a code
//   POST /interaction/:uid/consent   Allow / Deny for a third-party client
//   GET  /help/authenticator         setting up an app; a lost phone
//   GET  /restart/:token             "Start again" from an expired sign-in's enrolment page
//   GET  /language?lang=&return=     the language switcher of every page (remembered in a cookie)
// Every POST is a small form (16 KiB at most) with a CSRF token bound to the interaction.
import Router, { type RouterContext } from '@koa/router';
import type { Middleware, Next } from 'koa';
import { CsrfTokens } from './csrf.js';
import type { InteractionDependencies } from './dependencies.js';
import { PageError, friendlyErrors } from './errors.js';
import { field, formBody } from './form-body.js';
import { helpPage, helpPath, returnPath } from './pages/help.js';
import { frameFor, pickLanguage } from './language.js';
import { loadStep, renderPage, showCurrentStep, type Step, type StepServices } from './steps/context.js';
import { showConsent, submitConsent } from './steps/consent.js';
import { showLogin, showRecoveryForm, submitSecondStep } from './steps/login.js';
import { submitPassword } from './steps/password.js';
import { continueSignIn } from './steps/finish.js';
import { openSetUpLink } from './steps/set-up-link.js';
import { RESTART_PATH, followRestartLink, restartLink } from './steps/restart.js';
import { SET_UP_PATH } from '../src/signin/enrolment.js';

type StepHandler = (ctx: RouterContext, deps: StepServices, step: Step) => Promise<void>;

export function interactionRoutes(deps: InteractionDependencies): Middleware {
  const services: StepServices = { ...deps, csrfTokens: new CsrfTokens(deps.cookieKeys) };

  // Every POST: a form of ours, with the token minted for this very interaction.
  const checkedForm = [
    formBody(),
    async (ctx: RouterContext, next: Next) => {
      if (!services.csrfTokens.matches(ctx.params.uid ?? '', field(ctx.request.body, 'csrf'))) {
        throw new PageError(403, 'csrf');
      }
      await next();
      return;
    },
  ];

  /** Runs `handler` when the interaction is at `prompt`; otherwise shows the step it is at. */
  const at = (prompt: string, handler: StepHandler) => async (ctx: RouterContext) => {
    const step = await loadStep(ctx, services);
    if (step.interaction.prompt.name !== prompt) {
      showCurrentStep(ctx, step.uid);
      return;
    }
    return handler(ctx, services, step);
  };

  const router = new Router();
  router.use(
    friendlyErrors(deps.config, (ctx) => restartLink(ctx, deps)),
    async (ctx, next) => {
      // Sign-in pages are personal and short-lived: never cached, by anyone.
      ctx.set('Cache-Control', 'no-store');
      await next();
    },
  );

  // `?return=` names the sign-in step (or the account page) the person came from, for a link back.
  router.get('/help/authenticator', (ctx) => {
    const back = returnPath(field(ctx.query, 'return'));
    renderPage(ctx, helpPage(frameFor(ctx, deps.config, undefined, { returnTo: helpPath(back) }), back));
  });

  // The language switcher of every page: plain links, so it works without script. A link another
  // site forges can only change the language our pages are shown in.
  router.get(SET_UP_PATH, (ctx) => openSetUpLink(ctx, services));

  // "Start again" from an expired sign-in's page (a one-time token of that browser's enrolment).
  router.get(`${RESTART_PATH}/:token`, (ctx) => followRestartLink(ctx, services));

  router.get('/language', (ctx) => {
    pickLanguage(ctx, deps.config, { lang: field(ctx.query, 'lang'), return: field(ctx.query, 'return') });
  });

  router.get('/interaction/:uid', async (ctx) => {
    const step = await loadStep(ctx, services);
    switch (step.interaction.prompt.name) {
      case 'login':
        // Both factors passed in an earlier request (a form sent twice lands here): on to the
        // application rather than a first step that no longer applies.
        if (step.interaction.result?.login) return continueSignIn(ctx, services, step);
        return showLogin(ctx, services, step);
      case 'consent':
        return showConsent(ctx, services, step);
      default:
        throw new PageError(400, 'unsupported_prompt');
    }
  });

  router.post('/interaction/:uid/password', ...checkedForm, at('login', submitPassword));
  router.post(
    '/interaction/:uid/enroll',
    ...checkedForm,
    at('login', (ctx, s, step) => submitSecondStep(ctx, s, step, 'enroll')),
  );
  router.post(
    '/interaction/:uid/code',
    ...checkedForm,
    at('login', (ctx, s, step) => submitSecondStep(ctx, s, step, 'code')),
  );
  router.get('/interaction/:uid/recovery', at('login', showRecoveryForm));
  router.post(
    '/interaction/:uid/recovery',
    ...checkedForm,
    at('login', (ctx, s, step) => submitSecondStep(ctx, s, step, 'recovery')),
  );
  router.post(
    '/interaction/:uid/recovery-codes',
    ...checkedForm,
    at('login', (ctx, s, step) => submitSecondStep(ctx, s, step, 'recovery-codes')),
  );
  router.post('/interaction/:uid/continue', ...checkedForm, at('login', continueSignIn));
  router.post('/interaction/:uid/consent', ...checkedForm, at('consent', submitConsent));

  return router.routes() as Middleware;
}
