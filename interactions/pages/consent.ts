// Consent for a relying party that is not our own: who is asking, for what, in plain words.
import { html, type SafeHtml } from '../html.js';
import type { Frame } from '../language.js';
import { layout } from '../layout.js';
import { csrfField } from './form.js';

export interface ConsentPage {
  frame: Frame;
  uid: string;
  csrf: string;
  clientName: string;
  email: string;
  /** What the client asks for, from `describeRequest`. */
  requests: Request[];
}

const KNOWN_SCOPES = ['openid', 'email', 'profile', 'offline_access'] as const;
type KnownScope = (typeof KNOWN_SCOPES)[number];
/** One line of the consent page: a scope we know how to say, or another one shown by its name. */
export type Request = { scope: KnownScope } | { other: string };

// A claim asked for on its own says the same as the scope that carries it.
const CLAIM_SCOPES: Record<string, KnownScope | undefined> = { email: 'email', name: 'profile' };

const isKnown = (scope: string): scope is KnownScope => (KNOWN_SCOPES as readonly string[]).includes(scope);

/** What requested scopes and claims mean, once each; unknown scopes are shown by name. */
export function describeRequest(scopes: readonly string[], claims: readonly string[]): Request[] {
  const known = new Set<KnownScope>();
  const other = new Set<string>();
  for (const scope of scopes) {
    if (isKnown(scope)) known.add(scope);
    else other.add(scope);
  }
  for (const claim of claims) {
    const scope = CLAIM_SCOPES[claim];
    if (scope) known.add(scope);
  }
  return [
    ...KNOWN_SCOPES.filter((scope) => known.has(scope)).map((scope) => ({ scope })),
    ...[...other].map((name) => ({ other: name })),
  ];
}

export function requestWords({ t }: Frame, request: Request): SafeHtml {
  return 'scope' in request ? t(`consent.scope.${request.scope}`) : t('consent.scope.other', { scope: request.other });
}

export function consentPage(page: ConsentPage): string {
  const { t } = page.frame;
  return layout({
    frame: page.frame,
    title: t('consent.title'),
    body: html`<h1>${t('consent.heading', { client: page.clientName })}</h1>
<p>${t('consent.intro', { email: page.email, client: page.clientName })}</p>
<ul class="requests">${page.requests.map((request) => html`<li>${requestWords(page.frame, request)}</li>`)}</ul>
<form method="post" action="/interaction/${page.uid}/consent">
${csrfField(page.csrf)}
<div class="row">
<button type="submit" name="decision" value="deny" class="secondary">${t('consent.deny')}</button>
<button type="submit" name="decision" value="allow">${t('consent.allow')}</button>
</div>
</form>`,
  });
}
