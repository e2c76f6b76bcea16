// Serves the hosted pages' stylesheet (with the deployment's accent colours) and the deployment's
// logo from memory: read once at start. The stylesheet is cached for an hour; the logo for a year,
// since its address names its content's version (src/branding).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import { packageRoot } from '../paths.js';
import { accentStyles, LOGO_PATH, type Brand } from '../branding/index.js';

interface Served {
  type: string;
  body: Buffer;
  cacheControl: string;
  /** A policy of its own: an SVG opened directly must not run script or load anything. */
  contentSecurityPolicy?: string;
}

const HOUR = 'public, max-age=3600';
const YEAR = 'public, max-age=31536000, immutable';

export function staticFiles(brand: Brand): Middleware {
  const loaded = new Map<string, Served>();
  const style = readFileSync(join(packageRoot, 'interactions/static/style.css'), 'utf8') + accentStyles(brand);
  loaded.set('/static/style.css', { type: 'text/css; charset=utf-8', body: Buffer.from(style), cacheControl: HOUR });
  if (brand.logo && 'file' in brand.logo)
    loaded.set(LOGO_PATH, {
      type: brand.logo.type,
      body: readFileSync(brand.logo.file),
      cacheControl: YEAR,
      contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    });
  return async (ctx, next) => {
    const hit = ctx.method === 'GET' || ctx.method === 'HEAD' ? loaded.get(ctx.path) : undefined;
    if (!hit) {
      await next();
      return;
    }
    ctx.type = hit.type;
    ctx.set('Cache-Control', hit.cacheControl);
    if (hit.contentSecurityPolicy) ctx.set('Content-Security-Policy', hit.contentSecurityPolicy);
    ctx.body = hit.body;
  };
}
