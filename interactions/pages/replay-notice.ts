// Shown once, between a successful sign-in and the way back to the application, when someone tried
// to reuse one of the account's codes since the previous sign-in (OWASP ASVS 2.8.5). A plain form
// with a Continue button: it works without script.
import { html } from '../html.js';
import type { Frame } from '../language.js';
import { layout } from '../layout.js';
import type { ReuseAttempt } from '../../src/signin/replay-notice.js';
import { MAX_LISTED } from '../../src/signin/replay-notice.js';
import { csrfField } from './form.js';

export interface ReplayNoticePage {
  frame: Frame;
  uid: string;
  csrf: string;
  attempts: ReuseAttempt[];
}

export function replayNoticePage(page: ReplayNoticePage): string {
  const { t, translator } = page.frame;
  const when = (at: Date) => html`<time datetime="${at.toISOString()}">${translator.dateTime(at)}</time>`;
  const listed = page.attempts.slice(0, MAX_LISTED);
  const more = page.attempts.length > MAX_LISTED ? html`<li>${t('replay.more')}</li>` : html``;
  return layout({
    frame: page.frame,
    title: t('replay.title'),
    body: html`<h1>${t('replay.title')}</h1>
<p role="alert">${t('replay.what')}</p>
<ul class="events">${listed.map(
      (attempt) =>
        html`<li>${attempt.ip ? t('replay.attempt_from', { when: when(attempt.at), address: attempt.ip }) : t('replay.attempt', { when: when(attempt.at) })}</li>`,
    )}${more}</ul>
<p>${t('replay.advice')}</p>
<form method="post" action="/interaction/${page.uid}/continue">
${csrfField(page.csrf)}
<button type="submit">${t('replay.continue')}</button>
</form>`,
  });
}
