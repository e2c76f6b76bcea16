// Serves the hosted pages' stylesheet from memory: read once at start, cached by browsers.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import { packageRoot } from '../paths.js';

const FILES: Record<string, { file: string; type: string }> = {
  '/static/style.css': { file: 'interactions/static/style.css', type: 'text/css; charset=utf-8' },
};

export function staticFiles(): Middleware {
  const loaded = new Map(
    Object.entries(FILES).map(([path, { file, type }]) => [
      path,
      { type, body: readFileSync(join(packageRoot, file)) },
    ]),
  );
  return async (ctx, next) => {
    const hit = ctx.method === 'GET' || ctx.method === 'HEAD' ? loaded.get(ctx.path) : undefined;
    if (!hit) {
      await next();
      return;
    }
    ctx.type = hit.type;
    ctx.set('Cache-Control', 'public, max-age=3600');
    ctx.body = hit.body;
  };
}
