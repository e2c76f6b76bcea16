// Consent for a relying party that is not our own: who is asking, for what, in plain words.
import { html } from '../html.js';
import { layout } from '../layout.js';
import { csrfField } from './form.js';

export interface ConsentPage {
  issuerName: string;
  uid: string;
  csrf: string;
  clientName: string;
  email: string;
  /** What the client asks for, already in plain words. */
  requests: string[];
}

const SCOPE_WORDS: Record<string, string> = {
  openid: 'Know who you are when you sign in',
  email: 'See your email address',
  profile: 'See your name',
  offline_access: 'Keep access while you are not using it, until you sign out of it or it is revoked',
};

const CLAIM_WORDS: Record<string, string> = {
  email: 'your email address',
  name: 'your name',
};

/** Plain words for requested scopes and claims; unknown ones are shown by name. */
export function describeRequest(scopes: readonly string[], claims: readonly string[]): string[] {
  const words = scopes.map((scope) => SCOPE_WORDS[scope] ?? `Use the permission "${scope}"`);
  const claimWords = claims.filter((claim) => CLAIM_WORDS[claim]).map((claim) => CLAIM_WORDS[claim]!);
  if (claimWords.length) words.push(`See ${claimWords.join(' and ')}`);
  return [...new Set(words)];
}

export function consentPage(page: ConsentPage): string {
  return layout({
    title: 'Allow access?',
    issuerName: page.issuerName,
    body: html`<h1>Allow ${page.clientName} to use your account?</h1>
<p>You are signed in as <strong>${page.email}</strong>. ${page.clientName} would like to:</p>
<ul class="requests">${page.requests.map((request) => html`<li>${request}</li>`)}</ul>
<form method="post" action="/interaction/${page.uid}/consent">
${csrfField(page.csrf)}
<div class="row">
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
<button type="submit" name="decision" value="allow">Allow</button>
</div>
</form>`,
  });
}
