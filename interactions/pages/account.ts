// The account portal's pages (/account): who is signed in, their authenticator app, how this
// session signed in, and sign-out. Plain HTML forms, no script; every value escaped by `html`.
import { html } from '../html.js';
import { layout, messagePage } from '../layout.js';

export interface AuthenticatorView {
  label: string;
  addedAt: Date;
  lastUsedAt: Date | null;
  locked: boolean;
}

export interface AccountPageInput {
  issuerName: string;
  email: string | null;
  authenticators: AuthenticatorView[];
  amr: string[];
  acr: string | null;
  authTime: number | null;
  /** Unused recovery codes; null when there is no app (codes come with linking one). */
  recoveryCodesLeft: number | null;
  recoveryCodesAction: string;
  csrfToken: string;
  signOutAction: string;
}

// RFC 8176 method references in words a person understands.
const METHOD_WORDS: Record<string, string> = {
  pwd: 'your password',
  otp: 'a one-time code from your authenticator app',
  hwk: 'a security key',
  swk: 'a software key',
  sms: 'a code sent by text message',
  face: 'face recognition',
  fpt: 'a fingerprint',
};

/** "your password and a one-time code from your authenticator app", from ["pwd","otp","mfa"]. */
export function describeAmr(amr: string[]): string {
  const words = amr.filter((m) => m !== 'mfa').map((m) => METHOD_WORDS[m] ?? `a method called “${m}”`);
  if (words.length === 0) return 'a method this page does not know';
  if (words.length === 1) return words[0]!;
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)!}`;
}

const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function when(date: Date) {
  return html`<time datetime="${date.toISOString()}">${DATE.format(date)} UTC</time>`;
}

function authenticatorSection(authenticators: AuthenticatorView[]) {
  if (authenticators.length === 0) {
    return html`<p>No authenticator app is linked to your account. You will be asked to set one up the next time you sign in.</p>`;
  }
  return authenticators.map(
    (a) => html`<dl class="authenticator">
<dt>App</dt><dd>${a.label}${a.locked ? html` <strong class="error">(locked)</strong>` : ''}</dd>
<dt>Added</dt><dd>${when(a.addedAt)}</dd>
<dt>Last used</dt><dd>${a.lastUsedAt ? when(a.lastUsedAt) : 'Not used yet'}</dd>
</dl>`,
  );
}

function recoveryCodesSection(left: number, action: string, csrfToken: string) {
  return html`<section aria-labelledby="recovery-heading">
<h2 id="recovery-heading">Recovery codes</h2>
<p id="recovery-codes-left">${left === 1 ? '1 unused recovery code left' : `${left} unused recovery codes left`}.</p>
<p><small>A recovery code lets you sign in if you lose your phone. Generating new codes replaces all of your old ones.</small></p>
<form method="post" action="${action}">
<input type="hidden" name="csrf" value="${csrfToken}">
<button type="submit" class="secondary">Generate new recovery codes</button>
</form>
</section>`;
}

export function accountPage(input: AccountPageInput): string {
  const twoStep = input.amr.includes('mfa');
  return layout({
    title: 'Your account',
    issuerName: input.issuerName,
    body: html`<h1>Your account</h1>
<p>Signed in as <strong id="account-email">${input.email ?? 'an account without an email address'}</strong></p>

<section aria-labelledby="authenticator-heading">
<h2 id="authenticator-heading">Authenticator app</h2>
${authenticatorSection(input.authenticators)}
<p><small>Lost or replaced your phone? <a href="/help/authenticator">Here is what to do</a>.</small></p>
</section>

${input.recoveryCodesLeft === null ? '' : recoveryCodesSection(input.recoveryCodesLeft, input.recoveryCodesAction, input.csrfToken)}

<section aria-labelledby="session-heading">
<h2 id="session-heading">This sign-in</h2>
<p id="sign-in-methods">You signed in with ${describeAmr(input.amr)}${twoStep ? ' (two-step sign-in)' : ''}.</p>
<dl>
<dt>Methods</dt><dd><code id="amr">${input.amr.join(' ')}</code></dd>
${input.acr ? html`<dt>Level</dt><dd><code>${input.acr}</code></dd>` : ''}
${input.authTime ? html`<dt>Since</dt><dd>${when(new Date(input.authTime * 1000))}</dd>` : ''}
</dl>
</section>

<form method="post" action="${input.signOutAction}">
<input type="hidden" name="csrf" value="${input.csrfToken}">
<button type="submit" class="secondary">Sign out</button>
</form>`,
  });
}

/**
 * New recovery codes asked for too long after the last full sign-in. Signing in again ends the
 * account page's session, so it is a form with the session's CSRF token, not a link another site
 * could point a browser at.
 */
export function signInAgainPage(
  issuerName: string,
  signInAgainAction: string,
  csrfToken: string,
  accountHref: string,
): string {
  return messagePage(
    issuerName,
    'Sign in again first',
    'For your safety, new recovery codes are only given out shortly after you sign in with your password and your app.',
    html`<form method="post" action="${signInAgainAction}">
<input type="hidden" name="csrf" value="${csrfToken}">
<button type="submit">Sign in again</button>
</form>
<p>Then generate the codes on your account page. <a href="${accountHref}">Back to your account</a></p>`,
  );
}

export function signedOutPage(issuerName: string, signInHref: string): string {
  return layout({
    title: 'Signed out',
    issuerName,
    body: html`<h1>You are signed out</h1>
<p>You have been signed out of ${issuerName} in this browser.</p>
<p><a href="${signInHref}">Sign in again</a></p>`,
  });
}

export type PortalProblem = 'denied' | 'invalid' | 'unavailable' | 'expired-form';

const PROBLEMS: Record<PortalProblem, { title: string; message: string }> = {
  denied: {
    title: 'Sign-in was cancelled',
    message: 'You did not finish signing in, so your account cannot be shown.',
  },
  invalid: {
    title: 'This sign-in could not be completed',
    message:
      'The sign-in response has expired, was already used, or did not start in this browser. Start again to see your account.',
  },
  unavailable: {
    title: 'Account page unavailable',
    message: 'The account page cannot reach the sign-in service right now. Please try again in a moment.',
  },
  'expired-form': {
    title: 'Please try again',
    message: 'That form has expired. Reload your account page and try again.',
  },
};

/** A problem on the portal's side of the sign-in, in plain words, with a way forward. */
export function portalProblemPage(issuerName: string, problem: PortalProblem, accountHref: string): string {
  const { title, message } = PROBLEMS[problem];
  return messagePage(issuerName, title, message, html`<p><a href="${accountHref}">Go to your account</a></p>`);
}
