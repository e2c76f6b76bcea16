// Liveness (/healthz: the process answers) and readiness (/readyz: its stores answer) for load
// balancers and orchestrators.
import type { Middleware } from 'koa';

export type ReadinessCheck = () => Promise<Record<string, boolean>>;

export function health(ready: ReadinessCheck): Middleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      await next();
      return;
    }
    if (ctx.path === '/healthz') {
      ctx.body = { status: 'ok' };
      return;
    }
    if (ctx.path === '/readyz') {
      const checks = await ready();
      const ok = Object.values(checks).every(Boolean);
      ctx.status = ok ? 200 : 503;
      ctx.body = { status: ok ? 'ok' : 'unavailable', checks };
      return;
    }
    await next();
  };
}
