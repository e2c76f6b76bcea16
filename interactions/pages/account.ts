// The account portal's pages (/account): who is signed in, their authenticator apps, their
// password (changed here), where they are signed in, the applications they let in, how this
// session signed in, and sign-out. Plain HTML forms, no script; every value escaped by `html`.
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../src/accounts/password.js';
import { ERROR_ID } from './form.js';
import { html, type SafeHtml } from '../html.js';
import type { Frame } from '../language.js';
import { layout, problemPage } from '../layout.js';
import { appsSection, sessionsSection, when } from './account-lists.js';
import type { AccountSession } from '../../src/account-security/sessions.js';
import type { ConnectedApp } from '../../src/account-security/connected-apps.js';
import { authenticatorsSection, type AuthenticatorsInput } from './account-authenticators.js';

export type { AuthenticatorView } from './account-authenticators.js';

/** What the page says at its top after a change (`?done=`), from a fixed list. */
export const ACCOUNT_NOTICES = [
  'signed_in_again',
  'session_ended',
  'session_not_found',
  'other_sessions_ended',
  'app_revoked',
  'app_not_found',
  'codes_already_replaced',
  'authenticator_added',
  'authenticator_already_added',
  'authenticator_renamed',
  'authenticator_removed',
  'authenticator_not_found',
  'authenticator_name_invalid',
  'authenticator_last',
  'authenticator_too_many',
] as const;
export type AccountNotice = (typeof ACCOUNT_NOTICES)[number];

/** Notices that say a change was refused: shown as an error and read out at once. */
const REFUSALS: ReadonlySet<AccountNotice> = new Set([
  'codes_already_replaced',
  'authenticator_name_invalid',
  'authenticator_last',
  'authenticator_too_many',
]);

export interface AccountPageInput extends AuthenticatorsInput {
  frame: Frame;
  email: string | null;
  amr: string[];
  authTime: number | null;
  /** How long after a full sign-in changes are allowed (ACCOUNT_REAUTH_WINDOW). */
  reauthWindowSeconds: number;
  /** Unused recovery codes; null when there is no app (codes come with linking one). */
  recoveryCodesLeft: number | null;
  /** Names the set the page shows the count of: the form replaces that set, once. */
  recoveryCodeSet: string;
  recoveryCodesAction: string;
  passwordAction: string;
  /** What the last password change said: refused and why, or done. */
  password?: PasswordOutcome | undefined;
  notice?: AccountNotice | undefined;
  sessions: AccountSession[];
  endSessionAction: string;
  endOtherSessionsAction: string;
  apps: ConnectedApp[];
  revokeAppAction: string;
  csrfToken: string;
  signOutAction: string;
}

/** Why a password change was refused (the rule a new password broke, by name), or `changed`. */
export type PasswordOutcome = 'changed' | 'missing' | 'wrong' | 'mismatch' | 'too_short' | 'too_long' | 'too_common';

// RFC 8176 method references a person can be told about in words.
const METHODS = ['pwd', 'otp', 'hwk', 'swk', 'sms', 'face', 'fpt'] as const;
type Method = (typeof METHODS)[number];
const isMethod = (m: string): m is Method => (METHODS as readonly string[]).includes(m);

/** "You signed in with your password and a one-time code …", from ["pwd","otp","mfa"]. */
export function describeAmr({ t, translator }: Frame, amr: string[]): SafeHtml {
  const methods = amr
    .filter((m) => m !== 'mfa')
    .map((m) =>
      isMethod(m)
        ? translator.text(`account.session.method.${m}`)
        : translator.text('account.session.method.other', { method: m }),
    );
  // Joined by Intl.ListFormat: each language's own "a, b and c".
  const list = methods.length ? translator.list(methods) : translator.text('account.session.method.unknown');
  return amr.includes('mfa')
    ? t('account.session.methods_two_step', { methods: list })
    : t('account.session.methods', { methods: list });
}

function recoveryCodesSection({ t }: Frame, left: number, set: string, action: string, csrfToken: string) {
  return html`<section aria-labelledby="recovery-heading">
<h2 id="recovery-heading">${t('account.codes.heading')}</h2>
<p id="recovery-codes-left">${t('account.codes.left', { count: left })}</p>
<p><small>${t('account.codes.why')}</small></p>
<form method="post" action="${action}">
<input type="hidden" name="csrf" value="${csrfToken}">
<input type="hidden" name="set" value="${set}">
<button type="submit" class="secondary">${t('account.codes.generate')}</button>
</form>
</section>`;
}

function passwordMessage({ t }: Frame, outcome: PasswordOutcome): SafeHtml {
  switch (outcome) {
    case 'changed':
      return html`<p id="${ERROR_ID}" class="notice" role="status">${t('account.password.changed')}</p>`;
    case 'too_short':
      return html`<p id="${ERROR_ID}" class="error" role="alert">${t('account.password.too_short', { min: String(MIN_PASSWORD_LENGTH) })}</p>`;
    case 'too_long':
      return html`<p id="${ERROR_ID}" class="error" role="alert">${t('account.password.too_long', { max: String(MAX_PASSWORD_LENGTH) })}</p>`;
    default:
      return html`<p id="${ERROR_ID}" class="error" role="alert">${t(`account.password.${outcome}`)}</p>`;
  }
}

