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
<h2>Recovery codes</h2>
<p>When you link the app, ${issuerName} shows you 10 recovery codes, once. Each code works once, in place of the code from your app. Keep them somewhere safe that is not your phone: print them, write them down, or store them in a password manager. Your <a href="/account">account page</a> shows how many are left and can give you a new set (the old set then stops working).</p>
<h2>Lost or replaced your phone?</h2>
<ol class="steps">
<li>Sign in with your email and password as usual.</li>
<li>On the page that asks for the code, choose <strong>Can’t use your app? Use a recovery code</strong>. This also works when your app has been locked after too many wrong codes.</li>
<li>Type one of your recovery codes (capital letters, spaces and dashes do not matter). Your old app is unlinked at once, and you are signed out everywhere else, so whoever has the old phone cannot use it.</li>
<li>Link the app on your new phone, as the first time. You are then given 10 new recovery codes: save them too.</li>
</ol>
<p>No recovery codes left? Contact your administrator: they can reset your authenticator app. The next time you sign in, you set up the app again on your new phone.</p>
<p>Moving to a new phone you still have with the old one? Some apps can transfer their accounts; otherwise use a recovery code as above.</p>`,
  });
}
