// The hosted sign-in pages between oidc-provider's /auth and the redirect back to the relying party.
import Router from '@koa/router';
import type { Middleware } from 'koa';
import { messagePage } from './layout.js';
import type { InteractionDependencies } from './dependencies.js';

export function interactionRoutes(deps: InteractionDependencies): Middleware {
  const router = new Router();
  router.get('/interaction/:uid', (ctx) => {
    ctx.status = 503;
    ctx.type = 'html';
    ctx.body = messagePage(deps.config.issuerName, 'Sign-in not yet available', 'This sign-in service is being set up. Please try again later.');
  });
  return router.routes() as Middleware;
}
