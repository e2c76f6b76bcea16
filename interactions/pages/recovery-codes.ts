// The page that shows a fresh set of recovery codes, once: after an enrolment is confirmed (before
// the sign-in continues) and after "Generate new recovery codes" on the account page. The codes
// are in this page only, never in a URL or a form field; the page is never cached (no-store).
import { html, type SafeHtml } from '../html.js';
import { layout } from '../layout.js';
import { csrfField } from './form.js';

const EXPLANATION = html`<p>If you lose your phone, a recovery code lets you sign in and link the app on a new phone. <strong>Each code works once.</strong> Keep them somewhere safe, not on your phone: print them, write them down, or store them in a password manager.</p>
<p>These codes are shown only now. Any codes you had before no longer work.</p>`;

function codeList(codes: readonly string[]): SafeHtml {
  return html`<ol class="recovery-codes" id="recovery-codes">${codes.map((code) => html`<li><code>${code}</code></li>`)}</ol>`;
}

export interface SignInRecoveryCodesPage {
  issuerName: string;
  uid: string;
  csrf: string;
  /** The fresh codes, or undefined when they were shown already (a reload). */
  codes?: readonly string[] | undefined;
}

/** In the sign-in, between the accepted enrolment code and the way back to the application. */
export function signInRecoveryCodesPage(page: SignInRecoveryCodesPage): string {
  const action = `/interaction/${page.uid}/recovery-codes`;
  const body = page.codes
    ? html`${EXPLANATION}${codeList(page.codes)}
<form method="post" action="${action}">
${csrfField(page.csrf)}
<button type="submit" name="next" value="continue">I have saved these codes — continue</button>
</form>`
    : html`<p role="alert">Your recovery codes were shown once, on the page after your app was linked. For your safety they are not shown again.</p>
<p>If you did not save them, get a new set now: the set shown before then stops working.</p>
<form method="post" action="${action}">
${csrfField(page.csrf)}
<div class="row">
<button type="submit" name="next" value="new" class="secondary">Show a new set</button>
<button type="submit" name="next" value="continue">Continue</button>
</div>
</form>`;
  return layout({
    title: 'Save your recovery codes',
    issuerName: page.issuerName,
    body: html`<h1>Save your recovery codes</h1>${body}`,
  });
}

/** On the account page, after "Generate new recovery codes". */
export function accountRecoveryCodesPage(issuerName: string, codes: readonly string[], accountHref: string): string {
  return layout({
    title: 'Your new recovery codes',
    issuerName,
    body: html`<h1>Your new recovery codes</h1>${EXPLANATION}${codeList(codes)}
<p><a href="${accountHref}">I have saved these codes — back to your account</a></p>`,
  });
}
