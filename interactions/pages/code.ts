// Step 2 for an enrolled account: one field for the six digits the app shows.
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { csrfField, describedBy, formMessage, lostPhoneLink } from './form.js';
import { recoveryLink } from './recovery.js';

export interface CodePage {
  issuerName: string;
  uid: string;
  csrf: string;
  email: string;
  error?: string | undefined;
}

/** The code input: digits on phone keyboards, filled in by password managers that know OTPs. */
export function codeInput(error: string | undefined): SafeHtml {
  return html`<label for="code">6-digit code</label>
<input id="code" name="code" class="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" minlength="6" required autofocus${describedBy(error)}>`;
}

export function codePage(page: CodePage): string {
  return layout({
    title: 'Enter your code',
    issuerName: page.issuerName,
    body: html`<h1>Enter your code</h1>
<p>Open your authenticator app and type the 6-digit code it shows for <strong>${page.issuerName}</strong> (${page.email}).</p>
${formMessage(page.error)}
<form method="post" action="/interaction/${page.uid}/code">
${csrfField(page.csrf)}
${codeInput(page.error)}
<button type="submit">Sign in</button>
</form>
${recoveryLink(page.uid)}
${lostPhoneLink}`,
  });
}
