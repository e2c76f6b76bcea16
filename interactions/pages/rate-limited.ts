// Pages for the sign-in limits: "too many attempts from here, try again in N minutes" (429), and
// "this account's authenticator is locked; an administrator must reset it". Both are plain message
// pages without a form: there is nothing to type until the wait is over.
import { html } from '../html.js';
import { messagePage } from '../layout.js';
import { recoveryLink } from './recovery.js';

const help = html`<p class="help-link"><a href="/help/authenticator">Help with sign-in</a></p>`;

/** "about 12 minutes", never "0 minutes". */
export function waitInWords(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? 'about a minute' : `about ${minutes} minutes`;
}

/** `sign-in`: right passwords, which cost the server a check like wrong ones. */
export type AttemptKind = 'password' | 'code' | 'recovery code' | 'sign-in';

/**
 * `scope`: whether one email's (account's) attempts or all attempts from the network were too many.
 * Neither says whether an account has the email: both counters are kept for unknown emails too.
 * Recovery codes are also counted per account from every address together.
 */
export function tooManyAttemptsPage(
  issuerName: string,
  what: AttemptKind,
  scope: 'account' | 'network',
  retryAfterSeconds: number,
): string {
  const whose = scope === 'network' ? '' : what === 'password' ? ' for this email' : ' for this account';
  const tried =
    what === 'recovery code'
      ? 'Too many wrong recovery codes were typed for this account.'
      : what === 'sign-in'
        ? scope === 'network'
          ? 'Too many sign-ins were made from your network in a short time.'
          : 'This account was signed in to too many times in a short time.'
        : `Too many wrong ${what}s were typed${whose} from your network.`;
  return messagePage(
    issuerName,
    'Too many attempts',
    `${tried} For your safety, sign-in is paused here: try again in ${waitInWords(retryAfterSeconds)}, then start from the application.`,
    help,
  );
}

/** Too many sign-ins started from one address and left unfinished (limit `interaction_per_ip`). */
export function tooManySignInsPage(issuerName: string, retryAfterSeconds: number): string {
  return messagePage(
    issuerName,
    'Too many sign-ins',
    `Too many sign-ins were started from your network without being finished. For your safety, new ones are paused here: try again in ${waitInWords(retryAfterSeconds)}, then start from the application.`,
    help,
  );
}

/** `uid`: the sign-in the page is shown in, whose password was accepted (offers a recovery code). */
export function authenticatorLockedPage(issuerName: string, uid?: string): string {
  return messagePage(
    issuerName,
    'Your authenticator app is locked',
    'Too many wrong codes were typed for this account, so its authenticator app has been locked to protect it. ' +
      'To sign in, use one of your recovery codes, or ask an administrator to reset the app; either way you then link your app again.',
    html`${uid ? recoveryLink(uid) : ''}<p>For administrators: <code>twofold user reset-mfa EMAIL</code> removes the locked app and ends the account’s sessions.</p>${help}`,
  );
}
