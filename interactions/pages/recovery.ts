// Step 2 without the phone: one field for a recovery code. Reached from the code page (and the
// locked page) of a sign-in whose password was accepted, never before.
import { html } from '../html.js';
import { layout } from '../layout.js';
import { csrfField, describedBy, formMessage } from './form.js';

export interface RecoveryPage {
  issuerName: string;
  uid: string;
  csrf: string;
  email: string;
  error?: string | undefined;
}

export function recoveryPage(page: RecoveryPage): string {
  return layout({
    title: 'Use a recovery code',
    issuerName: page.issuerName,
    body: html`<h1>Use a recovery code</h1>
<p>Type one of the recovery codes you saved when you linked your authenticator app (${page.email}). Each code works once.</p>
<p>When the code is accepted, your old app is unlinked and you are signed out everywhere else; then you link the app on your new phone.</p>
${formMessage(page.error)}
<form method="post" action="/interaction/${page.uid}/recovery">
${csrfField(page.csrf)}
<label for="recovery_code">Recovery code</label>
<input id="recovery_code" name="recovery_code" class="recovery" type="text" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="100" required autofocus${describedBy(page.error)}>
<button type="submit">Use this code</button>
</form>
<p class="help-link"><a href="/interaction/${page.uid}">Back to the code from your app</a></p>`,
  });
}

/** The way to the recovery form, on the pages of a sign-in whose password was accepted. */
export const recoveryLink = (uid: string) =>
  html`<p class="help-link"><a href="/interaction/${uid}/recovery">Can’t use your app? Use a recovery code</a></p>`;
