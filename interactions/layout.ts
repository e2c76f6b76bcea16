// The frame every hosted page shares: one stylesheet, no script, readable on a phone, in the
// person's language (`<html lang>` matches it), with a language switcher: plain links, so it works
// without script and adds no form to pages that have nothing to submit.
import { LOCALE_NAMES, LOCALES } from '../src/i18n/locales.js';
import type { MessageKey } from '../src/i18n/translator.js';
import { html, type SafeHtml } from './html.js';
import type { Frame } from './language.js';

export interface PageOptions {
  frame: Frame;
  title: SafeHtml;
  body: SafeHtml;
}

/** Every language, each named in itself; a link to another one comes back to this page in it. */
function switcher(frame: Frame): SafeHtml {
  const { returnTo } = frame;
  if (returnTo === undefined) return html``;
  // Slashes stay readable in the query (RFC 3986 §3.4 allows them): `return=/interaction/…`.
  const back = encodeURIComponent(returnTo).replaceAll('%2F', '/');
  const href = (locale: string) => `/language?lang=${locale}&return=${back}`;
  return html`<nav class="languages" aria-label="${frame.t('layout.languages')}"><ul>
${LOCALES.map((locale) =>
  locale === frame.locale
    ? html`<li><span lang="${locale}" aria-current="true">${LOCALE_NAMES[locale]}</span></li>`
    : html`<li><a href="${href(locale)}" lang="${locale}" hreflang="${locale}">${LOCALE_NAMES[locale]}</a></li>`,
)}
</ul></nav>`;
}

export function layout({ frame, title, body }: PageOptions): string {
  return html`<!doctype html>
<html lang="${frame.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${frame.t('layout.title', { page: title, issuer: frame.issuerName })}</title>
<link rel="stylesheet" href="/static/style.css">
</head>
<body>
<main class="card">
<p class="brand">${frame.logo ? html`<img class="logo" src="${frame.logo}" alt="">` : ''}${frame.issuerName}</p>
${body}
</main>
${switcher(frame)}
</body>
</html>
`.value;
}

/**
 * Who to ask (SUPPORT_URL, SUPPORT_EMAIL), as one sentence; undefined when neither is configured.
 * The help, lock and error pages show it.
 */
export function supportContact(frame: Frame): SafeHtml | undefined {
  const { url, email } = frame.support;
  const link = (chunks: (string | SafeHtml)[]) => html`<a href="${url}">${chunks}</a>`;
  const mail = (chunks: (string | SafeHtml)[]) => html`<a href="mailto:${email}">${chunks}</a>`;
  if (url && email) return html`<p class="support">${frame.t('support.both', { link, mail, email })}</p>`;
  if (url) return html`<p class="support">${frame.t('support.url', { link })}</p>`;
  if (email) return html`<p class="support">${frame.t('support.email', { mail, email })}</p>`;
  return undefined;
}

/** A page that explains a problem in plain words; never a stack trace. */
export function messagePage(frame: Frame, title: SafeHtml, message: SafeHtml, extra?: SafeHtml): string {
  return layout({
    frame,
    title,
    body: html`<h1>${title}</h1><p role="alert">${message}</p>${extra}`,
  });
}

/** The problems a page can explain: each is a `problem.<name>.title` and `.message` in the catalogue. */
export type ProblemName = MessageKey extends infer K ? (K extends `problem.${infer P}.title` ? P : never) : never;

/** The page of a problem named in the catalogue. */
export function problemPage(frame: Frame, problem: ProblemName, extra?: SafeHtml): string {
  return messagePage(
    frame,
    frame.t(`problem.${problem}.title`),
    frame.t(`problem.${problem}.message`),
    html`${extra}${supportContact(frame)}`,
  );
}
