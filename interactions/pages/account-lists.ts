// The account page's lists: where the account is signed in (each session, with a form to end it,
// and one to end every other), and the applications the person let in (with a form to revoke
// each). Values come from src/account-security; every one is escaped by `html`.
import { html, type SafeHtml } from '../html.js';
import type { Frame } from '../language.js';
import { describeRequest, requestWords } from './consent.js';
import type { AccountSession } from '../../src/account-security/sessions.js';
import type { ConnectedApp } from '../../src/account-security/connected-apps.js';

/** A time as the page shows it: in the deployment's zone, named, and machine-readable. */
export function when({ translator }: Frame, date: Date) {
  return html`<time datetime="${date.toISOString()}">${translator.dateTime(date)}</time>`;
}

function device({ t }: Frame, session: AccountSession): SafeHtml {
  return t('account.sessions.device', {
    browser: session.browser ?? t('account.sessions.unknown_browser'),
    system: session.system ?? t('account.sessions.unknown_system'),
  });
}

function maybeWhen(frame: Frame, date: Date | null) {
  return date ? when(frame, date) : frame.t('account.sessions.not_recorded');
}

/** What the list of sessions needs: the sessions and where their forms go. */
export interface SessionsInput {
  sessions: AccountSession[];
  endSessionAction: string;
  endOtherSessionsAction: string;
  csrfToken: string;
}

export function sessionsSection(frame: Frame, input: SessionsInput) {
  const { t } = frame;
  const csrf = html`<input type="hidden" name="csrf" value="${input.csrfToken}">`;
  // Every "End this session" button says which session it ends, for a screen reader, through its description.
  const items = input.sessions.map(
    (s, i) => html`<li class="session"${s.current ? html` id="this-session"` : ''}>
<p><strong id="session-${String(i)}">${device(frame, s)}</strong>${s.current ? html` <span class="current">(${t('account.sessions.this')})</span>` : ''}</p>
<dl>
<dt>${t('account.sessions.address')}</dt><dd>${s.ip ?? t('account.sessions.not_recorded')}</dd>
<dt>${t('account.sessions.signed_in')}</dt><dd>${maybeWhen(frame, s.signedInAt)}</dd>
<dt>${t('account.sessions.first_seen')}</dt><dd>${maybeWhen(frame, s.firstSeenAt)}</dd>
<dt>${t('account.sessions.last_seen')}</dt><dd>${maybeWhen(frame, s.lastSeenAt)}</dd>
</dl>
${
  s.current
    ? ''
    : html`<form method="post" action="${input.endSessionAction}">
${csrf}<input type="hidden" name="session" value="${s.uid}">
<button type="submit" class="secondary" aria-describedby="session-${String(i)}">${t('account.sessions.end')}</button>
</form>`
}
</li>`,
  );
  const others = input.sessions.some((s) => !s.current);
  return html`<section aria-labelledby="sessions-heading">
<h2 id="sessions-heading">${t('account.sessions.heading')}</h2>
<p><small>${t('account.sessions.intro')}</small></p>
<ul class="sessions">${items}</ul>
${
  others
    ? html`<form method="post" action="${input.endOtherSessionsAction}">
${csrf}<button type="submit" class="secondary">${t('account.sessions.end_others')}</button>
</form>`
    : html`<p>${t('account.sessions.only_this')}</p>`
}
</section>`;
}

/** What the list of connected applications needs. */
export interface AppsInput {
  apps: ConnectedApp[];
  revokeAppAction: string;
  csrfToken: string;
}

export function appsSection(frame: Frame, input: AppsInput) {
  const { t } = frame;
  const items = input.apps.map(
    (app, i) => html`<li class="connected-app">
<p><strong id="app-${String(i)}">${app.name ?? app.clientId}</strong></p>
<dl>
<dt>${t('account.apps.since')}</dt><dd>${maybeWhen(frame, app.since)}</dd>
<dt>${t('account.apps.access')}</dt><dd><ul>${describeRequest(app.scopes, []).map((r) => html`<li>${requestWords(frame, r)}</li>`)}</ul></dd>
</dl>
<form method="post" action="${input.revokeAppAction}">
<input type="hidden" name="csrf" value="${input.csrfToken}">
<input type="hidden" name="client" value="${app.clientId}">
<button type="submit" class="secondary" aria-describedby="app-${String(i)}">${t('account.apps.revoke')}</button>
</form>
</li>`,
  );
  return html`<section aria-labelledby="apps-heading">
<h2 id="apps-heading">${t('account.apps.heading')}</h2>
<p><small>${t('account.apps.intro')}</small></p>
${input.apps.length ? html`<ul class="connected-apps">${items}</ul>` : html`<p>${t('account.apps.none')}</p>`}
</section>`;
}
