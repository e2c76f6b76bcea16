// /account/authenticators/add: link another authenticator app beside the person's (a new phone, a
// spare). The same pieces as the sign-in's enrolment page (app-link.ts); the key stays server-side
// (src/account-security/pending-app.ts), the form carries only the name and the first code.
import { html } from '../html.js';
import type { Frame } from '../language.js';
import { layout } from '../layout.js';
import { appLinkSteps, appNameField, type AppLink } from './app-link.js';
import { codeInput } from './code.js';
import { csrfField, formMessage, lostPhoneLink } from './form.js';

/** Why the form is shown again. */
export const ADD_APP_ERRORS = [
  'account.add_app.name_invalid',
  'code.malformed',
  'enroll.wrong',
  'account.add_app.expired',
] as const;
export type AddAppError = (typeof ADD_APP_ERRORS)[number];

export interface AddAppPage {
  frame: Frame;
  email: string;
  link: AppLink;
  action: string;
  accountHref: string;
  csrfToken: string;
  error?: AddAppError | undefined;
  /** The name typed, shown again with an error. */
  name?: string | undefined;
}

export function addAppPage(page: AddAppPage): string {
  const { frame } = page;
  const { t } = frame;
  const aboutName = page.error === 'account.add_app.name_invalid';
  return layout({
    frame,
    title: t('account.add_app.title'),
    body: html`<h1>${t('account.add_app.title')}</h1>
<p>${t('account.add_app.intro', { issuer: frame.issuerName })}</p>
${formMessage(frame, page.error)}
${appLinkSteps(frame, page.link, page.email)}
<form method="post" action="${page.action}">
${csrfField(page.csrfToken)}
${appNameField(frame, page.name, { required: true, invalid: aboutName })}
${codeInput(frame, aboutName ? undefined : page.error, { autofocus: false })}
<button type="submit">${t('account.add_app.submit')}</button>
</form>
<p><a href="${page.accountHref}">${t('account.add_app.back')}</a></p>
${lostPhoneLink(frame)}`,
  });
}
