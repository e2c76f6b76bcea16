// Shown once, between a successful sign-in and the way back to the application, when someone who
// has the password tried something since the previous sign-in: reused one of the account's codes
// (OWASP ASVS 2.8.5), or typed wrong codes. When, from where and how many, the advice, and a
// plain form with a Continue button: it works without script.
import { html, type SafeHtml } from '../html.js';
import type { Frame } from '../language.js';
import { layout } from '../layout.js';
import type { ReuseAttempt, WrongCodes } from '../../src/signin/replay-notice.js';
import { MAX_LISTED } from '../../src/signin/replay-notice.js';
import { PORTAL_PATHS } from '../../src/portal/client.js';
import { csrfField } from './form.js';

export interface ReplayNoticePage {
  frame: Frame;
  uid: string;
  csrf: string;
  attempts: ReuseAttempt[];
  wrongCodes?: WrongCodes | null | undefined;
}

function when({ translator }: Frame, at: Date): SafeHtml {
  return html`<time datetime="${at.toISOString()}">${translator.dateTime(at)}</time>`;
}

function reuseSection(frame: Frame, attempts: ReuseAttempt[]): SafeHtml {
  const { t } = frame;
  const listed = attempts.slice(0, MAX_LISTED);
  const more = attempts.length > MAX_LISTED ? html`<li>${t('replay.more')}</li>` : html``;
  return html`<p role="alert">${t('replay.what')}</p>
<ul class="events">${listed.map(
    (attempt) =>
      html`<li>${attempt.ip ? t('replay.attempt_from', { when: when(frame, attempt.at), address: attempt.ip }) : t('replay.attempt', { when: when(frame, attempt.at) })}</li>`,
  )}${more}</ul>
<p>${t('replay.advice')}</p>`;
}

function wrongCodesSection(frame: Frame, wrong: WrongCodes): SafeHtml {
  const { t } = frame;
  const listed = wrong.from.slice(0, MAX_LISTED);
  const more = wrong.from.length > MAX_LISTED ? html`<li>${t('wrong_codes.more')}</li>` : html``;
  const account = (chunks: (string | SafeHtml)[]) => html`<a href="${PORTAL_PATHS.home}">${chunks}</a>`;
  return html`<p role="alert" id="wrong-codes">${t(wrong.atLeast ? 'wrong_codes.what_at_least' : 'wrong_codes.what', { count: wrong.count })}</p>
<ul class="events">${listed.map(
    (from) =>
      html`<li>${from.ip ? t('wrong_codes.from', { count: from.count, address: from.ip, when: when(frame, from.last) }) : t('wrong_codes.from_unknown', { count: from.count, when: when(frame, from.last) })}</li>`,
  )}${more}</ul>
<p>${t('wrong_codes.advice', { account })}</p>`;
}

export function replayNoticePage(page: ReplayNoticePage): string {
  const { frame } = page;
  const { t } = frame;
  const reused = page.attempts.length > 0;
  const wrong = page.wrongCodes;
  // The reused code is the stronger sign (the person's own code was seen): it titles the page.
  const title = reused ? t('replay.title') : t('wrong_codes.title');
  return layout({
    frame,
    title,
    body: html`<h1>${title}</h1>
${reused ? reuseSection(frame, page.attempts) : ''}
${wrong && reused ? html`<h2>${t('wrong_codes.title')}</h2>` : ''}
${wrong ? wrongCodesSection(frame, wrong) : ''}
<form method="post" action="/interaction/${page.uid}/continue">
${csrfField(page.csrf)}
<button type="submit">${t('replay.continue')}</button>
</form>`,
  });
}
