// The language of a page, per request: chosen by src/i18n/locales.ts from the relying party's
// ui_locales, the person's pick (a cookie), Accept-Language and DEFAULT_LOCALE, and turned into a
// `Frame`: what every page renders with (its translator, `<html lang>`, the switcher's way back).
// The switcher is plain links (GET /language, no script) that remember the pick for a year and go
// back to the page they were on. The language a sign-in was shown in is remembered the same way,
// so the pages after it (the account page, help) stay in it.
import type { Context } from 'koa';
import type { Config } from '../src/config/index.js';
import {
  chooseLocale,
  decodePicked,
  encodePicked,
  firstSupported,
  isLocale,
  type Locale,
  type PickedLocale,
} from '../src/i18n/locales.js';
import { translators, type ArgumentList, type MessageKey, type Translator } from '../src/i18n/translator.js';
import { escapeHtml, html, SafeHtml } from './html.js';
import { ownCookie } from '../src/http/cookies.js';

const LANGUAGE_COOKIE = 'twofold.lang';
const YEAR_MS = 365 * 24 * 3600 * 1000;

/** The settings pages are framed with: the deployment's name, language and time zone. */
export type FrameSettings = Pick<
  Config,
  'issuerName' | 'defaultLocale' | 'displayTimeZone' | 'secureCookies' | 'support' | 'brand'
>;

/** A message as escaped HTML; `<strong>`, `<em>` and `<code>` in it become those elements. */
export type Translate = <K extends MessageKey>(key: K, ...values: ArgumentList<K, SafeHtml>) => SafeHtml;

export interface Frame {
  locale: Locale;
  t: Translate;
  /** The same messages as plain text, dates and lists in this language. */
  translator: Translator;
  issuerName: string;
  /** Who people ask for help (SUPPORT_URL, SUPPORT_EMAIL). */
  support: FrameSettings['support'];
  /** The logo's address (BRAND_LOGO), if there is one. */
  logo: string | undefined;
  /** Where the language switcher comes back to: this page, as a GET. Unset: no switcher. */
  returnTo: string | undefined;
}

/** Where a page is, for the switcher to come back to: its sign-in, or its own path. */
export interface SignInContext {
  uid: string;
  /** The relying party's ui_locales, as it sent them. */
  uiLocales: unknown;
}

// One translator per language and time zone; the catalogues themselves are compiled once, at load.
const byZone = new Map<string, ReturnType<typeof translators>>();
function translatorsFor(timeZone: string) {
  let found = byZone.get(timeZone);
  if (!found) byZone.set(timeZone, (found = translators({ timeZone })));
  return found;
}

const BUILT_IN_TAGS = {
  strong: (chunks: (string | SafeHtml)[]) => html`<strong>${chunks}</strong>`,
  em: (chunks: (string | SafeHtml)[]) => html`<em>${chunks}</em>`,
  code: (chunks: (string | SafeHtml)[]) => html`<code>${chunks}</code>`,
};

function htmlMessages(translator: Translator): Translate {
  return (key, ...values) => {
    const parts = translator.parts<typeof key, SafeHtml>(key, { ...BUILT_IN_TAGS, ...values[0] } as never);
    return new SafeHtml(parts.map((part) => (typeof part === 'string' ? escapeHtml(part) : part.value)).join(''));
  };
}

/** The frame of a page in `locale`, for pages drawn without a request (tests, screenshots). */
export function frameIn(locale: Locale, settings: FrameSettings, returnTo?: string): Frame {
  const translator = translatorsFor(settings.displayTimeZone)[locale];
  return {
    locale,
    t: htmlMessages(translator),
    translator,
    issuerName: settings.issuerName,
    support: settings.support,
    logo: settings.brand.logo?.src,
    returnTo,
  };
}

/**
 * The frame for this request. Inside a sign-in (`signIn`), the language chosen from the relying
 * party's ui_locales is remembered in the cookie, for the pages after the sign-in (account, help).
 */
export function frameFor(
  ctx: Context,
  settings: FrameSettings,
  signIn?: SignInContext,
  options: { returnTo?: string } = {},
): Frame {
  const picked = decodePicked(ctx.cookies.get(LANGUAGE_COOKIE, { signed: false }));
  // oidc-provider's own pages (errors of /auth, logout) have the request's parameters in ctx.oidc.
  const asked = signIn
    ? signIn.uiLocales
    : (ctx as { oidc?: { params?: { ui_locales?: unknown } } }).oidc?.params?.ui_locales;
  const uiLocales = typeof asked === 'string' ? asked.slice(0, 200) : undefined;
  const locale = chooseLocale({
    uiLocales,
    signIn: signIn?.uid,
    picked,
    acceptLanguages: ctx.acceptsLanguages(),
    defaultLocale: settings.defaultLocale,
  });
  const fromRelyingParty = uiLocales !== undefined && firstSupported(uiLocales.split(' ')) === locale;
  if (signIn && fromRelyingParty && picked?.locale !== locale) remember(ctx, settings, { locale });
  // Our own pages come back to their path: a query parameter is never echoed into the page. A POST
  // answered with a page has no address to come back to; a sign-in's pages all come back to its step.
  const returnTo = signIn
    ? `/interaction/${encodeURIComponent(signIn.uid)}`
    : ctx.method === 'GET'
      ? (options.returnTo ?? ctx.path)
      : undefined;
  return frameIn(locale, settings, returnTo);
}

function remember(ctx: Context, settings: FrameSettings, picked: PickedLocale): void {
  ctx.cookies.set(LANGUAGE_COOKIE, encodePicked(picked), { ...ownCookie(settings.secureCookies), maxAge: YEAR_MS });
}

/** A way back to one of our own pages: a path on this origin, never another site. */
function localPath(value: string): string {
  return /^\/(?![/\\])[^\s\\]{0,2000}$/.test(value) ? value : '/';
}

/**
 * GET /language: remembers the language picked and goes back to the page it was picked on. A pick
 * on a sign-in's page names that sign-in: there it wins over the relying party's ui_locales.
 */
export function pickLanguage(ctx: Context, settings: FrameSettings, body: { lang: string; return: string }): void {
  const returnTo = localPath(body.return);
  const signIn = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(returnTo)?.[1];
  if (isLocale(body.lang)) remember(ctx, settings, { locale: body.lang, signIn });
  ctx.status = 303;
  ctx.redirect(returnTo);
}
