// Pages for the sign-in limits: "too many attempts from here, try again in N minutes" (429), and
// "this account's authenticator is locked; an administrator must reset it". Both are plain message
// pages without a form: there is nothing to type until the wait is over.
import { html } from '../html.js';
import { messagePage } from '../layout.js';

const help = html`<p class="help-link"><a href="/help/authenticator">Help with sign-in</a></p>`;

/** "about 12 minutes", never "0 minutes". */
export function waitInWords(seconds: number): string {
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  return minutes === 1 ? 'about a minute' : `about ${minutes} minutes`;
}

/**
 * `scope`: whether one email's (account's) attempts or all attempts from the network were too many.
 * Neither says whether an account has the email: both counters are kept for unknown emails too.
 */
export function tooManyAttemptsPage(issuerName: string, what: 'password' | 'code', scope: 'account' | 'network', retryAfterSeconds: number): string {
  const whose = scope === 'network' ? '' : what === 'password' ? ' for this email' : ' for this account';
  const tried = `Too many wrong ${what}s were typed${whose} from your network.`;
  return messagePage(
    issuerName,
    'Too many attempts',
    `${tried} For your safety, sign-in is paused here: try again in ${waitInWords(retryAfterSeconds)}, then start from the application.`,
    help,
  );
}

export function authenticatorLockedPage(issuerName: string): string {
  return messagePage(
    issuerName,
    'Your authenticator app is locked',
    'Too many wrong codes were typed for this account, so its authenticator app has been locked to protect it. ' +
      'You cannot sign in until an administrator resets it; you will then link your app again. Contact your administrator.',
    html`<p>For administrators: <code>twofold user reset-mfa EMAIL</code> removes the locked app and ends the account’s sessions.</p>${help}`,
  );
}
