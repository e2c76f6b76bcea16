// The page that shows a fresh set of recovery codes, once: after an enrolment is confirmed (before
// the sign-in continues) and after "Generate new recovery codes" on the account page. The codes
// are in this page only, never in a URL or a form field; the page is never cached (no-store). It
// has no language switcher: switching would reload the page, and the codes are not shown twice.
import { html, type SafeHtml } from '../html.js';
import type { Frame } from '../language.js';
import { layout } from '../layout.js';
import { csrfField } from './form.js';

const explanation = ({ t }: Frame) => html`<p>${t('codes.why')}</p>
<p>${t('codes.only_now')}</p>`;

function codeList(frame: Frame, codes: readonly string[], email: string): SafeHtml {
  // The file is made here, in the page's own response: the codes exist nowhere else to fetch later.
  const file = [frame.translator.text('codes.file_heading', { issuer: frame.issuerName, email }), '', ...codes, ''];
  const href = `data:text/plain;charset=utf-8,${encodeURIComponent(file.join('\r\n'))}`;
  return html`<ol class="recovery-codes" id="recovery-codes">${codes.map((code) => html`<li><code>${code}</code></li>`)}</ol>
<p><a href="${href}" download="recovery-codes.txt">${frame.t('codes.download')}</a></p>`;
}

export interface SignInRecoveryCodesPage {
  frame: Frame;
  uid: string;
  csrf: string;
  /** The fresh codes, or undefined when they were shown already (a reload). */
  codes?: readonly string[] | undefined;
  /** Whose codes they are (named in the downloaded file). */
  email?: string | undefined;
}

/** In the sign-in, between the accepted enrolment code and the way back to the application. */
export function signInRecoveryCodesPage(page: SignInRecoveryCodesPage): string {
  const { t } = page.frame;
  const action = `/interaction/${page.uid}/recovery-codes`;
  const body = page.codes
    ? html`${explanation(page.frame)}${codeList(page.frame, page.codes, page.email ?? '')}
<form method="post" action="${action}">
${csrfField(page.csrf)}
<button type="submit" name="next" value="continue">${t('codes.saved_continue')}</button>
</form>`
    : html`<p role="alert">${t('codes.shown_once')}</p>
<p>${t('codes.new_set_hint')}</p>
<form method="post" action="${action}">
${csrfField(page.csrf)}
<div class="row">
<button type="submit" name="next" value="new" class="secondary">${t('codes.show_new')}</button>
<button type="submit" name="next" value="continue">${t('codes.continue')}</button>
</div>
</form>`;
  return layout({
    frame: page.codes ? { ...page.frame, returnTo: undefined } : page.frame,
    title: t('codes.title'),
    body: html`<h1>${t('codes.title')}</h1>${body}`,
  });
}

/** On the account page, after "Generate new recovery codes". */
export function accountRecoveryCodesPage(
  frame: Frame,
  codes: readonly string[],
  email: string,
  accountHref: string,
): string {
  const { t } = frame;
  return layout({
    frame: { ...frame, returnTo: undefined },
    title: t('codes.account_title'),
    body: html`<h1>${t('codes.account_title')}</h1>${explanation(frame)}${codeList(frame, codes, email)}
<p><a href="${accountHref}">${t('codes.saved_back')}</a></p>`,
  });
}
