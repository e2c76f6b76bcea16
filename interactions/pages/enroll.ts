// Step 2 on a first sign-in: link an authenticator app. The QR code and the same key as text come
// from the server-side pending state; the form carries only the code typed back (and the name the
// person gives the app, optional), so a wrong code enrols nothing and reloading shows the same key.
import { html, SafeHtml } from '../html.js';
import type { Frame } from '../language.js';
import { layout } from '../layout.js';
import { appList } from './apps.js';
import { codeInput } from './code.js';
import { csrfField, formMessage, lostPhoneLink, type PlainMessage } from './form.js';

export interface EnrollPage {
  frame: Frame;
  uid: string;
  csrf: string;
  email: string;
  /** The QR code as an <svg> element, drawn by the `qrcode` library from the otpauth:// URI. */
  qrSvg: string;
  /** The otpauth:// URI the QR code holds, as a link for a phone that cannot scan its own screen. */
  keyUri: string;
  /** The key in groups of four, for typing by hand. */
  secretForHumans: string;
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
<ol class="steps">
<li>${t('enroll.install')}${appList}</li>
<li>${t('enroll.scan')}
<div class="qr" role="img" aria-label="${t('enroll.qr_label')}">${new SafeHtml(page.qrSvg)}</div>
<p><a href="${page.keyUri}">${t('enroll.open_in_app')}</a></p></li>
<li>${t('enroll.key', { email: page.email })}
<p class="secret" id="secret">${page.secretForHumans}</p></li>
<li>${t('enroll.type_code')}</li>
</ol>
<form method="post" action="/interaction/${page.uid}/enroll">
${csrfField(page.csrf)}
<label for="name">${t('enroll.name')}</label>
<input id="name" name="name" type="text" maxlength="40" autocomplete="off" value="${page.name ?? ''}">
${codeInput(page.frame, page.error, { autofocus: false })}
<button type="submit">${t('enroll.confirm')}</button>
</form>
${lostPhoneLink(page.frame)}`,
  });
}
