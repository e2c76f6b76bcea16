// Pieces every hosted form shares: the CSRF field, an error announced to screen readers and tied to
// the field it is about, and the way out to the help page.
import type { ArgumentList, MessageKey } from '../../src/i18n/translator.js';
import { html, type SafeHtml } from '../html.js';
import type { Frame } from '../language.js';
import { helpHref } from './help.js';

export const ERROR_ID = 'form-error';

/** A message that takes no arguments: what a step hands a page as its error or notice. */
export type PlainMessage = { [K in MessageKey]: ArgumentList<K, SafeHtml> extends [] ? K : never }[MessageKey];

export function csrfField(token: string): SafeHtml {
  return html`<input type="hidden" name="csrf" value="${token}">`;
}

/** An error (role="alert", read out at once) or a notice; fields point at it with aria-describedby. */
export function formMessage(
  frame: Frame,
  message: PlainMessage | undefined,
  kind: 'error' | 'notice' = 'error',
): SafeHtml {
  if (!message) return html``;
  return html`<p id="${ERROR_ID}" class="${kind === 'error' ? 'error' : 'notice'}" role="alert">${frame.t(message)}</p>`;
}

/** aria attributes for a field the current error is about. */
export function describedBy(message: string | undefined): SafeHtml {
  return message ? html` aria-describedby="${ERROR_ID}" aria-invalid="true"` : html``;
}

export const lostPhoneLink = (frame: Frame) =>
  html`<p class="help-link"><a href="${helpHref(frame)}">${frame.t('link.lost_phone')}</a></p>`;
