// Step 2 on a first sign-in: link an authenticator app. The QR code and the same key as text come
// from the server-side pending state; the form carries only the code typed back, so a wrong code
// enrols nothing and reloading shows the same key.
import { html, SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { appList } from './apps.js';
import { codeInput } from './code.js';
import { csrfField, formMessage, lostPhoneLink } from './form.js';

export interface EnrollPage {
  issuerName: string;
  uid: string;
  csrf: string;
  email: string;
  /** The QR code as an <svg> element, drawn by the `qrcode` library from the otpauth:// URI. */
  qrSvg: string;
  /** The key in groups of four, for typing by hand. */
  secretForHumans: string;
  error?: string | undefined;
  /** Why the page is shown (after a recovery code), when there is no error to show. */
  notice?: string | undefined;
}

export function enrollPage(page: EnrollPage): string {
  return layout({
    title: 'Set up your authenticator app',
    issuerName: page.issuerName,
    body: html`<h1>Set up your authenticator app</h1>
<p>${page.issuerName} asks for a code from an app on your phone each time you sign in. Link the app once, now:</p>
${page.error ? formMessage(page.error) : formMessage(page.notice, 'notice')}
<ol class="steps">
<li>Install an authenticator app on your phone, for example:${appList}</li>
<li>In the app, choose to add an account, then scan this QR code:
<div class="qr" role="img" aria-label="QR code for your authenticator app">${new SafeHtml(page.qrSvg)}</div></li>
<li>Cannot scan? Choose to enter a key instead and type this key (time-based) for ${page.email}:
<p class="secret" id="secret">${page.secretForHumans}</p></li>
<li>Type the 6-digit code the app now shows.</li>
</ol>
<form method="post" action="/interaction/${page.uid}/enroll">
${csrfField(page.csrf)}
${codeInput(page.error)}
<button type="submit">Confirm and sign in</button>
</form>
${lostPhoneLink}`,
  });
}
