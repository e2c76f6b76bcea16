// Pages for the sign-in limits: "too many attempts from here, try again in N minutes" (429), and
// "this account's authenticator is locked; an administrator must reset it". Both are plain message
// pages without a form: there is nothing to type until the wait is over.
import type { AttemptKind } from '../../src/signin/attempt-limits.js';
import { html } from '../html.js';
import type { Frame } from '../language.js';
import { messagePage, supportContact } from '../layout.js';
import { helpHref } from './help.js';
import { recoveryLink } from './recovery.js';

const help = (frame: Frame) =>
  html`<p class="help-link"><a href="${helpHref(frame)}">${frame.t('layout.help')}</a></p>${supportContact(frame)}`;

/** Whole minutes to wait, never 0 ("about a minute", "about 12 minutes" in the catalogue). */
export function minutesToWait(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** One whole sentence for each kind of attempt and scope. */
const SENTENCES = {
  password: { network: 'limits.password.network', account: 'limits.password.account' },
  code: { network: 'limits.code.network', account: 'limits.code.account' },
  // Counted per account only, from every address together.
  'recovery code': { network: 'limits.recovery_code', account: 'limits.recovery_code' },
  'sign-in': { network: 'limits.sign_in.network', account: 'limits.sign_in.account' },
} as const;

/**
 * `scope`: whether one email's (account's) attempts or all attempts from the network were too many.
 * Neither says whether an account has the email: both counters are kept for unknown emails too.
 * Recovery codes are also counted per account from every address together.
 */
export function tooManyAttemptsPage(
  frame: Frame,
  what: AttemptKind,
  scope: 'account' | 'network',
  retryAfterSeconds: number,
): string {
  // No switcher: it would name this sign-in, and the page must read the same for every email
  // (known or not) and every sign-in; the language was picked on the page before, if at all.
  const everyone = { ...frame, returnTo: undefined };
  return messagePage(
    everyone,
    frame.t('limits.title'),
    frame.t(SENTENCES[what][scope], { minutes: minutesToWait(retryAfterSeconds) }),
    help(everyone),
  );
}

/** Too many sign-ins started from one address and left unfinished (limit `interaction_per_ip`). */
export function tooManySignInsPage(frame: Frame, retryAfterSeconds: number): string {
  const everyone = { ...frame, returnTo: undefined };
  return messagePage(
    everyone,
    frame.t('limits.title'),
    frame.t('limits.open_sign_ins', { minutes: minutesToWait(retryAfterSeconds) }),
    help(everyone),
  );
}

/** `uid`: the sign-in the page is shown in, whose password was accepted (offers a recovery code). */
export function authenticatorLockedPage(frame: Frame, uid?: string): string {
  const { t } = frame;
  return messagePage(
    frame,
    t('locked.title'),
    t('locked.message'),
    html`${uid ? recoveryLink(frame, uid) : ''}<p>${t('locked.admin', { command: 'twofold user reset-mfa EMAIL' })}</p>${help(frame)}`,
  );
}
