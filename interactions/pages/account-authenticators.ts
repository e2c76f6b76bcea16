// The account page's authenticator apps: each linked app (its name, when it was added and last
// used, whether it is locked, in words), a form to rename it and one to remove it (not offered for
// the last one: the page says to add the new phone first), and the way to add another. Every
// value is escaped by `html`; names are the person's own.
import { CATALOGUES } from '../../src/i18n/translator.js';
import { html, type SafeHtml } from '../html.js';
import type { Frame } from '../language.js';
import { helpPath } from './help.js';
import { when } from './account-lists.js';

export interface AuthenticatorView {
  id: string;
  label: string;
  addedAt: Date;
  lastUsedAt: Date | null;
  locked: boolean;
}

export interface AuthenticatorsInput {
  authenticators: AuthenticatorView[];
  /** How many apps an account may hold (MAX_AUTHENTICATORS). */
  maxAuthenticators: number;
  addAuthenticatorHref: string;
  renameAuthenticatorAction: string;
  removeAuthenticatorAction: string;
  csrfToken: string;
}

// Apps linked at sign-in without a name are all called this (in English, in the database): shown
// in the page's language.
const DEFAULT_APP_NAME = CATALOGUES.en['account.app.default_name'];

function appName({ t }: Frame, label: string): SafeHtml | string {
  return label === DEFAULT_APP_NAME ? t('account.app.default_name') : label;
}

function item(frame: Frame, input: AuthenticatorsInput, a: AuthenticatorView, i: number, only: boolean) {
  const { t } = frame;
  const n = String(i);
  const csrf = html`<input type="hidden" name="csrf" value="${input.csrfToken}">
<input type="hidden" name="authenticator" value="${a.id}">`;
  return html`<li class="authenticator">
<p><strong id="authenticator-${n}">${appName(frame, a.label)}</strong>${a.locked ? html` <strong class="error">${t('account.app.locked')}</strong>` : ''}</p>
${a.locked ? html`<p class="error">${t('account.app.locked_why')}</p>` : ''}
<dl>
<dt>${t('account.app.added')}</dt><dd>${when(frame, a.addedAt)}</dd>
<dt>${t('account.app.last_used')}</dt><dd>${a.lastUsedAt ? when(frame, a.lastUsedAt) : t('account.app.not_used')}</dd>
</dl>
<form method="post" action="${input.renameAuthenticatorAction}">
${csrf}
<label for="rename-${n}">${t('account.app.new_name')}</label>
<input id="rename-${n}" name="name" type="text" maxlength="40" autocomplete="off" required value="${appName(frame, a.label)}" aria-describedby="authenticator-${n}">
<button type="submit" class="secondary" aria-describedby="authenticator-${n}">${t('account.app.rename')}</button>
</form>
${
  only
    ? html`<p id="only-app"><small>${t('account.app.only_one')}</small></p>`
    : html`<form method="post" action="${input.removeAuthenticatorAction}">
${csrf}
<button type="submit" class="secondary" aria-describedby="authenticator-${n}">${t('account.app.remove')}</button>
</form>`
}
</li>`;
}

export function authenticatorsSection(frame: Frame, input: AuthenticatorsInput): SafeHtml {
  const { t } = frame;
  const apps = input.authenticators;
  const full = apps.length >= input.maxAuthenticators;
  return html`<section aria-labelledby="authenticator-heading">
<h2 id="authenticator-heading">${t('account.app.heading')}</h2>
${
  apps.length
    ? html`<p><small>${t('account.app.intro', { max: input.maxAuthenticators })}</small></p>
<ul class="authenticators">${apps.map((a, i) => item(frame, input, a, i, apps.length === 1))}</ul>
${
  full
    ? html`<p id="apps-full">${t('account.app.full', { max: input.maxAuthenticators })}</p>`
    : html`<p><a id="add-app" href="${input.addAuthenticatorHref}">${t('account.app.add')}</a></p>`
}`
    : html`<p>${t('account.app.none')}</p>`
}
<p><small>${t('account.app.lost', { help: (chunks) => html`<a href="${helpPath('/account')}">${chunks}</a>` })}</small></p>
</section>`;
}
