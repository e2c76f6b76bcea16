// /help/authenticator: setting up an app, and what to do when the phone is lost or replaced.
import { html } from '../html.js';
import type { Frame } from '../language.js';
import { layout } from '../layout.js';
import { appList } from './apps.js';

export function helpPage(frame: Frame): string {
  const { t, issuerName: issuer } = frame;
  return layout({
    frame,
    title: t('help.title'),
    body: html`<h1>${t('help.heading')}</h1>
<p>${t('help.intro', { issuer })}</p>
<h2>${t('help.setup.heading')}</h2>
<ol class="steps">
<li>${t('help.setup.install')}${appList}</li>
<li>${t('help.setup.sign_in', { issuer })}</li>
<li>${t('help.setup.scan')}</li>
<li>${t('help.setup.code', { issuer })}</li>
</ol>
<h2>${t('help.refused.heading')}</h2>
<p>${t('help.refused.text')}</p>
<h2>${t('help.codes.heading')}</h2>
<p>${t('help.codes.text', { issuer, account: (chunks) => html`<a href="/account">${chunks}</a>` })}</p>
<h2>${t('help.lost.heading')}</h2>
<ol class="steps">
<li>${t('help.lost.sign_in')}</li>
<li>${t('help.lost.choose', { link: t('link.recovery') })}</li>
<li>${t('help.lost.type')}</li>
<li>${t('help.lost.link')}</li>
</ol>
<p>${t('help.lost.none_left')}</p>
<p>${t('help.lost.transfer')}</p>`,
  });
}
