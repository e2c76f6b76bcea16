// Shown once, between a successful sign-in and the way back to the application, when someone tried
// to reuse one of the account's codes since the previous sign-in (OWASP ASVS 2.8.5). A plain form
// with a Continue button: it works without script.
import { html } from '../html.js';
import { layout } from '../layout.js';
import type { ReuseAttempt } from '../../src/signin/replay-notice.js';
import { MAX_LISTED } from '../../src/signin/replay-notice.js';
import { csrfField } from './form.js';

export interface ReplayNoticePage {
  issuerName: string;
  uid: string;
  csrf: string;
  attempts: ReuseAttempt[];
}

const when = (at: Date) => `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;

export function replayNoticePage(page: ReplayNoticePage): string {
  const listed = page.attempts.slice(0, MAX_LISTED);
  const more = page.attempts.length > MAX_LISTED ? html`<li>and more</li>` : html``;
  return layout({
    title: 'Someone tried to reuse your code',
    issuerName: page.issuerName,
    body: html`<h1>Someone tried to reuse your code</h1>
<p role="alert">Since you last signed in, a code from your authenticator app was typed again after it had already been used. It was refused, and nobody signed in with it.</p>
<ul class="events">${listed.map((attempt) => html`<li>${when(attempt.at)}${attempt.ip ? html`, from network address ${attempt.ip}` : html``}</li>`)}${more}</ul>
<p>If this was not you, someone may know your password and have seen one of your codes. Tell your administrator.</p>
<form method="post" action="/interaction/${page.uid}/continue">
${csrfField(page.csrf)}
<button type="submit">Continue</button>
</form>`,
  });
}