function passwordSection(frame: Frame, action: string, csrfToken: string, outcome: PasswordOutcome | undefined) {
  const { t } = frame;
  // The fields point at the message when it is about them; "changed" is about none.
  const about = outcome && outcome !== 'changed' ? html` aria-describedby="${ERROR_ID}" aria-invalid="true"` : html``;
  return html`<section aria-labelledby="password-heading">
<h2 id="password-heading">${t('account.password.heading')}</h2>
${outcome ? passwordMessage(frame, outcome) : ''}
<p><small>${t('account.password.intro')}</small></p>
<form method="post" action="${action}">
<input type="hidden" name="csrf" value="${csrfToken}">
<label for="current_password">${t('account.password.current')}</label>
<input id="current_password" name="current_password" type="password" autocomplete="current-password" required maxlength="${MAX_PASSWORD_LENGTH}"${outcome === 'wrong' ? about : ''}>
<label for="new_password">${t('account.password.new')}</label>
<input id="new_password" name="new_password" type="password" autocomplete="new-password" required minlength="${MIN_PASSWORD_LENGTH}" maxlength="${MAX_PASSWORD_LENGTH}"${outcome === 'wrong' ? '' : about}>
<p><small>${t('account.password.rules', { min: String(MIN_PASSWORD_LENGTH) })}</small></p>
<label for="confirm_password">${t('account.password.confirm')}</label>
<input id="confirm_password" name="confirm_password" type="password" autocomplete="new-password" required maxlength="${MAX_PASSWORD_LENGTH}"${outcome === 'mismatch' ? about : ''}>
<button type="submit" class="secondary">${t('account.password.submit')}</button>
</form>
</section>`;
}

function noticeLine({ t }: Frame, notice: AccountNotice): SafeHtml {
  const refused = REFUSALS.has(notice);
  return html`<p id="account-notice" class="${refused ? 'error' : 'notice'}" role="${refused ? 'alert' : 'status'}">${t(`account.notice.${notice}`)}</p>`;
}

export function accountPage(input: AccountPageInput): string {
  const { frame } = input;
  const { t } = frame;
  const email = html`<strong id="account-email">${input.email ?? t('account.no_email')}</strong>`;
  return layout({
    frame,
    title: t('account.title'),
    body: html`<h1>${t('account.title')}</h1>
<p>${t('account.signed_in_as', { email })}</p>
${input.notice ? noticeLine(frame, input.notice) : ''}
<p><small>${t('account.reauth_rule', { minutes: Math.round(input.reauthWindowSeconds / 60) })}</small></p>

${authenticatorsSection(frame, input)}

${input.recoveryCodesLeft === null ? '' : recoveryCodesSection(frame, input.recoveryCodesLeft, input.recoveryCodeSet, input.recoveryCodesAction, input.csrfToken)}

${passwordSection(frame, input.passwordAction, input.csrfToken, input.password)}

${sessionsSection(frame, input)}

${appsSection(frame, input)}

<section aria-labelledby="session-heading">
<h2 id="session-heading">${t('account.session.heading')}</h2>
<p id="sign-in-methods">${describeAmr(frame, input.amr)}</p>
${input.authTime ? html`<dl><dt>${t('account.session.since')}</dt><dd>${when(frame, new Date(input.authTime * 1000))}</dd></dl>` : ''}
</section>

<form method="post" action="${input.signOutAction}">
<input type="hidden" name="csrf" value="${input.csrfToken}">
<button type="submit" class="secondary">${t('account.sign_out')}</button>
</form>`,
  });
}

export function signedOutPage(frame: Frame, signInHref: string): string {
  const { t } = frame;
  return layout({
    frame,
    title: t('signed_out.title'),
    body: html`<h1>${t('signed_out.heading')}</h1>
<p>${t('signed_out.message', { issuer: frame.issuerName })}</p>
<p><a href="${signInHref}">${t('signed_out.again')}</a></p>`,
  });
}

export type PortalProblem = 'denied' | 'invalid' | 'unavailable' | 'expired-form';

const PROBLEMS = {
  denied: 'portal_denied',
  invalid: 'portal_invalid',
  unavailable: 'portal_unavailable',
  'expired-form': 'portal_expired_form',
} as const;

/** A problem on the portal's side of the sign-in, in plain words, with a way forward. */
export function portalProblemPage(frame: Frame, problem: PortalProblem, accountHref: string): string {
  return problemPage(frame, PROBLEMS[problem], html`<p><a href="${accountHref}">${frame.t('account.go')}</a></p>`);
}
