// The authenticator apps we name to people. Each reads the standard otpauth:// QR code with the
// defaults we use (SHA-1, 6 digits, 30 s), on both iPhone and Android.
import { html } from '../html.js';

export const AUTHENTICATOR_APPS = [
  'Google Authenticator',
  'Microsoft Authenticator',
  'Duo Mobile',
  'Okta Verify',
  'LastPass Authenticator',
] as const;

export const appList = html`<ul class="apps">${AUTHENTICATOR_APPS.map((app) => html`<li>${app}</li>`)}</ul>`;
