// Form bodies for the hosted pages: application/x-www-form-urlencoded only, at most 16 KiB (a sign-in
// form is a few hundred bytes; anything bigger is not a person). Other types get 415, oversized 413.
import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import { PageError } from './errors.js';

const LIMIT = '16kb';

const parse = bodyParser({ enableTypes: ['form'], formLimit: LIMIT, encoding: 'utf-8' });

export function formBody(): Middleware {
  return async (ctx, next) => {
    if (!ctx.is('application/x-www-form-urlencoded')) {
      throw new PageError(415, 'form_type');
    }
    try {
      // Parsing only: what comes next is called below, once the body is known to be a form.
      await parse(ctx, () => Promise.resolve());
    } catch (error) {
      const status = (error as { status?: number }).status;
      if (status === 413) throw new PageError(413, 'form_too_large');
      throw new PageError(400, 'form_unreadable');
    }
    await next();
  };
}

/** One text field of a parsed form; anything else (missing, repeated, nested) reads as empty. */
export function field(body: unknown, name: string): string {
  const value = (body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}
