// Step 2 for an enrolled account: one field for the six digits the app shows.
import { html, type SafeHtml } from '../html.js';
import type { Frame } from '../language.js';
import { layout } from '../layout.js';
import { csrfField, describedBy, formMessage, lostPhoneLink, type PlainMessage } from './form.js';
import { recoveryLink } from './recovery.js';

export interface CodePage {
  frame: Frame;
  uid: string;
  csrf: string;
  email: string;
  error?: PlainMessage | undefined;
}

/**
 * The code input: digits on phone keyboards, filled in by password managers that know OTPs.
 * `autofocus` only where the field is the page's first business: focusing a field scrolls to it
 * (and opens a phone's keyboard), which on the enrolment page would hide its heading and steps.
 */
export function codeInput(frame: Frame, error: string | undefined, { autofocus = true } = {}): SafeHtml {
  return html`<label for="code">${frame.t('code.label')}</label>
<input id="code" name="code" class="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{3}( |-)?[0-9]{3}" maxlength="7" minlength="6" required${autofocus ? html` autofocus` : html``}${describedBy(error)}>`;
}

export function codePage(page: CodePage): string {
  const { t, issuerName } = page.frame;
  return layout({
    frame: page.frame,
    title: t('code.title'),
    body: html`<h1>${t('code.title')}</h1>
<p>${t('code.intro', { issuer: issuerName, email: page.email })}</p>
${formMessage(page.frame, page.error)}
<form method="post" action="/interaction/${page.uid}/code">
${csrfField(page.csrf)}
${codeInput(page.frame, page.error)}
<button type="submit">${t('code.submit')}</button>
</form>
${recoveryLink(page.frame, page.uid)}
${lostPhoneLink(page.frame)}`,
  });
}
