// Step 2 on a first sign-in: link an authenticator app. The QR code and the same key as text come
// from the server-side pending state; the form carries only the code typed back (and the name the
// person gives the app, optional), so a wrong code enrols nothing and reloading shows the same key.
import { html } from '../html.js';
import type { Frame } from '../language.js';
import { layout } from '../layout.js';
import { appLinkSteps, appNameField, type AppLink } from './app-link.js';
import { codeInput } from './code.js';
import { csrfField, formMessage, lostPhoneLink, type PlainMessage } from './form.js';

export interface EnrollPage {
  frame: Frame;
  uid: string;
  csrf: string;
  email: string;
  link: AppLink;
  error?: PlainMessage | undefined;
  /** The name typed for the app, shown again with an error. */
  name?: string | undefined;
  /** Why the page is shown (after a recovery code), when there is no error to show. */
  notice?: PlainMessage | undefined;
}

export function enrollPage(page: EnrollPage): string {
  const { t, issuerName } = page.frame;
  return layout({
    frame: page.frame,
    title: t('enroll.title'),
    body: html`<h1>${t('enroll.title')}</h1>
<p>${t('enroll.intro', { issuer: issuerName })}</p>
${page.error ? formMessage(page.frame, page.error) : formMessage(page.frame, page.notice, 'notice')}
${appLinkSteps(page.frame, page.link, page.email)}
<form method="post" action="/interaction/${page.uid}/enroll">
${csrfField(page.csrf)}
${appNameField(page.frame, page.name)}
${codeInput(page.frame, page.error, { autofocus: false })}
<button type="submit">${t('enroll.confirm')}</button>
</form>
${lostPhoneLink(page.frame)}`,
  });
}
