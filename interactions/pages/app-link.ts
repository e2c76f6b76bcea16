// What linking an authenticator app shows, shared by the sign-in's enrolment page (enroll.ts) and
// /account's "add another app" page (account-add-app.ts): the apps to install, the QR code, the
// otpauth:// link for a phone that cannot scan its own screen, the key as text, and the name field.
// The QR code is drawn here, as markup: no script, and no third party ever sees the key.
import { formatSecretForHumans, totpKeyUri } from '../../src/mfa/totp-app/totp.js';
import { html, SafeHtml } from '../html.js';
import type { Frame } from '../language.js';
import { appList } from './apps.js';
import { describedBy } from './form.js';

/** A key as the page shows it. */
export interface AppLink {
  /** The QR code as an <svg> element, drawn by the `qrcode` library from the otpauth:// URI. */
  qrSvg: string;
  /** The otpauth:// URI the QR code holds, as a link for a phone that cannot scan its own screen. */
  keyUri: string;
  /** The key in groups of four, for typing by hand. */
  secretForHumans: string;
}

export async function drawAppLink(issuer: string, accountName: string, secret: string): Promise<AppLink> {
  const keyUri = totpKeyUri({ issuer, accountName, secret });
  // Loaded at the first enrolment, not at start: most requests never draw one (an idle worker's
  // memory, issue 11).
  const { default: QRCode } = await import('qrcode');
  const qrSvg = await QRCode.toString(keyUri, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
  return { qrSvg, keyUri, secretForHumans: formatSecretForHumans(secret) };
}

/** The numbered steps: install, scan (or open the link), or type the key; then type a code. */
export function appLinkSteps({ t }: Frame, link: AppLink, email: string): SafeHtml {
  return html`<ol class="steps">
<li>${t('enroll.install')}${appList}</li>
<li>${t('enroll.scan')}
<div class="qr" role="img" aria-label="${t('enroll.qr_label')}">${new SafeHtml(link.qrSvg)}</div>
<p><a href="${link.keyUri}">${t('enroll.open_in_app')}</a></p></li>
<li>${t('enroll.key', { email })}
<p class="secret" id="secret">${link.secretForHumans}</p></li>
<li>${t('enroll.type_code')}</li>
</ol>`;
}

/** The field for the app's name (1–40 characters); `invalid` when the error shown is about it. */
export function appNameField(
  { t }: Frame,
  name: string | undefined,
  { required = false, invalid = false } = {},
): SafeHtml {
  return html`<label for="name">${t(required ? 'account.add_app.name' : 'enroll.name')}</label>
<input id="name" name="name" type="text" maxlength="40" autocomplete="off"${required ? html` required` : html``} value="${name ?? ''}"${describedBy(invalid ? 'name' : undefined)}>`;
}
