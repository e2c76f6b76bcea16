// Step 1: email and password.
import { html } from '../html.js';
import { layout } from '../layout.js';
import { csrfField, describedBy, formMessage, lostPhoneLink } from './form.js';

export interface PasswordPage {
  issuerName: string;
  uid: string;
  csrf: string;
  clientName: string;
  email?: string | undefined;
  error?: string | undefined;
  /** Why the person is asked again (the sign-in started over), shown above the form. */
  notice?: string | undefined;
}

export function passwordPage(page: PasswordPage): string {
  const message = page.error ?? page.notice;
  return layout({
    title: 'Sign in',
    issuerName: page.issuerName,
    body: html`<h1>Sign in</h1>
<p class="muted">to continue to ${page.clientName}</p>
${formMessage(message, page.error ? 'error' : 'notice')}
<form method="post" action="/interaction/${page.uid}/password">
${csrfField(page.csrf)}
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="username" required maxlength="254" value="${page.email ?? ''}"${page.email ? html`` : html` autofocus`}${describedBy(message)}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"${page.email ? html` autofocus` : html``}${describedBy(page.error)}>
<button type="submit">Continue</button>
</form>
${lostPhoneLink}`,
  });
}
