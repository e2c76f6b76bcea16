// /help/authenticator: setting up each app we name, codes that are refused, a replaced or lost
// phone, who to ask, and the way back to the sign-in (or account page) the person came from.
import { html, type SafeHtml } from '../html.js';
import type { Frame } from '../language.js';
import { layout, supportContact } from '../layout.js';
import { appList } from './apps.js';

const HELP_PATH = '/help/authenticator';

// The only pages the help page leads back to: a sign-in's step, or the account page. Anything else
// in `?return=` (another site, `//evil`, a script URL) is ignored, so the link cannot be turned into
// an open redirect or a phishing hop.
const RETURN_PATH = /^\/(interaction\/[A-Za-z0-9_-]{1,64}|account)$/;

/** `value` when it is a page the help page may lead back to; undefined otherwise. */
export function returnPath(value: unknown): string | undefined {
  return typeof value === 'string' && RETURN_PATH.test(value) ? value : undefined;
}

/** The help page's address, with the way back to the page `frame` is (when it is one to go back to). */
export function helpHref(frame: Frame): string {
  return helpPath(returnPath(frame.returnTo));
}

/** The help page's address leading back to `back` (the switcher comes back to it too). */
export function helpPath(back: string | undefined): string {
  return back ? `${HELP_PATH}?return=${back}` : HELP_PATH;
}

// Each app's own words for its menus, as the app shows them in the page's language.
const APP_STEPS = [
  { name: 'Google Authenticator', key: 'help.app.google' },
  { name: 'Microsoft Authenticator', key: 'help.app.microsoft' },
  { name: 'Duo Mobile', key: 'help.app.duo' },
  { name: 'Okta Verify', key: 'help.app.okta' },
  { name: 'LastPass Authenticator', key: 'help.app.lastpass' },
] as const;

function backLink(frame: Frame, back: string | undefined): SafeHtml {
  if (!back) return html``;
  const label = back === '/account' ? frame.t('help.back_account') : frame.t('help.back_sign_in');
  return html`<p class="back"><a href="${back}">${label}</a></p>`;
}

/** `back`: the sign-in step or account page the person came from (already checked by returnPath). */
export function helpPage(frame: Frame, back?: string): string {
  const { t, issuerName: issuer } = frame;
  const contact = supportContact(frame);
  return layout({
    frame,
    title: t('help.title'),
    body: html`${backLink(frame, back)}
<h1>${t('help.heading')}</h1>
<p>${t('help.intro', { issuer })}</p>
<h2>${t('help.setup.heading')}</h2>
<ol class="steps">
<li>${t('help.setup.install')}${appList}</li>
<li>${t('help.setup.sign_in', { issuer })}</li>
<li>${t('help.setup.scan')}</li>
<li>${t('help.setup.code', { issuer })}</li>
</ol>
<h2 id="apps">${t('help.apps.heading')}</h2>
<p>${t('help.apps.intro')}</p>
${APP_STEPS.map(
  ({ name, key }) => html`<h3>${name}</h3>
<p>${t(key)}</p>`,
)}
<h2 id="refused">${t('help.refused.heading')}</h2>
<ul>
<li>${t('help.refused.clock')}</li>
<li>${t('help.refused.clock_iphone')}</li>
<li>${t('help.refused.clock_android')}</li>
<li>${t('help.refused.every_30s')}</li>
<li>${t('help.refused.once')}</li>
</ul>
<h2>${t('help.codes.heading')}</h2>
<p>${t('help.codes.text', { issuer, account: (chunks) => html`<a href="/account">${chunks}</a>` })}</p>
<h2 id="replace">${t('help.replace.heading')}</h2>
<ol class="steps">
<li>${t('help.replace.add', { account: (chunks) => html`<a href="/account">${chunks}</a>` })}</li>
<li>${t('help.replace.remove')}</li>
<li>${t('help.replace.delete_entry', { issuer })}</li>
</ol>
<h2 id="lost">${t('help.lost.heading')}</h2>
<ol class="steps">
<li>${t('help.lost.sign_in')}</li>
<li>${t('help.lost.choose', { link: t('link.recovery') })}</li>
<li>${t('help.lost.type')}</li>
<li>${t('help.lost.link')}</li>
<li>${t('help.lost.delete_entry', { issuer })}</li>
</ol>
<p>${t('help.lost.none_left')}</p>
<h2 id="contact">${t('help.contact.heading')}</h2>
${contact ?? html`<p>${t('help.contact.administrator', { issuer })}</p>`}
${backLink(frame, back)}`,
  });
}
