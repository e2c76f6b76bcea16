// Every sentence a person can see, in English: the source catalogue. Its keys are the message keys
// (a key that is not here does not compile) and its arguments are the arguments the other
// languages must use. ICU MessageFormat: `{name}` is an argument, `{n, plural, one {…} other {…}}`
// a plural, `<strong>…</strong>` markup (strong, em and code are built in; any other tag is a link
// or an element the page passes in). Whole sentences only, one per case: a translator must never
// have to guess how fragments are glued together.
// Write ’ for an apostrophe: in ICU a plain ' before a brace quotes it. A plural or select branch
// is never a single bare word (`other {codes}` would read as an argument named "codes").
export const en = {
  // The frame around every page
  'layout.title': '{page} · {issuer}',
  'layout.languages': 'Language',
  'layout.help': 'Help with sign-in',

  // Links the sign-in pages share
  'link.lost_phone': 'Lost your phone?',
  'link.recovery': 'Can’t use your app? Use a recovery code',

  // Step 1: email and password
  'password.title': 'Sign in',
  'password.to_continue': 'to continue to {client}',
  'password.email': 'Email',
  'password.password': 'Password',
  'password.continue': 'Continue',
  'password.missing': 'Enter your email and your password.',
  'password.wrong': 'That email and password do not match. Check them and try again.',
  'password.started_over':
    'Too many wrong codes. For your safety, sign-in has started over: enter your email and password again.',

  // Step 2, first time: link an app
  'enroll.title': 'Set up your authenticator app',
  'enroll.intro': '{issuer} asks for a code from an app on your phone each time you sign in. Link the app once, now:',
  'enroll.install': 'Install an authenticator app on your phone, for example:',
  'enroll.scan': 'In the app, choose to add an account, then scan this QR code:',
  'enroll.qr_label': 'QR code for your authenticator app',
  'enroll.open_in_app': 'Setting up on this phone? Open the key in your authenticator app.',
  'enroll.key': 'Cannot scan? Choose to enter a key instead and type this key (time-based) for {email}:',
  'enroll.type_code': 'Type the 6-digit code the app now shows.',
  'enroll.confirm': 'Confirm and sign in',
  'enroll.name':
    'A name for this app, so you can tell it from others you add later (optional, for example “Work phone”)',
  'enroll.name_invalid': 'That name cannot be used. Choose one of 1 to 40 characters, or leave it empty.',
  'enroll.recovered':
    'Recovery code accepted and your other sessions ended. Link the app on your new phone now: your old app and your other recovery codes keep working until the new app is confirmed.',
  'enroll.via_link':
    'You opened a set-up link from your administrator. Link your new app now: once it is confirmed, it replaces any app linked to this account before.',
  'enroll.wrong':
    'That code is not right. Check that you scanned this page’s QR code, then type the code your app shows now.',

  // Step 2: the code from the app
  'code.title': 'Enter your code',
  'code.intro':
    'Open your authenticator app and type the 6-digit code it shows for <strong>{issuer}</strong> ({email}).',
  'code.label': '6-digit code',
  'code.submit': 'Sign in',
  'code.malformed': 'Enter the 6 digits your app shows, without letters.',
  'code.replay': 'That code was already used. Wait for your app to show a new code, then type it.',
  'code.wrong':
    'That code is not right. Check your phone’s clock is set automatically, then type the code your app shows now.',

  // Wrong codes after the password since the last sign-in
  'wrong_codes.title': 'Someone who knows your password typed wrong codes',
  'wrong_codes.what':
    '{count, plural, one {Since you last signed in, someone typed your password and then # wrong code from your authenticator app. Nobody signed in with it.} other {Since you last signed in, someone typed your password and then # wrong codes from your authenticator app. Nobody signed in with them.}}',
  'wrong_codes.what_at_least':
    '{count, plural, other {Since you last signed in, someone typed your password and then at least # wrong codes from your authenticator app. Nobody signed in with them.}}',
  'wrong_codes.from':
    '{count, plural, one {# wrong code from network address {address}, at {when}} other {# wrong codes from network address {address}, the last at {when}}}',
  'wrong_codes.from_unknown':
    '{count, plural, one {# wrong code, at {when}} other {# wrong codes, the last at {when}}}',
  'wrong_codes.more': 'and from other addresses',
  'wrong_codes.advice':
    'If this was not you, someone knows your password. <account>Change your password on your account page</account> now: that also signs you out everywhere else.',

  // Step 2 without the phone: a recovery code
  'recovery.title': 'Use a recovery code',
  'recovery.intro':
    'Type one of the recovery codes you saved when you linked your authenticator app ({email}). Each code works once.',
  'recovery.effect':
    'When the code is accepted, your old app is unlinked and you are signed out everywhere else; then you link the app on your new phone.',
  'recovery.label': 'Recovery code',
  'recovery.submit': 'Use this code',
  'recovery.back': 'Back to the code from your app',
  'recovery.malformed': 'Type the recovery code as it was shown: 24 letters and digits (the dashes are optional).',
  'recovery.wrong': 'That recovery code is not right, or it was used already. Check it and try another one.',

  // New recovery codes, shown once
  'codes.download': 'Download the codes as a text file',
  'codes.file_heading':
    '{issuer} recovery codes for {email}. Each code works once; keep them somewhere other than your phone.',
  'codes.title': 'Save your recovery codes',
  'codes.why':
    'If you lose your phone, a recovery code lets you sign in and link the app on a new phone. <strong>Each code works once.</strong> Keep them somewhere safe, not on your phone: print them, write them down, or store them in a password manager.',
  'codes.only_now': 'These codes are shown only now. Any codes you had before no longer work.',
  'codes.saved_continue': 'I have saved these codes — continue',
  'codes.shown_once':
    'Your recovery codes were shown once, on the page after your app was linked. For your safety they are not shown again.',
  'codes.new_set_hint': 'If you did not save them, get a new set now: the set shown before then stops working.',
  'codes.show_new': 'Show a new set',
  'codes.continue': 'Continue',
  'codes.account_title': 'Your new recovery codes',
  'codes.saved_back': 'I have saved these codes — back to your account',

  // Someone reused a code since the last sign-in
  'replay.title': 'Someone tried to reuse your code',
  'replay.what':
    'Since you last signed in, a code from your authenticator app was typed again after it had already been used. It was refused, and nobody signed in with it.',
  'replay.attempt': '{when}',
  'replay.attempt_from': '{when}, from network address {address}',
  'replay.more': 'and more',
  'replay.advice':
    'If this was not you, someone may know your password and have seen one of your codes. Tell your administrator.',
  'replay.continue': 'Continue',

  // Consent for a relying party that is not our own
  'consent.title': 'Allow access?',
  'consent.heading': 'Allow {client} to use your account?',
  'consent.intro': 'You are signed in as <strong>{email}</strong>. {client} would like to:',
  'consent.scope.openid': 'Know who you are when you sign in',
  'consent.scope.email': 'See your email address',
  'consent.scope.profile': 'See your name',
  'consent.scope.offline_access': 'Keep access while you are not using it, until you sign out of it or it is revoked',
  'consent.scope.other': 'Use the permission “{scope}”',
  'consent.deny': 'Deny',
  'consent.allow': 'Allow',

  // Limits: too many attempts, a locked app
  'limits.title': 'Too many attempts',
  'limits.password.network':
    'Too many wrong passwords were typed from your network. For your safety, sign-in is paused here: try again in {minutes, plural, one {about a minute} other {about # minutes}}, then start from the application.',
  'limits.password.account':
    'Too many wrong passwords were typed for this email from your network. For your safety, sign-in is paused here: try again in {minutes, plural, one {about a minute} other {about # minutes}}, then start from the application.',
  'limits.code.network':
    'Too many wrong codes were typed from your network. For your safety, sign-in is paused here: try again in {minutes, plural, one {about a minute} other {about # minutes}}, then start from the application.',
  'limits.code.account':
    'Too many wrong codes were typed for this account from your network. For your safety, sign-in is paused here: try again in {minutes, plural, one {about a minute} other {about # minutes}}, then start from the application.',
  'limits.recovery_code':
    'Too many wrong recovery codes were typed for this account. For your safety, sign-in is paused here: try again in {minutes, plural, one {about a minute} other {about # minutes}}, then start from the application.',
  'limits.sign_in.network':
    'Too many sign-ins were made from your network in a short time. For your safety, sign-in is paused here: try again in {minutes, plural, one {about a minute} other {about # minutes}}, then start from the application.',
  'limits.sign_in.account':
    'This account was signed in to too many times in a short time. For your safety, sign-in is paused here: try again in {minutes, plural, one {about a minute} other {about # minutes}}, then start from the application.',
  'limits.open_sign_ins':
    'Too many sign-ins were started from your network without being finished. For your safety, new ones are paused here: try again in {minutes, plural, one {about a minute} other {about # minutes}}, then start from the application.',
  'locked.title': 'Your authenticator app is locked',
  'locked.message':
    'Too many wrong codes were typed for this account, so its authenticator app has been locked to protect it. To sign in, use one of your recovery codes, or ask an administrator to reset the app; either way you then link your app again.',
  'locked.admin': 'For administrators: <code>{command}</code> removes the locked app and ends the account’s sessions.',

  // Problems, each a title and a message (PageError names one)
  'problem.unavailable.title': 'Sign-in is temporarily unavailable',
  'problem.unavailable.message':
    'Sign-in is temporarily unavailable on our side. Nothing was changed: wait a minute, then try again.',
  'problem.recovery_code_spent.title': 'Your recovery code was used',
  'problem.recovery_code_spent.message':
    'Something failed on our side just after your recovery code was accepted. That code is now used and will not work again. Wait a minute, then sign in again from the application with another of your recovery codes.',
  'problem.expired.title': 'This sign-in has expired',
  'problem.expired.message':
    'This sign-in page is no longer valid: it may have expired or been completed already. Go back to the application and sign in again.',
  'problem.expired.enrolment':
    'The key you added to your authenticator app still works: start again, sign in with your password, and type the code your app shows.',
  'problem.expired.restart': 'Start again',
  'problem.refused.title': 'This request could not be handled',
  'problem.refused.message': 'The request was not understood. Go back and try again.',
  'problem.failed.title': 'Something went wrong',
  'problem.failed.message':
    'Something went wrong on our side. Please go back to the application and try again in a moment.',
  'problem.csrf.title': 'This form could not be verified',
  'problem.csrf.message': 'For your safety this form was refused. Go back, reload the page, and try again.',
  'problem.unsupported_prompt.title': 'Sign-in could not continue',
  'problem.unsupported_prompt.message':
    'The application asked for something this sign-in service does not offer. Go back to the application and try again.',
  'problem.form_type.title': 'Form not understood',
  'problem.form_type.message': 'This page only accepts its own form. Go back and try again.',
  'problem.form_too_large.title': 'Too much data',
  'problem.form_too_large.message': 'The form you sent was too large. Go back and try again.',
  'problem.form_unreadable.title': 'Form not understood',
  'problem.form_unreadable.message': 'The form you sent could not be read. Go back and try again.',
  'problem.length_required.title': 'Form not understood',
  'problem.length_required.message': 'What you sent did not say how large it is. Go back and try again.',
  'problem.body_too_large.title': 'Too much data',
  'problem.body_too_large.message': 'What you sent was too large to be a form of this site. Go back and try again.',
  'problem.plain_http.title': 'Use the secure address',
  'problem.plain_http.message':
    'This sign-in service is reached over a secure (https) connection only, and this request did not come through it.',
  'problem.plain_http.continue': 'Continue at {host}',
  'problem.setup_needed.title': 'A set-up link is needed',
  'problem.setup_needed.message':
    'This account has no authenticator app. For your safety, an app can be linked to it only through a set-up link from your administrator: ask them to send you one, then open it in this browser.',
  'problem.setup_link.title': 'This set-up link cannot be used',
  'problem.setup_link.message':
    'This set-up link has expired, has been used already, or was replaced by a newer one. Ask your administrator for a new link.',
  'problem.already_enrolled.title': 'This account already has an authenticator app',
  'problem.already_enrolled.message':
    'While you were setting up your app, another app was linked to this account, so yours was not linked. Sign in again with the code from the linked app. If you did not link it yourself, tell your administrator at once and change your password.',
  'problem.not_found.title': 'Page not found',
  'problem.not_found.message':
    'There is no page at this address. To sign in, start from the application you want to use, or go to your account page.',

  // Pages oidc-provider renders through us
  'provider.error.title': 'Sign-in could not continue',
  'provider.error.invalid_request':
    'The link that brought you here is not valid. Go back to the application and try again.',
  'provider.error.invalid_client': 'The application that sent you here is not known to this sign-in service.',
  'provider.error.invalid_redirect_uri': 'The application asked to send you to an address it has not registered.',
  'provider.error.server_error': 'Something went wrong on our side. Please try again in a moment.',
  'provider.error.temporarily_unavailable': 'Sign-in is temporarily unavailable. Please try again in a moment.',
  'provider.error.other': 'The request could not be completed. Go back to the application and try again.',
  'provider.error.code': 'Error: <code>{error}</code>',
  'provider.error.code_described': 'Error: <code>{error}</code> — {description}',
  'logout.title': 'Sign out',
  'logout.heading': 'Sign out?',
  'logout.message': 'You will be signed out of {issuer} and the applications that use it in this browser.',
  'logout.yes': 'Yes, sign me out',
  'logout.no': 'No, stay signed in',
  'logged_out.title': 'Signed out',
  'logged_out.message': 'You have been signed out. You can close this window.',

  // Who to ask for help (SUPPORT_URL, SUPPORT_EMAIL): on the help, lock and error pages
  'support.url': 'For help with signing in, <link>contact support</link>.',
  'support.email': 'For help with signing in, write to <mail>{email}</mail>.',
  'support.both': 'For help with signing in, <link>contact support</link> or write to <mail>{email}</mail>.',

  // The account page (/account)
  'account.title': 'Your account',
  'account.signed_in_as': 'Signed in as {email}',
  'account.no_email': 'an account without an email address',
  'account.app.heading': 'Authenticator apps',
  'account.app.none':
    'No authenticator app is linked to your account. You will be asked to set one up the next time you sign in.',
  'account.app.default_name': 'Authenticator app',
  'account.app.locked': '(locked)',
  'account.app.added': 'Added',
  'account.app.last_used': 'Last used',
  'account.app.not_used': 'Not used yet',
  'account.app.lost': 'Lost or replaced your phone? <help>Here is what to do</help>.',
  'account.app.intro':
    'A code from any of these apps signs you in. You can link up to {max} apps, for example a spare phone.',
  'account.app.locked_why':
    'Locked after too many wrong codes: its codes are refused. Sign in with another app or a recovery code.',
  'account.app.new_name': 'New name for this app',
  'account.app.rename': 'Rename',
  'account.app.remove': 'Remove this app',
  'account.app.only_one':
    'This is your only app, so it cannot be removed. Moving to a new phone? Add the new phone first, then remove this one.',
  'account.app.add': 'Add another app',
  'account.app.full': 'You have linked {max} apps, the most allowed. Remove one to add another.',
  'account.add_app.title': 'Add another authenticator app',
  'account.add_app.intro':
    '{issuer} will accept codes from this app as well as from the apps you have already linked. Your recovery codes stay as they are.',
  'account.add_app.name': 'A name for this app, so you can tell it from your others (for example “Spare phone”)',
  'account.add_app.name_invalid': 'That name cannot be used. Choose one of 1 to 40 characters.',
  'account.add_app.expired':
    'The key shown before has expired. Add the key shown now to your app, then type the code it shows.',
  'account.add_app.submit': 'Add this app',
  'account.add_app.back': 'Back to your account',
  'account.codes.heading': 'Recovery codes',
  'account.codes.left':
    '{count, plural, =0 {No unused recovery codes left.} one {# unused recovery code left.} other {# unused recovery codes left.}}',
  'account.codes.why':
    'A recovery code lets you sign in if you lose your phone. Generating new codes replaces all of your old ones.',
  'account.codes.generate': 'Generate new recovery codes',
  'account.password.heading': 'Password',
  'account.password.intro':
    'Changing your password signs you out everywhere else: in other browsers and in the applications you signed in to.',
  'account.password.current': 'Current password',
  'account.password.new': 'New password',
  'account.password.rules': 'At least {min} characters. A long phrase is easy to remember and hard to guess.',
  'account.password.confirm': 'New password again',
  'account.password.submit': 'Change password',
  'account.password.changed': 'Your password was changed. You were signed out everywhere else.',
  'account.password.missing': 'Type your current password, then the new one twice.',
  'account.password.wrong': 'That is not your current password. Your password was not changed.',
  'account.password.mismatch': 'The two new passwords are not the same. Type the new one twice, exactly alike.',
  'account.password.too_short': 'The new password must be at least {min} characters long.',
  'account.password.too_long': 'The new password must be at most {max} characters long.',
  'account.password.too_common': 'That password is too common: it is on lists of leaked passwords. Choose another one.',
  'account.session.heading': 'This sign-in',
  'account.session.methods': 'You signed in with {methods}.',
  'account.session.methods_two_step': 'You signed in with {methods} (two-step sign-in).',
  'account.session.method.pwd': 'your password',
  'account.session.method.otp': 'a one-time code from your authenticator app',
  'account.session.method.hwk': 'a security key',
  'account.session.method.swk': 'a software key',
  'account.session.method.sms': 'a code sent by text message',
  'account.session.method.face': 'face recognition',
  'account.session.method.fpt': 'a fingerprint',
  'account.session.method.other': 'a method called “{method}”',
  'account.session.method.unknown': 'a method this page does not know',
  'account.session.since': 'Since',
  'account.reauth_rule':
    'Changes on this page need a sign-in with your password and your app within the last {minutes, plural, one {# minute} other {# minutes}}. Otherwise you are asked for both first, then brought back here.',
  'account.notice.signed_in_again': 'You signed in again with both steps. You can make your change now.',
  'account.notice.session_ended':
    'That session has ended. That browser must sign in again, and the apps it was signed in to lost their access there.',
  'account.notice.session_not_found': 'That session had already ended. Nothing was changed.',
  'account.notice.other_sessions_ended':
    'You are now signed out everywhere else. Only this browser is still signed in.',
  'account.notice.app_revoked':
    'The application no longer has access to your account. If you use it again, it will ask for your permission again.',
  'account.notice.app_not_found': 'That application had no access any more. Nothing was changed.',
  'account.notice.codes_already_replaced':
    'Those recovery codes were already replaced (the form was sent twice, or the page showing the new codes was reloaded), so no other set was made. The codes shown then are the ones that work; if you did not save them, generate a new set.',
  'account.notice.authenticator_added': 'The new app is linked: its codes work from now on, beside your other apps.',
  'account.notice.authenticator_already_added':
    'That app was already added (the form was sent again), so nothing more was changed. It is in the list below.',
  'account.notice.authenticator_renamed': 'The app was renamed.',
  'account.notice.authenticator_removed':
    'The app was removed: its codes no longer work. Delete its entry in the app on that phone too. Nothing else was changed.',
  'account.notice.authenticator_not_found': 'That app was not linked any more. Nothing was changed.',
  'account.notice.authenticator_name_invalid':
    'That name cannot be used. Choose one of 1 to 40 characters. Nothing was changed.',
  'account.notice.authenticator_last':
    'That is your only app, so it was not removed. Add the new phone first, then remove the old one.',
  'account.notice.authenticator_too_many': 'You have linked the most apps allowed. Remove one before adding another.',
  'account.sessions.heading': 'Where you are signed in',
  'account.sessions.intro':
    'Each browser signed in to your account. If you do not recognise one, end it and change your password.',
  'account.sessions.this': 'This browser',
  'account.sessions.device': '{browser} on {system}',
  'account.sessions.unknown_browser': 'An unknown browser',
  'account.sessions.unknown_system': 'an unknown system',
  'account.sessions.address': 'Network address',
  'account.sessions.signed_in': 'Signed in',
  'account.sessions.first_seen': 'First seen',
  'account.sessions.last_seen': 'Last seen',
  'account.sessions.not_recorded': 'Not recorded',
  'account.sessions.end': 'End this session',
  'account.sessions.end_others': 'Sign out everywhere else',
  'account.sessions.only_this': 'You are not signed in anywhere else.',
  'account.apps.heading': 'Connected applications',
  'account.apps.intro':
    'Applications you allowed to use your account. Revoking one ends its access at once: it must ask for your permission again.',
  'account.apps.none': 'No other application has access to your account.',
  'account.apps.since': 'Allowed since',
  'account.apps.access': 'It may',
  'account.apps.revoke': 'Revoke access',
  'account.sign_out': 'Sign out',
  'account.go': 'Go to your account',
  'signed_out.title': 'Signed out',
  'signed_out.heading': 'You are signed out',
  'signed_out.message': 'You have been signed out of {issuer} in this browser.',
  'signed_out.again': 'Sign in again',
  'problem.portal_denied.title': 'Sign-in was cancelled',
  'problem.portal_denied.message': 'You did not finish signing in, so your account cannot be shown.',
  'problem.portal_invalid.title': 'This sign-in could not be completed',
  'problem.portal_invalid.message':
    'The sign-in response has expired, was already used, or did not start in this browser. Start again to see your account.',
  'problem.portal_unavailable.title': 'Account page unavailable',
  'problem.portal_unavailable.message':
    'The account page cannot reach the sign-in service right now. Please try again in a moment.',
  'problem.portal_expired_form.title': 'Please try again',
  'problem.portal_expired_form.message': 'That form has expired. Reload your account page and try again.',

  // /help/authenticator
  'help.title': 'Help with your authenticator app',
  'help.heading': 'Your authenticator app',
  'help.back_sign_in': 'Back to sign-in',
  'help.back_account': 'Back to your account',
  'help.intro':
    'Signing in to {issuer} takes two steps: your password, then a 6-digit code from an authenticator app on your phone. The code changes every 30 seconds, so a stolen password alone is not enough.',
  'help.setup.heading': 'Setting up the app',
  'help.setup.install': 'Install an authenticator app on your phone. These work:',
  'help.setup.sign_in': 'Sign in with your email and password. The first time, {issuer} shows a QR code.',
  'help.setup.scan':
    'In the app, add an account, then scan the QR code. If you cannot scan it, choose to enter a key and type the key shown under the QR code (it is time-based).',
  'help.setup.code':
    'Type the 6-digit code the app shows. From now on, the app gives you a code whenever {issuer} asks for one.',
  'help.apps.heading': 'Steps in your app',
  'help.apps.intro': 'Each app names its buttons a little differently. Here is what to tap in each one.',
  'help.app.google':
    'Tap <strong>+</strong>, then <strong>Scan a QR code</strong>, and point the camera at the QR code. Cannot scan? Tap <strong>Enter a setup key</strong>, type your email as the account name, type the key, and keep <strong>Time based</strong>.',
  'help.app.microsoft':
    'Tap <strong>+</strong>, choose <strong>Other account (Google, Facebook, etc.)</strong>, not “Work or school account”, and scan the QR code. Cannot scan? Tap <strong>Or enter code manually</strong>, type your email as the account name and the key as the secret key.',
  'help.app.duo':
    'Tap <strong>+ Add</strong>, then <strong>Use QR code</strong>, and scan the QR code. Cannot scan? Choose to type a key instead, give the account your email as its name, and type the key.',
  'help.app.okta':
    'Tap <strong>+</strong>, choose <strong>Other</strong> as the account type, not “Organization”, and scan the QR code. Cannot scan? Tap <strong>Or enter key manually</strong>, type your email as the account name, then the key.',
  'help.app.lastpass':
    'Tap <strong>+</strong>, then <strong>Scan QR code</strong>, and point the camera at the QR code. Cannot scan? Choose to enter the key by hand, type your email as the account name, then the key.',
  'help.refused.heading': 'Codes are refused',
  'help.refused.clock':
    'Codes depend on the time: your phone’s clock must be right to the minute. Let the phone set its date and time automatically rather than by hand.',
  'help.refused.clock_iphone':
    'On an iPhone: <strong>Settings › General › Date & Time</strong>, then turn on <strong>Set Automatically</strong>.',
  'help.refused.clock_android':
    'On Android: <strong>Settings › System › Date & time</strong>, then turn on <strong>Set time automatically</strong> (the names vary a little between phones).',
  'help.refused.every_30s':
    'The app shows a new code every 30 seconds. Type the code it shows now; if it is about to change, wait for the next one.',
  'help.refused.once': 'Each code works once. If a code was just used, wait for the app to show a new one.',
  'help.codes.heading': 'Recovery codes',
  'help.codes.text':
    'When you link the app, {issuer} shows you 10 recovery codes, once. Each code works once, in place of the code from your app. Keep them somewhere safe that is not your phone: print them, write them down, or store them in a password manager. Your <account>account page</account> shows how many are left and can give you a new set (the old set then stops working).',
  'help.replace.heading': 'Moving to a new phone',
  'help.replace.add':
    'On your <account>account page</account>, choose “Add another app”, scan the QR code shown with the new phone and type the code it shows. The old phone keeps working meanwhile.',
  'help.replace.remove':
    'Then, on the same page, remove the old phone’s app: its codes stop working at once. Your other apps and your recovery codes stay as they are.',
  'help.replace.delete_entry':
    'In the app on the old phone, delete the {issuer} entry: it no longer gives codes that work.',
  'help.lost.heading': 'Lost your phone?',
  'help.lost.sign_in': 'Sign in with your email and password as usual.',
  'help.lost.choose':
    'On the page that asks for the code, choose <strong>{link}</strong>. This also works when your app has been locked after too many wrong codes.',
  'help.lost.type':
    'Type one of your recovery codes (capital letters, spaces and dashes do not matter). You are signed out everywhere else at once, and your old app stops working as soon as you link the new one, so whoever has the old phone cannot use it.',
  'help.lost.link':
    'Link the app on your new phone, as the first time. You are then given 10 new recovery codes: save them too.',
  'help.lost.delete_entry':
    'If your app now shows two {issuer} entries, delete the older one: only the newest gives codes that work.',
  'help.lost.none_left':
    'No recovery codes left? Ask your administrator: they reset your authenticator app and send you a set-up link, with which you link the app on your new phone.',
  'help.contact.heading': 'Still stuck?',
  'help.contact.administrator': 'Ask the administrator of {issuer}: the person or team who gave you your account.',
} as const;
