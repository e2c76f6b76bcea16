// Pieces every hosted form shares: the CSRF field, an error announced to screen readers and tied to
// the field it is about, and the way out to the help page.
import { html, type SafeHtml } from '../html.js';

export const ERROR_ID = 'form-error';

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${token}">`;
}

/** An error (role="alert", read out at once) or a notice; fields point at it with aria-describedby. */
export function formMessage(message: string | undefined, kind: 'error' | 'notice' = 'error'): SafeHtml {
  if (!message) return html``;
  return html`<p id="${ERROR_ID}" class="${kind === 'error' ? 'error' : 'notice'}" role="alert">${message}</p>`;
}

/** aria attributes for a field the current error is about. */
export function describedBy(message: string | undefined): SafeHtml {
  return message ? html` aria-describedby="${ERROR_ID}" aria-invalid="true"` : html``;
}

export const lostPhoneLink = html`<p class="help-link"><a href="/help/authenticator">Lost your phone?</a></p>`;
