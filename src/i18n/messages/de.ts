// Every sentence of the English catalogue (en.ts) in German: same keys, same arguments.
// Sie-Form, as German identity services address people.
import type { Translation } from '../translator.js';

export const de: Translation = {
  'layout.title': '{page} · {issuer}',
  'layout.languages': 'Sprache',
  'layout.help': 'Hilfe bei der Anmeldung',

  'link.lost_phone': 'Telefon verloren?',
  'link.recovery': 'Sie können Ihre App nicht verwenden? Verwenden Sie einen Wiederherstellungscode',

  'password.title': 'Anmelden',
  'password.to_continue': 'weiter zu {client}',
  'password.email': 'E-Mail-Adresse',
  'password.password': 'Passwort',
  'password.continue': 'Weiter',
  'password.missing': 'Geben Sie Ihre E-Mail-Adresse und Ihr Passwort ein.',
  'password.wrong': 'E-Mail-Adresse und Passwort passen nicht zusammen. Prüfen Sie beides und versuchen Sie es erneut.',
  'password.started_over':
    'Zu viele falsche Codes. Zu Ihrer Sicherheit wurde die Anmeldung neu gestartet: Geben Sie Ihre E-Mail-Adresse und Ihr Passwort erneut ein.',

  'enroll.title': 'Richten Sie Ihre Authenticator-App ein',
  'enroll.intro':
    '{issuer} fragt bei jeder Anmeldung nach einem Code aus einer App auf Ihrem Telefon. Verknüpfen Sie die App jetzt, einmalig:',
  'enroll.install': 'Installieren Sie eine Authenticator-App auf Ihrem Telefon, zum Beispiel:',
  'enroll.scan': 'Wählen Sie in der App, dass Sie ein Konto hinzufügen möchten, und scannen Sie dann diesen QR-Code:',
  'enroll.qr_label': 'QR-Code für Ihre Authenticator-App',
  'enroll.open_in_app':
    'Richten Sie es auf diesem Telefon ein? Öffnen Sie den Schlüssel in Ihrer Authentifizierungs-App.',
  'enroll.key':
    'Scannen nicht möglich? Wählen Sie stattdessen die Eingabe eines Schlüssels und geben Sie diesen Schlüssel (zeitbasiert) für {email} ein:',
  'enroll.type_code': 'Geben Sie den 6-stelligen Code ein, den die App jetzt anzeigt.',
  'enroll.confirm': 'Bestätigen und anmelden',
  'enroll.name':
    'Ein Name für diese App, damit Sie sie von später hinzugefügten unterscheiden können (optional, zum Beispiel „Diensthandy“)',
  'enroll.name_invalid':
    'Dieser Name kann nicht verwendet werden. Wählen Sie einen mit 1 bis 40 Zeichen, oder lassen Sie das Feld leer.',
  'enroll.recovered':
    'Wiederherstellungscode akzeptiert, Ihre anderen Sitzungen wurden beendet. Verknüpfen Sie jetzt die App auf Ihrem neuen Telefon: Ihre alte App und Ihre übrigen Wiederherstellungscodes gelten weiter, bis die neue App bestätigt ist.',
  'enroll.via_link':
    'Sie haben einen Einrichtungslink Ihres Administrators geöffnet. Verknüpfen Sie jetzt Ihre neue App: Sobald sie bestätigt ist, ersetzt sie jede zuvor mit diesem Konto verknüpfte App.',
  'enroll.wrong':
    'Dieser Code ist nicht richtig. Prüfen Sie, ob Sie den QR-Code dieser Seite gescannt haben, und geben Sie dann den Code ein, den Ihre App jetzt anzeigt.',

  'code.title': 'Code eingeben',
  'code.intro':
    'Öffnen Sie Ihre Authenticator-App und geben Sie den 6-stelligen Code ein, den sie für <strong>{issuer}</strong> ({email}) anzeigt.',
  'code.label': '6-stelliger Code',
  'code.submit': 'Anmelden',
  'code.malformed': 'Geben Sie die 6 Ziffern ein, die Ihre App anzeigt, ohne Buchstaben.',
  'code.replay':
    'Dieser Code wurde bereits verwendet. Warten Sie, bis Ihre App einen neuen Code anzeigt, und geben Sie diesen ein.',
  'code.wrong':
    'Dieser Code ist nicht richtig. Prüfen Sie, ob die Uhr Ihres Telefons automatisch eingestellt wird, und geben Sie dann den Code ein, den Ihre App jetzt anzeigt.',

  'wrong_codes.title': 'Jemand, der Ihr Passwort kennt, hat falsche Codes eingegeben',
  'wrong_codes.what':
    '{count, plural, one {Seit Ihrer letzten Anmeldung hat jemand Ihr Passwort und danach # falschen Code aus Ihrer Authenticator-App eingegeben. Niemand hat sich damit angemeldet.} other {Seit Ihrer letzten Anmeldung hat jemand Ihr Passwort und danach # falsche Codes aus Ihrer Authenticator-App eingegeben. Niemand hat sich damit angemeldet.}}',
  'wrong_codes.what_at_least':
    '{count, plural, other {Seit Ihrer letzten Anmeldung hat jemand Ihr Passwort und danach mindestens # falsche Codes aus Ihrer Authenticator-App eingegeben. Niemand hat sich damit angemeldet.}}',
  'wrong_codes.from':
    '{count, plural, one {# falscher Code von der Netzwerkadresse {address}, am {when}} other {# falsche Codes von der Netzwerkadresse {address}, der letzte am {when}}}',
  'wrong_codes.from_unknown':
    '{count, plural, one {# falscher Code, am {when}} other {# falsche Codes, der letzte am {when}}}',
  'wrong_codes.more': 'und von weiteren Adressen',
  'wrong_codes.advice':
    'Wenn Sie das nicht waren, kennt jemand Ihr Passwort. <account>Ändern Sie jetzt Ihr Passwort auf Ihrer Kontoseite</account>: Dabei werden Sie auch überall sonst abgemeldet.',

  'recovery.title': 'Wiederherstellungscode verwenden',
  'recovery.intro':
    'Geben Sie einen der Wiederherstellungscodes ein, die Sie beim Verknüpfen Ihrer Authenticator-App gespeichert haben ({email}). Jeder Code funktioniert nur einmal.',
  'recovery.effect':
    'Sobald der Code akzeptiert ist, wird Ihre alte App entfernt und Sie werden überall sonst abgemeldet; danach verknüpfen Sie die App auf Ihrem neuen Telefon.',
  'recovery.label': 'Wiederherstellungscode',
  'recovery.submit': 'Diesen Code verwenden',
  'recovery.back': 'Zurück zum Code aus Ihrer App',
  'recovery.malformed':
    'Geben Sie den Wiederherstellungscode so ein, wie er angezeigt wurde: 24 Buchstaben und Ziffern (die Bindestriche sind optional).',
  'recovery.wrong':
    'Dieser Wiederherstellungscode ist nicht richtig oder wurde bereits verwendet. Prüfen Sie ihn und versuchen Sie einen anderen.',

  'codes.download': 'Codes als Textdatei herunterladen',
  'codes.file_heading':
    '{issuer}-Wiederherstellungscodes für {email}. Jeder Code funktioniert einmal; bewahren Sie sie nicht auf Ihrem Telefon auf.',
  'codes.title': 'Speichern Sie Ihre Wiederherstellungscodes',
  'codes.why':
    'Wenn Sie Ihr Telefon verlieren, können Sie sich mit einem Wiederherstellungscode anmelden und die App auf einem neuen Telefon verknüpfen. <strong>Jeder Code funktioniert nur einmal.</strong> Bewahren Sie sie an einem sicheren Ort auf, nicht auf Ihrem Telefon: Drucken Sie sie aus, schreiben Sie sie auf oder speichern Sie sie in einem Passwort-Manager.',
  'codes.only_now':
    'Diese Codes werden nur jetzt angezeigt. Alle Codes, die Sie vorher hatten, funktionieren nicht mehr.',
  'codes.saved_continue': 'Ich habe diese Codes gespeichert — weiter',
  'codes.shown_once':
    'Ihre Wiederherstellungscodes wurden einmal angezeigt, auf der Seite nach dem Verknüpfen Ihrer App. Zu Ihrer Sicherheit werden sie nicht noch einmal angezeigt.',
  'codes.new_set_hint':
    'Falls Sie sie nicht gespeichert haben, holen Sie sich jetzt einen neuen Satz: Der zuvor angezeigte Satz funktioniert dann nicht mehr.',
  'codes.show_new': 'Neuen Satz anzeigen',
  'codes.continue': 'Weiter',
  'codes.account_title': 'Ihre neuen Wiederherstellungscodes',
  'codes.saved_back': 'Ich habe diese Codes gespeichert — zurück zu Ihrem Konto',

  'replay.title': 'Jemand hat versucht, Ihren Code erneut zu verwenden',
  'replay.what':
    'Seit Ihrer letzten Anmeldung wurde ein Code aus Ihrer Authenticator-App erneut eingegeben, nachdem er bereits verwendet worden war. Er wurde abgelehnt, und niemand hat sich damit angemeldet.',
  'replay.attempt': '{when}',
  'replay.attempt_from': '{when}, von der Netzwerkadresse {address}',
  'replay.more': 'und weitere',
  'replay.advice':
    'Wenn Sie das nicht waren, kennt womöglich jemand Ihr Passwort und hat einen Ihrer Codes gesehen. Informieren Sie Ihren Administrator.',
  'replay.continue': 'Weiter',

  'consent.title': 'Zugriff erlauben?',
  'consent.heading': '{client} erlauben, Ihr Konto zu verwenden?',
  'consent.intro': 'Sie sind angemeldet als <strong>{email}</strong>. {client} möchte:',
  'consent.scope.openid': 'Wissen, wer Sie sind, wenn Sie sich anmelden',
  'consent.scope.email': 'Ihre E-Mail-Adresse sehen',
  'consent.scope.profile': 'Ihren Namen sehen',
  'consent.scope.offline_access':
    'Zugriff behalten, während Sie die Anwendung nicht nutzen, bis Sie sich davon abmelden oder der Zugriff widerrufen wird',
  'consent.scope.other': 'Die Berechtigung „{scope}“ verwenden',
  'consent.deny': 'Ablehnen',
  'consent.allow': 'Erlauben',

  'limits.title': 'Zu viele Versuche',
  'limits.password.network':
    'Von Ihrem Netzwerk aus wurden zu viele falsche Passwörter eingegeben. Zu Ihrer Sicherheit ist die Anmeldung hier angehalten: Versuchen Sie es in {minutes, plural, one {etwa einer Minute} other {etwa # Minuten}} erneut und beginnen Sie dann in der Anwendung.',
  'limits.password.account':
    'Für diese E-Mail-Adresse wurden von Ihrem Netzwerk aus zu viele falsche Passwörter eingegeben. Zu Ihrer Sicherheit ist die Anmeldung hier angehalten: Versuchen Sie es in {minutes, plural, one {etwa einer Minute} other {etwa # Minuten}} erneut und beginnen Sie dann in der Anwendung.',
  'limits.code.network':
    'Von Ihrem Netzwerk aus wurden zu viele falsche Codes eingegeben. Zu Ihrer Sicherheit ist die Anmeldung hier angehalten: Versuchen Sie es in {minutes, plural, one {etwa einer Minute} other {etwa # Minuten}} erneut und beginnen Sie dann in der Anwendung.',
  'limits.code.account':
    'Für dieses Konto wurden von Ihrem Netzwerk aus zu viele falsche Codes eingegeben. Zu Ihrer Sicherheit ist die Anmeldung hier angehalten: Versuchen Sie es in {minutes, plural, one {etwa einer Minute} other {etwa # Minuten}} erneut und beginnen Sie dann in der Anwendung.',
  'limits.recovery_code':
    'Für dieses Konto wurden zu viele falsche Wiederherstellungscodes eingegeben. Zu Ihrer Sicherheit ist die Anmeldung hier angehalten: Versuchen Sie es in {minutes, plural, one {etwa einer Minute} other {etwa # Minuten}} erneut und beginnen Sie dann in der Anwendung.',
  'limits.sign_in.network':
    'Von Ihrem Netzwerk aus gab es in kurzer Zeit zu viele Anmeldungen. Zu Ihrer Sicherheit ist die Anmeldung hier angehalten: Versuchen Sie es in {minutes, plural, one {etwa einer Minute} other {etwa # Minuten}} erneut und beginnen Sie dann in der Anwendung.',
  'limits.sign_in.account':
    'Bei diesem Konto gab es in kurzer Zeit zu viele Anmeldungen. Zu Ihrer Sicherheit ist die Anmeldung hier angehalten: Versuchen Sie es in {minutes, plural, one {etwa einer Minute} other {etwa # Minuten}} erneut und beginnen Sie dann in der Anwendung.',
  'limits.open_sign_ins':
    'Von Ihrem Netzwerk aus wurden zu viele Anmeldungen begonnen und nicht abgeschlossen. Zu Ihrer Sicherheit sind neue Anmeldungen hier angehalten: Versuchen Sie es in {minutes, plural, one {etwa einer Minute} other {etwa # Minuten}} erneut und beginnen Sie dann in der Anwendung.',
  'locked.title': 'Ihre Authenticator-App ist gesperrt',
  'locked.message':
    'Für dieses Konto wurden zu viele falsche Codes eingegeben, daher wurde seine Authenticator-App zum Schutz gesperrt. Um sich anzumelden, verwenden Sie einen Ihrer Wiederherstellungscodes oder bitten Sie einen Administrator, die App zurückzusetzen; in beiden Fällen verknüpfen Sie Ihre App danach erneut.',
  'locked.admin':
    'Für Administratoren: <code>{command}</code> entfernt die gesperrte App und beendet die Sitzungen des Kontos.',

  'problem.unavailable.title': 'Die Anmeldung ist vorübergehend nicht verfügbar',
  'problem.unavailable.message':
    'Die Anmeldung ist auf unserer Seite vorübergehend nicht verfügbar. Es wurde nichts geändert: Warten Sie eine Minute und versuchen Sie es dann erneut.',
  'problem.recovery_code_spent.title': 'Ihr Wiederherstellungscode wurde verwendet',
  'problem.recovery_code_spent.message':
    'Auf unserer Seite ist direkt nach der Annahme Ihres Wiederherstellungscodes ein Fehler aufgetreten. Dieser Code ist jetzt verbraucht und funktioniert nicht mehr. Warten Sie eine Minute und melden Sie sich dann in der Anwendung erneut mit einem anderen Ihrer Wiederherstellungscodes an.',
  'problem.expired.title': 'Diese Anmeldung ist abgelaufen',
  'problem.expired.message':
    'Diese Anmeldeseite ist nicht mehr gültig: Sie ist möglicherweise abgelaufen oder wurde bereits abgeschlossen. Kehren Sie zur Anwendung zurück und melden Sie sich erneut an.',
  'problem.expired.enrolment':
    'Der Schlüssel, den Sie Ihrer Authenticator-App hinzugefügt haben, funktioniert weiterhin: Beginnen Sie erneut, melden Sie sich mit Ihrem Passwort an und geben Sie den Code ein, den Ihre App anzeigt.',
  'problem.expired.restart': 'Erneut beginnen',
  'problem.refused.title': 'Diese Anfrage konnte nicht bearbeitet werden',
  'problem.refused.message': 'Die Anfrage wurde nicht verstanden. Gehen Sie zurück und versuchen Sie es erneut.',
  'problem.failed.title': 'Etwas ist schiefgelaufen',
  'problem.failed.message':
    'Auf unserer Seite ist etwas schiefgelaufen. Kehren Sie bitte zur Anwendung zurück und versuchen Sie es gleich noch einmal.',
  'problem.csrf.title': 'Dieses Formular konnte nicht überprüft werden',
  'problem.csrf.message':
    'Zu Ihrer Sicherheit wurde dieses Formular abgelehnt. Gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es erneut.',
  'problem.unsupported_prompt.title': 'Die Anmeldung konnte nicht fortgesetzt werden',
  'problem.unsupported_prompt.message':
    'Die Anwendung hat etwas angefordert, das dieser Anmeldedienst nicht anbietet. Kehren Sie zur Anwendung zurück und versuchen Sie es erneut.',
  'problem.form_type.title': 'Formular nicht verstanden',
  'problem.form_type.message':
    'Diese Seite akzeptiert nur ihr eigenes Formular. Gehen Sie zurück und versuchen Sie es erneut.',
  'problem.form_too_large.title': 'Zu viele Daten',
  'problem.form_too_large.message': 'Das gesendete Formular war zu groß. Gehen Sie zurück und versuchen Sie es erneut.',
  'problem.form_unreadable.title': 'Formular nicht verstanden',
  'problem.form_unreadable.message':
    'Das gesendete Formular konnte nicht gelesen werden. Gehen Sie zurück und versuchen Sie es erneut.',
  'problem.length_required.title': 'Formular nicht verstanden',
  'problem.length_required.message':
    'Was Sie gesendet haben, hat seine Größe nicht angegeben. Gehen Sie zurück und versuchen Sie es erneut.',
  'problem.body_too_large.title': 'Zu viele Daten',
  'problem.body_too_large.message':
    'Was Sie gesendet haben, war zu groß für ein Formular dieser Website. Gehen Sie zurück und versuchen Sie es erneut.',
  'problem.plain_http.title': 'Verwenden Sie die sichere Adresse',
  'problem.plain_http.message':
    'Dieser Anmeldedienst ist nur über eine sichere Verbindung (https) erreichbar, und diese Anfrage kam nicht darüber.',
  'problem.plain_http.continue': 'Weiter zu {host}',
  'problem.setup_needed.title': 'Ein Einrichtungslink ist nötig',
  'problem.setup_needed.message':
    'Mit diesem Konto ist keine Authentifizierungs-App verknüpft. Zu Ihrer Sicherheit kann eine App nur über einen Einrichtungslink Ihres Administrators verknüpft werden: Bitten Sie ihn um einen Link und öffnen Sie ihn dann in diesem Browser.',
  'problem.setup_link.title': 'Dieser Einrichtungslink kann nicht verwendet werden',
  'problem.setup_link.message':
    'Dieser Einrichtungslink ist abgelaufen, wurde bereits verwendet oder durch einen neueren ersetzt. Bitten Sie Ihren Administrator um einen neuen Link.',
  'problem.already_enrolled.title': 'Dieses Konto hat bereits eine Authentifizierungs-App',
  'problem.already_enrolled.message':
    'Während Sie Ihre App eingerichtet haben, wurde eine andere App mit diesem Konto verknüpft, deshalb wurde Ihre nicht verknüpft. Melden Sie sich erneut mit dem Code der verknüpften App an. Wenn Sie sie nicht selbst verknüpft haben, informieren Sie sofort Ihren Administrator und ändern Sie Ihr Passwort.',
  'problem.not_found.title': 'Seite nicht gefunden',
  'problem.not_found.message':
    'Unter dieser Adresse gibt es keine Seite. Um sich anzumelden, beginnen Sie in der Anwendung, die Sie nutzen möchten, oder gehen Sie zu Ihrer Kontoseite.',

  'provider.error.title': 'Die Anmeldung konnte nicht fortgesetzt werden',
  'provider.error.invalid_request':
    'Der Link, der Sie hierher geführt hat, ist ungültig. Kehren Sie zur Anwendung zurück und versuchen Sie es erneut.',
  'provider.error.invalid_client':
    'Die Anwendung, die Sie hierher geschickt hat, ist diesem Anmeldedienst nicht bekannt.',
  'provider.error.invalid_redirect_uri':
    'Die Anwendung wollte Sie an eine Adresse weiterleiten, die sie nicht registriert hat.',
  'provider.error.server_error':
    'Auf unserer Seite ist etwas schiefgelaufen. Versuchen Sie es bitte gleich noch einmal.',
  'provider.error.temporarily_unavailable':
    'Die Anmeldung ist vorübergehend nicht verfügbar. Versuchen Sie es bitte gleich noch einmal.',
  'provider.error.other':
    'Die Anfrage konnte nicht abgeschlossen werden. Kehren Sie zur Anwendung zurück und versuchen Sie es erneut.',
  'provider.error.code': 'Fehler: <code>{error}</code>',
  'provider.error.code_described': 'Fehler: <code>{error}</code> — {description}',
  'logout.title': 'Abmelden',
  'logout.heading': 'Abmelden?',
  'logout.message': 'Sie werden in diesem Browser von {issuer} und den Anwendungen, die es verwenden, abgemeldet.',
  'logout.yes': 'Ja, abmelden',
  'logout.no': 'Nein, angemeldet bleiben',
  'logged_out.title': 'Abgemeldet',
  'logged_out.message': 'Sie wurden abgemeldet. Sie können dieses Fenster schließen.',

  'support.url': 'Hilfe bei der Anmeldung erhalten Sie beim <link>Support</link>.',
  'support.email': 'Hilfe bei der Anmeldung erhalten Sie unter <mail>{email}</mail>.',
  'support.both': 'Hilfe bei der Anmeldung erhalten Sie beim <link>Support</link> oder unter <mail>{email}</mail>.',
  'account.title': 'Ihr Konto',
  'account.signed_in_as': 'Angemeldet als {email}',
  'account.no_email': 'ein Konto ohne E-Mail-Adresse',
  'account.app.heading': 'Authenticator-Apps',
  'account.app.none':
    'Mit Ihrem Konto ist keine Authenticator-App verknüpft. Bei Ihrer nächsten Anmeldung werden Sie gebeten, eine einzurichten.',
  'account.app.default_name': 'Authenticator-App',
  'account.app.locked': '(gesperrt)',
  'account.app.added': 'Hinzugefügt',
  'account.app.last_used': 'Zuletzt verwendet',
  'account.app.not_used': 'Noch nicht verwendet',
  'account.app.lost': 'Telefon verloren oder ersetzt? <help>So gehen Sie vor</help>.',
  'account.app.intro':
    'Ein Code aus jeder dieser Apps meldet Sie an. Sie können bis zu {max} Apps verknüpfen, zum Beispiel auf einem Ersatztelefon.',
  'account.app.locked_why':
    'Nach zu vielen falschen Codes gesperrt: Ihre Codes werden abgelehnt. Melden Sie sich mit einer anderen App oder einem Wiederherstellungscode an.',
  'account.app.new_name': 'Neuer Name für diese App',
  'account.app.rename': 'Umbenennen',
  'account.app.remove': 'Diese App entfernen',
  'account.app.only_one':
    'Dies ist Ihre einzige App, daher kann sie nicht entfernt werden. Sie wechseln das Telefon? Fügen Sie zuerst das neue hinzu und entfernen Sie dann diese App.',
  'account.app.add': 'Weitere App hinzufügen',
  'account.app.full':
    'Sie haben {max} Apps verknüpft, die erlaubte Höchstzahl. Entfernen Sie eine, um eine weitere hinzuzufügen.',
  'account.add_app.title': 'Weitere Authenticator-App hinzufügen',
  'account.add_app.intro':
    '{issuer} akzeptiert Codes aus dieser App ebenso wie aus den Apps, die Sie bereits verknüpft haben. Ihre Wiederherstellungscodes bleiben, wie sie sind.',
  'account.add_app.name':
    'Ein Name für diese App, damit Sie sie von den anderen unterscheiden können (zum Beispiel „Ersatztelefon“)',
  'account.add_app.name_invalid': 'Dieser Name kann nicht verwendet werden. Wählen Sie einen mit 1 bis 40 Zeichen.',
  'account.add_app.expired':
    'Der zuvor angezeigte Schlüssel ist abgelaufen. Fügen Sie den jetzt angezeigten Schlüssel in Ihrer App hinzu und geben Sie dann den angezeigten Code ein.',
  'account.add_app.submit': 'Diese App hinzufügen',
  'account.add_app.back': 'Zurück zu Ihrem Konto',
  'account.codes.heading': 'Wiederherstellungscodes',
  'account.codes.left':
    '{count, plural, =0 {Keine unbenutzten Wiederherstellungscodes mehr.} one {# unbenutzter Wiederherstellungscode übrig.} other {# unbenutzte Wiederherstellungscodes übrig.}}',
  'account.codes.why':
    'Mit einem Wiederherstellungscode können Sie sich anmelden, wenn Sie Ihr Telefon verlieren. Neue Codes ersetzen alle Ihre alten.',
  'account.codes.generate': 'Neue Wiederherstellungscodes erzeugen',
  'account.password.heading': 'Passwort',
  'account.password.intro':
    'Wenn Sie Ihr Passwort ändern, werden Sie überall sonst abgemeldet: in anderen Browsern und in den Anwendungen, bei denen Sie angemeldet sind.',
  'account.password.current': 'Aktuelles Passwort',
  'account.password.new': 'Neues Passwort',
  'account.password.rules': 'Mindestens {min} Zeichen. Ein langer Satz ist leicht zu merken und schwer zu erraten.',
  'account.password.confirm': 'Neues Passwort wiederholen',
  'account.password.submit': 'Passwort ändern',
  'account.password.changed': 'Ihr Passwort wurde geändert. Sie wurden überall sonst abgemeldet.',
  'account.password.missing': 'Geben Sie Ihr aktuelles Passwort ein und dann zweimal das neue.',
  'account.password.wrong': 'Das ist nicht Ihr aktuelles Passwort. Ihr Passwort wurde nicht geändert.',
  'account.password.mismatch':
    'Die beiden neuen Passwörter stimmen nicht überein. Geben Sie das neue zweimal genau gleich ein.',
  'account.password.too_short': 'Das neue Passwort muss mindestens {min} Zeichen lang sein.',
  'account.password.too_long': 'Das neue Passwort darf höchstens {max} Zeichen lang sein.',
  'account.password.too_common':
    'Dieses Passwort ist zu verbreitet: Es steht auf Listen veröffentlichter Passwörter. Wählen Sie ein anderes.',
  'account.session.heading': 'Diese Anmeldung',
  'account.session.methods': 'Sie haben sich mit {methods} angemeldet.',
  'account.session.methods_two_step': 'Sie haben sich mit {methods} angemeldet (Zwei-Schritt-Anmeldung).',
  'account.session.method.pwd': 'Ihrem Passwort',
  'account.session.method.otp': 'einem Einmalcode aus Ihrer Authenticator-App',
  'account.session.method.hwk': 'einem Sicherheitsschlüssel',
  'account.session.method.swk': 'einem Software-Schlüssel',
  'account.session.method.sms': 'einem per SMS gesendeten Code',
  'account.session.method.face': 'Gesichtserkennung',
  'account.session.method.fpt': 'einem Fingerabdruck',
  'account.session.method.other': 'einer Methode namens „{method}“',
  'account.session.method.unknown': 'einer Methode, die diese Seite nicht kennt',
  'account.session.since': 'Seit',
  'account.reauth_rule':
    'Änderungen auf dieser Seite erfordern eine Anmeldung mit Ihrem Passwort und Ihrer App {minutes, plural, one {in der letzten # Minute} other {in den letzten # Minuten}}. Sonst werden Sie zuerst nach beidem gefragt und dann hierher zurückgebracht.',
  'account.notice.signed_in_again':
    'Sie haben sich erneut mit beiden Schritten angemeldet. Sie können Ihre Änderung jetzt vornehmen.',
  'account.notice.session_ended':
    'Diese Sitzung wurde beendet. Dieser Browser muss sich neu anmelden, und die Anwendungen, bei denen er angemeldet war, haben dort ihren Zugriff verloren.',
  'account.notice.session_not_found': 'Diese Sitzung war bereits beendet. Es wurde nichts geändert.',
  'account.notice.other_sessions_ended':
    'Sie sind jetzt überall sonst abgemeldet. Nur dieser Browser ist noch angemeldet.',
  'account.notice.app_revoked':
    'Die Anwendung hat keinen Zugriff mehr auf Ihr Konto. Wenn Sie sie wieder verwenden, fragt sie erneut nach Ihrer Erlaubnis.',
  'account.notice.app_not_found': 'Diese Anwendung hatte bereits keinen Zugriff mehr. Es wurde nichts geändert.',
  'account.notice.codes_already_replaced':
    'Diese Wiederherstellungscodes wurden bereits ersetzt (das Formular wurde zweimal gesendet oder die Seite mit den neuen Codes neu geladen), daher wurde kein weiterer Satz erzeugt. Die damals angezeigten Codes sind die gültigen; wenn Sie sie nicht gespeichert haben, erzeugen Sie einen neuen Satz.',
  'account.notice.authenticator_added':
    'Die neue App ist verknüpft: Ihre Codes funktionieren ab sofort, neben Ihren anderen Apps.',
  'account.notice.authenticator_already_added':
    'Diese App war bereits hinzugefügt (das Formular wurde erneut gesendet), daher wurde nichts weiter geändert. Sie steht in der Liste unten.',
  'account.notice.authenticator_renamed': 'Die App wurde umbenannt.',
  'account.notice.authenticator_removed':
    'Die App wurde entfernt: Ihre Codes funktionieren nicht mehr. Löschen Sie auch den Eintrag in der App auf diesem Telefon. Sonst wurde nichts geändert.',
  'account.notice.authenticator_not_found': 'Diese App war nicht mehr verknüpft. Es wurde nichts geändert.',
  'account.notice.authenticator_name_invalid':
    'Dieser Name kann nicht verwendet werden. Wählen Sie einen mit 1 bis 40 Zeichen. Es wurde nichts geändert.',
  'account.notice.authenticator_last':
    'Dies ist Ihre einzige App, daher wurde sie nicht entfernt. Fügen Sie zuerst das neue Telefon hinzu und entfernen Sie dann das alte.',
  'account.notice.authenticator_too_many':
    'Sie haben die Höchstzahl an Apps verknüpft. Entfernen Sie eine, bevor Sie eine weitere hinzufügen.',
  'account.sessions.heading': 'Wo Sie angemeldet sind',
  'account.sessions.intro':
    'Jeder Browser, der bei Ihrem Konto angemeldet ist. Wenn Sie einen nicht erkennen, beenden Sie seine Sitzung und ändern Sie Ihr Passwort.',
  'account.sessions.this': 'Dieser Browser',
  'account.sessions.device': '{browser} auf {system}',
  'account.sessions.unknown_browser': 'Ein unbekannter Browser',
  'account.sessions.unknown_system': 'einem unbekannten System',
  'account.sessions.address': 'Netzwerkadresse',
  'account.sessions.signed_in': 'Angemeldet',
  'account.sessions.first_seen': 'Zuerst gesehen',
  'account.sessions.last_seen': 'Zuletzt gesehen',
  'account.sessions.not_recorded': 'Nicht erfasst',
  'account.sessions.end': 'Diese Sitzung beenden',
  'account.sessions.end_others': 'Überall sonst abmelden',
  'account.sessions.only_this': 'Sie sind nirgendwo sonst angemeldet.',
  'account.apps.heading': 'Verbundene Anwendungen',
  'account.apps.intro':
    'Anwendungen, denen Sie die Nutzung Ihres Kontos erlaubt haben. Wenn Sie eine widerrufen, endet ihr Zugriff sofort: Sie muss erneut um Ihre Erlaubnis bitten.',
  'account.apps.none': 'Keine andere Anwendung hat Zugriff auf Ihr Konto.',
  'account.apps.since': 'Erlaubt seit',
  'account.apps.access': 'Sie darf',
  'account.apps.revoke': 'Zugriff widerrufen',
  'account.sign_out': 'Abmelden',
  'account.go': 'Zu Ihrem Konto',
  'signed_out.title': 'Abgemeldet',
  'signed_out.heading': 'Sie sind abgemeldet',
  'signed_out.message': 'Sie wurden in diesem Browser von {issuer} abgemeldet.',
  'signed_out.again': 'Erneut anmelden',
  'problem.portal_denied.title': 'Die Anmeldung wurde abgebrochen',
  'problem.portal_denied.message':
    'Sie haben die Anmeldung nicht abgeschlossen, daher kann Ihr Konto nicht angezeigt werden.',
  'problem.portal_invalid.title': 'Diese Anmeldung konnte nicht abgeschlossen werden',
  'problem.portal_invalid.message':
    'Die Anmeldeantwort ist abgelaufen, wurde bereits verwendet oder hat nicht in diesem Browser begonnen. Beginnen Sie erneut, um Ihr Konto zu sehen.',
  'problem.portal_unavailable.title': 'Kontoseite nicht verfügbar',
  'problem.portal_unavailable.message':
    'Die Kontoseite kann den Anmeldedienst gerade nicht erreichen. Versuchen Sie es bitte gleich noch einmal.',
  'problem.portal_expired_form.title': 'Bitte versuchen Sie es erneut',
  'problem.portal_expired_form.message':
    'Dieses Formular ist abgelaufen. Laden Sie Ihre Kontoseite neu und versuchen Sie es erneut.',

  'help.title': 'Hilfe zu Ihrer Authenticator-App',
  'help.heading': 'Ihre Authenticator-App',
  'help.back_sign_in': 'Zurück zur Anmeldung',
  'help.back_account': 'Zurück zu Ihrem Konto',
  'help.intro':
    'Die Anmeldung bei {issuer} erfolgt in zwei Schritten: Ihr Passwort, dann ein 6-stelliger Code aus einer Authenticator-App auf Ihrem Telefon. Der Code ändert sich alle 30 Sekunden, daher reicht ein gestohlenes Passwort allein nicht aus.',
  'help.setup.heading': 'Die App einrichten',
  'help.setup.install': 'Installieren Sie eine Authenticator-App auf Ihrem Telefon. Diese funktionieren:',
  'help.setup.sign_in':
    'Melden Sie sich mit Ihrer E-Mail-Adresse und Ihrem Passwort an. Beim ersten Mal zeigt {issuer} einen QR-Code.',
  'help.setup.scan':
    'Fügen Sie in der App ein Konto hinzu und scannen Sie den QR-Code. Wenn das Scannen nicht möglich ist, wählen Sie die Eingabe eines Schlüssels und geben Sie den unter dem QR-Code angezeigten Schlüssel ein (zeitbasiert).',
  'help.setup.code':
    'Geben Sie den 6-stelligen Code ein, den die App anzeigt. Von nun an liefert Ihnen die App einen Code, wann immer {issuer} danach fragt.',
  'help.apps.heading': 'Die Schritte in Ihrer App',
  'help.apps.intro': 'Jede App benennt ihre Schaltflächen etwas anders. Hier steht, worauf Sie in jeder tippen.',
  'help.app.google':
    'Tippen Sie auf <strong>+</strong>, dann auf <strong>QR-Code scannen</strong>, und richten Sie die Kamera auf den QR-Code. Scannen nicht möglich? Tippen Sie auf <strong>Einrichtungsschlüssel eingeben</strong>, geben Sie Ihre E-Mail-Adresse als Kontonamen und dann den Schlüssel ein und lassen Sie <strong>Zeitbasiert</strong> ausgewählt.',
  'help.app.microsoft':
    'Tippen Sie auf <strong>+</strong>, wählen Sie <strong>Anderes Konto (Google, Facebook usw.)</strong>, nicht „Geschäfts- oder Schulkonto“, und scannen Sie den QR-Code. Scannen nicht möglich? Tippen Sie auf <strong>Oder Code manuell eingeben</strong>, geben Sie Ihre E-Mail-Adresse als Kontonamen und den Schlüssel als geheimen Schlüssel ein.',
  'help.app.duo':
    'Tippen Sie auf <strong>+ Hinzufügen</strong>, dann auf <strong>QR-Code verwenden</strong>, und scannen Sie den QR-Code. Scannen nicht möglich? Wählen Sie stattdessen die Eingabe eines Schlüssels, geben Sie Ihre E-Mail-Adresse als Kontonamen und dann den Schlüssel ein.',
  'help.app.okta':
    'Tippen Sie auf <strong>+</strong>, wählen Sie als Kontotyp <strong>Andere</strong>, nicht „Organisation“, und scannen Sie den QR-Code. Scannen nicht möglich? Tippen Sie auf <strong>Oder Schlüssel manuell eingeben</strong>, geben Sie Ihre E-Mail-Adresse als Kontonamen und dann den Schlüssel ein.',
  'help.app.lastpass':
    'Tippen Sie auf <strong>+</strong>, dann auf <strong>QR-Code scannen</strong>, und richten Sie die Kamera auf den QR-Code. Scannen nicht möglich? Wählen Sie die manuelle Eingabe, geben Sie Ihre E-Mail-Adresse als Kontonamen und dann den Schlüssel ein.',
  'help.refused.heading': 'Codes werden abgelehnt',
  'help.refused.clock':
    'Die Codes hängen von der Uhrzeit ab: Die Uhr Ihres Telefons muss auf die Minute genau gehen. Lassen Sie das Telefon Datum und Uhrzeit automatisch einstellen, statt sie von Hand einzustellen.',
  'help.refused.clock_iphone':
    'Auf einem iPhone: <strong>Einstellungen › Allgemein › Datum & Uhrzeit</strong>, dann <strong>Automatisch einstellen</strong> einschalten.',
  'help.refused.clock_android':
    'Unter Android: <strong>Einstellungen › System › Datum & Uhrzeit</strong>, dann <strong>Uhrzeit automatisch einstellen</strong> einschalten (die Namen unterscheiden sich je nach Telefon etwas).',
  'help.refused.every_30s':
    'Die App zeigt alle 30 Sekunden einen neuen Code. Geben Sie den Code ein, den sie jetzt zeigt; wenn er gleich wechselt, warten Sie auf den nächsten.',
  'help.refused.once':
    'Jeder Code funktioniert nur einmal. Wenn ein Code gerade verwendet wurde, warten Sie, bis die App einen neuen zeigt.',
  'help.codes.heading': 'Wiederherstellungscodes',
  'help.codes.text':
    'Wenn Sie die App verknüpfen, zeigt Ihnen {issuer} einmalig 10 Wiederherstellungscodes. Jeder Code funktioniert einmal, anstelle des Codes aus Ihrer App. Bewahren Sie sie an einem sicheren Ort auf, der nicht Ihr Telefon ist: Drucken Sie sie aus, schreiben Sie sie auf oder speichern Sie sie in einem Passwort-Manager. Ihre <account>Kontoseite</account> zeigt, wie viele noch übrig sind, und kann Ihnen einen neuen Satz geben (der alte Satz funktioniert dann nicht mehr).',
  'help.replace.heading': 'Umzug auf ein neues Telefon',
  'help.replace.add':
    'Wählen Sie auf Ihrer <account>Kontoseite</account> „Weitere App hinzufügen“, scannen Sie den angezeigten QR-Code mit dem neuen Telefon und geben Sie den angezeigten Code ein. Das alte Telefon funktioniert währenddessen weiter.',
  'help.replace.remove':
    'Entfernen Sie dann auf derselben Seite die App des alten Telefons: Ihre Codes funktionieren sofort nicht mehr. Ihre anderen Apps und Ihre Wiederherstellungscodes bleiben, wie sie sind.',
  'help.replace.delete_entry':
    'Löschen Sie in der App auf dem alten Telefon den Eintrag {issuer}: Er liefert keine gültigen Codes mehr.',
  'help.lost.heading': 'Telefon verloren?',
  'help.lost.sign_in': 'Melden Sie sich wie gewohnt mit Ihrer E-Mail-Adresse und Ihrem Passwort an.',
  'help.lost.choose':
    'Wählen Sie auf der Seite, die nach dem Code fragt, <strong>{link}</strong>. Das funktioniert auch, wenn Ihre App nach zu vielen falschen Codes gesperrt wurde.',
  'help.lost.type':
    'Geben Sie einen Ihrer Wiederherstellungscodes ein (Groß- und Kleinschreibung, Leerzeichen und Bindestriche spielen keine Rolle). Sie werden sofort überall sonst abgemeldet, und Ihre alte App funktioniert nicht mehr, sobald Sie die neue verknüpfen, sodass niemand das alte Telefon verwenden kann.',
  'help.lost.link':
    'Verknüpfen Sie die App auf Ihrem neuen Telefon wie beim ersten Mal. Sie erhalten dann 10 neue Wiederherstellungscodes: Speichern Sie auch diese.',
  'help.lost.delete_entry':
    'Zeigt Ihre App jetzt zwei Einträge {issuer}, löschen Sie den älteren: Nur der neueste liefert gültige Codes.',
  'help.lost.none_left':
    'Keine Wiederherstellungscodes mehr? Wenden Sie sich an Ihren Administrator: Er setzt Ihre Authenticator-App zurück und schickt Ihnen einen Einrichtungslink, mit dem Sie die App auf Ihrem neuen Telefon verknüpfen.',
  'help.contact.heading': 'Kommen Sie nicht weiter?',
  'help.contact.administrator':
    'Wenden Sie sich an den Administrator von {issuer}: die Person oder das Team, von dem Sie Ihr Konto erhalten haben.',
};
