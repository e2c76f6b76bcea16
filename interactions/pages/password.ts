// Step 1: email and password.
import { html } from '../html.js';
import type { Frame } from '../language.js';
import { layout } from '../layout.js';
import { csrfField, describedBy, formMessage, lostPhoneLink, type PlainMessage } from './form.js';

export interface PasswordPage {
  frame: Frame;
  uid: string;
  csrf: string;
  clientName: string;
  email?: string | undefined;
  error?: PlainMessage | undefined;
  /** Why the person is asked again (the sign-in started over), shown above the form. */
  notice?: PlainMessage | undefined;
}

export function passwordPage(page: PasswordPage): string {
  const { t } = page.frame;
  const message = page.error ?? page.notice;
  return layout({
    frame: page.frame,
    title: t('password.title'),
    body: html`<h1>${t('password.title')}</h1>
<p class="muted">${t('password.to_continue', { client: page.clientName })}</p>
${formMessage(page.frame, message, page.error ? 'error' : 'notice')}
<form method="post" action="/interaction/${page.uid}/password">
${csrfField(page.csrf)}
<label for="email">${t('password.email')}</label>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="${page.email ?? ''}"${page.email ? html`` : html` autofocus`}${describedBy(message)}>
<label for="password">${t('password.password')}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"${page.email ? html` autofocus` : html``}${describedBy(page.error)}>
<button type="submit">${t('password.continue')}</button>
</form>
${lostPhoneLink(page.frame)}`,
  });
}
