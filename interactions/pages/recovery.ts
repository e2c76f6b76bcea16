// Step 2 without the phone: one field for a recovery code. Reached from the code page (and the
// locked page) of a sign-in whose password was accepted, never before.
import { html } from '../html.js';
import type { Frame } from '../language.js';
import { layout } from '../layout.js';
import { csrfField, describedBy, formMessage, type PlainMessage } from './form.js';

export interface RecoveryPage {
  frame: Frame;
  uid: string;
  csrf: string;
  email: string;
  error?: PlainMessage | undefined;
}

export function recoveryPage(page: RecoveryPage): string {
  const { t } = page.frame;
  return layout({
    frame: page.frame,
    title: t('recovery.title'),
    body: html`<h1>${t('recovery.title')}</h1>
<p>${t('recovery.intro', { email: page.email })}</p>
<p>${t('recovery.effect')}</p>
${formMessage(page.frame, page.error)}
<form method="post" action="/interaction/${page.uid}/recovery">
${csrfField(page.csrf)}
<label for="recovery_code">${t('recovery.label')}</label>
<input id="recovery_code" name="recovery_code" class="recovery" type="text" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="100" required autofocus${describedBy(page.error)}>
<button type="submit">${t('recovery.submit')}</button>
</form>
<p class="help-link"><a href="/interaction/${page.uid}">${t('recovery.back')}</a></p>`,
  });
}

/** The way to the recovery form, on the pages of a sign-in whose password was accepted. */
export const recoveryLink = (frame: Frame, uid: string) =>
  html`<p class="help-link"><a href="/interaction/${uid}/recovery">${frame.t('link.recovery')}</a></p>`;
