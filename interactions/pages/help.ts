// /help/authenticator: setting up an app, and what to do when the phone is lost or replaced.
import { html } from '../html.js';
import { layout } from '../layout.js';
import { appList } from './apps.js';

export function helpPage(issuerName: string): string {
  return layout({
    title: 'Help with your authenticator app',
    issuerName,
    body: html`<h1>Your authenticator app</h1>
<p>Signing in to ${issuerName} takes two steps: your password, then a 6-digit code from an authenticator app on your phone. The code changes every 30 seconds, so a stolen password alone is not enough.</p>
<h2>Setting up the app</h2>
<ol class="steps">
<li>Install an authenticator app on your phone. These work:${appList}</li>
<li>Sign in with your email and password. The first time, ${issuerName} shows a QR code.</li>
<li>In the app, add an account, then scan the QR code. If you cannot scan it, choose to enter a key and type the key shown under the QR code (it is time-based).</li>
<li>Type the 6-digit code the app shows. From now on, the app gives you a code whenever ${issuerName} asks for one.</li>
</ol>
<h2>Codes are refused</h2>
<p>Make sure your phone sets its clock automatically: codes depend on the time. Each code can be used once; if it was just used, wait for the next one.</p>
<h2>Lost or replaced your phone?</h2>
<p>Without the app you cannot finish signing in, and for your safety there is no way around that here. Contact your administrator: they can reset your authenticator app. The next time you sign in, you set up the app again on your new phone.</p>
<p>Moving to a new phone you still have with the old one? Some apps can transfer their accounts; otherwise ask your administrator for a reset.</p>`,
  });
}
