// Every sentence of the English catalogue (en.ts) in French: same keys, same arguments.
// Vouvoiement, as French identity services address people.
import type { Translation } from '../translator.js';

export const fr: Translation = {
  'layout.title': '{page} · {issuer}',
  'layout.languages': 'Langue',
  'layout.help': 'Aide à la connexion',

  'link.lost_phone': 'Téléphone perdu ?',
  'link.recovery': 'Vous ne pouvez pas utiliser votre application ? Utilisez un code de récupération',

  'password.title': 'Connexion',
  'password.to_continue': 'pour continuer vers {client}',
  'password.email': 'Adresse e-mail',
  'password.password': 'Mot de passe',
  'password.continue': 'Continuer',
  'password.missing': 'Saisissez votre adresse e-mail et votre mot de passe.',
  'password.wrong': 'Cette adresse e-mail et ce mot de passe ne correspondent pas. Vérifiez-les et réessayez.',
  'password.started_over':
    'Trop de codes erronés. Par sécurité, la connexion a recommencé : saisissez de nouveau votre adresse e-mail et votre mot de passe.',

  'enroll.title': 'Configurez votre application d’authentification',
  'enroll.intro':
    '{issuer} demande un code provenant d’une application de votre téléphone à chaque connexion. Associez l’application une fois, maintenant :',
  'enroll.install': 'Installez une application d’authentification sur votre téléphone, par exemple :',
  'enroll.scan': 'Dans l’application, choisissez d’ajouter un compte, puis scannez ce code QR :',
  'enroll.qr_label': 'Code QR pour votre application d’authentification',
  'enroll.open_in_app': 'Vous configurez sur ce téléphone ? Ouvrez la clé dans votre application d’authentification.',
  'enroll.key':
    'Impossible de scanner ? Choisissez plutôt de saisir une clé et tapez cette clé (basée sur l’heure) pour {email} :',
  'enroll.type_code': 'Tapez le code à 6 chiffres que l’application affiche maintenant.',
  'enroll.confirm': 'Confirmer et se connecter',
  'enroll.name':
    'Un nom pour cette application, pour la distinguer de celles que vous ajouterez plus tard (facultatif, par exemple « Téléphone pro »)',
  'enroll.name_invalid':
    'Ce nom ne peut pas être utilisé. Choisissez-en un de 1 à 40 caractères, ou laissez le champ vide.',
  'enroll.recovered':
    'Code de récupération accepté et vos autres sessions fermées. Associez maintenant l’application sur votre nouveau téléphone : votre ancienne application et vos autres codes de récupération restent valables jusqu’à la confirmation de la nouvelle application.',
  'enroll.via_link':
    'Vous avez ouvert un lien de configuration envoyé par votre administrateur. Associez maintenant votre nouvelle application : une fois confirmée, elle remplace toute application associée auparavant à ce compte.',
  'enroll.wrong':
    'Ce code n’est pas correct. Vérifiez que vous avez scanné le code QR de cette page, puis tapez le code que votre application affiche maintenant.',

  'code.title': 'Saisissez votre code',
  'code.intro':
    'Ouvrez votre application d’authentification et tapez le code à 6 chiffres qu’elle affiche pour <strong>{issuer}</strong> ({email}).',
  'code.label': 'Code à 6 chiffres',
  'code.submit': 'Se connecter',
  'code.malformed': 'Saisissez les 6 chiffres affichés par votre application, sans lettres.',
  'code.replay': 'Ce code a déjà été utilisé. Attendez que votre application affiche un nouveau code, puis tapez-le.',
  'code.wrong':
    'Ce code n’est pas correct. Vérifiez que l’horloge de votre téléphone est réglée automatiquement, puis tapez le code que votre application affiche maintenant.',

  'wrong_codes.title': 'Quelqu’un qui connaît votre mot de passe a saisi de mauvais codes',
  'wrong_codes.what':
    '{count, plural, one {Depuis votre dernière connexion, quelqu’un a saisi votre mot de passe puis # code erroné de votre application d’authentification. Personne ne s’est connecté avec.} other {Depuis votre dernière connexion, quelqu’un a saisi votre mot de passe puis # codes erronés de votre application d’authentification. Personne ne s’est connecté avec.}}',
  'wrong_codes.what_at_least':
    '{count, plural, other {Depuis votre dernière connexion, quelqu’un a saisi votre mot de passe puis au moins # codes erronés de votre application d’authentification. Personne ne s’est connecté avec.}}',
  'wrong_codes.from':
    '{count, plural, one {# code erroné depuis l’adresse réseau {address}, le {when}} other {# codes erronés depuis l’adresse réseau {address}, le dernier le {when}}}',
  'wrong_codes.from_unknown':
    '{count, plural, one {# code erroné, le {when}} other {# codes erronés, le dernier le {when}}}',
  'wrong_codes.more': 'et depuis d’autres adresses',
  'wrong_codes.advice':
    'Si ce n’était pas vous, quelqu’un connaît votre mot de passe. <account>Changez votre mot de passe sur la page de votre compte</account> dès maintenant : vous serez aussi déconnecté partout ailleurs.',

  'recovery.title': 'Utiliser un code de récupération',
  'recovery.intro':
    'Tapez l’un des codes de récupération enregistrés lorsque vous avez associé votre application d’authentification ({email}). Chaque code ne fonctionne qu’une fois.',
  'recovery.effect':
    'Une fois le code accepté, votre ancienne application est dissociée et vous êtes déconnecté partout ailleurs ; vous associez ensuite l’application sur votre nouveau téléphone.',
  'recovery.label': 'Code de récupération',
  'recovery.submit': 'Utiliser ce code',
  'recovery.back': 'Revenir au code de votre application',
  'recovery.malformed':
    'Tapez le code de récupération tel qu’il a été affiché : 24 lettres et chiffres (les tirets sont facultatifs).',
  'recovery.wrong':
    'Ce code de récupération n’est pas correct, ou il a déjà été utilisé. Vérifiez-le et essayez-en un autre.',

  'codes.download': 'Télécharger les codes dans un fichier texte',
  'codes.file_heading':
    'Codes de récupération {issuer} pour {email}. Chaque code ne fonctionne qu’une fois ; conservez-les ailleurs que sur votre téléphone.',
  'codes.title': 'Enregistrez vos codes de récupération',
  'codes.why':
    'Si vous perdez votre téléphone, un code de récupération vous permet de vous connecter et d’associer l’application sur un nouveau téléphone. <strong>Chaque code ne fonctionne qu’une fois.</strong> Conservez-les en lieu sûr, pas sur votre téléphone : imprimez-les, notez-les ou enregistrez-les dans un gestionnaire de mots de passe.',
  'codes.only_now':
    'Ces codes ne sont affichés que maintenant. Les codes que vous aviez auparavant ne fonctionnent plus.',
  'codes.saved_continue': 'J’ai enregistré ces codes — continuer',
  'codes.shown_once':
    'Vos codes de récupération ont été affichés une seule fois, sur la page qui a suivi l’association de votre application. Par sécurité, ils ne sont plus affichés.',
  'codes.new_set_hint':
    'Si vous ne les avez pas enregistrés, obtenez une nouvelle série maintenant : la série affichée auparavant cessera alors de fonctionner.',
  'codes.show_new': 'Afficher une nouvelle série',
  'codes.continue': 'Continuer',
  'codes.account_title': 'Vos nouveaux codes de récupération',
  'codes.saved_back': 'J’ai enregistré ces codes — retour à votre compte',

  'replay.title': 'Quelqu’un a tenté de réutiliser votre code',
  'replay.what':
    'Depuis votre dernière connexion, un code de votre application d’authentification a été saisi de nouveau alors qu’il avait déjà été utilisé. Il a été refusé et personne ne s’est connecté avec.',
  'replay.attempt': '{when}',
  'replay.attempt_from': '{when}, depuis l’adresse réseau {address}',
  'replay.more': 'et d’autres',
  'replay.advice':
    'Si ce n’était pas vous, quelqu’un connaît peut-être votre mot de passe et a vu l’un de vos codes. Prévenez votre administrateur.',
  'replay.continue': 'Continuer',

  'consent.title': 'Autoriser l’accès ?',
  'consent.heading': 'Autoriser {client} à utiliser votre compte ?',
  'consent.intro': 'Vous êtes connecté en tant que <strong>{email}</strong>. {client} souhaite :',
  'consent.scope.openid': 'Savoir qui vous êtes lorsque vous vous connectez',
  'consent.scope.email': 'Voir votre adresse e-mail',
  'consent.scope.profile': 'Voir votre nom',
  'consent.scope.offline_access':
    'Garder l’accès lorsque vous ne l’utilisez pas, jusqu’à ce que vous vous en déconnectiez ou que l’accès soit révoqué',
  'consent.scope.other': 'Utiliser l’autorisation « {scope} »',
  'consent.deny': 'Refuser',
  'consent.allow': 'Autoriser',

  'limits.title': 'Trop de tentatives',
  'limits.password.network':
    'Trop de mots de passe erronés ont été saisis depuis votre réseau. Par sécurité, la connexion est suspendue ici : réessayez dans {minutes, plural, one {environ une minute} other {environ # minutes}}, puis recommencez depuis l’application.',
  'limits.password.account':
    'Trop de mots de passe erronés ont été saisis pour cette adresse e-mail depuis votre réseau. Par sécurité, la connexion est suspendue ici : réessayez dans {minutes, plural, one {environ une minute} other {environ # minutes}}, puis recommencez depuis l’application.',
  'limits.code.network':
    'Trop de codes erronés ont été saisis depuis votre réseau. Par sécurité, la connexion est suspendue ici : réessayez dans {minutes, plural, one {environ une minute} other {environ # minutes}}, puis recommencez depuis l’application.',
  'limits.code.account':
    'Trop de codes erronés ont été saisis pour ce compte depuis votre réseau. Par sécurité, la connexion est suspendue ici : réessayez dans {minutes, plural, one {environ une minute} other {environ # minutes}}, puis recommencez depuis l’application.',
  'limits.recovery_code':
    'Trop de codes de récupération erronés ont été saisis pour ce compte. Par sécurité, la connexion est suspendue ici : réessayez dans {minutes, plural, one {environ une minute} other {environ # minutes}}, puis recommencez depuis l’application.',
  'limits.sign_in.network':
    'Trop de connexions ont été effectuées depuis votre réseau en peu de temps. Par sécurité, la connexion est suspendue ici : réessayez dans {minutes, plural, one {environ une minute} other {environ # minutes}}, puis recommencez depuis l’application.',
  'limits.sign_in.account':
    'Ce compte a été utilisé pour se connecter trop de fois en peu de temps. Par sécurité, la connexion est suspendue ici : réessayez dans {minutes, plural, one {environ une minute} other {environ # minutes}}, puis recommencez depuis l’application.',
  'limits.open_sign_ins':
    'Trop de connexions ont été commencées depuis votre réseau sans être terminées. Par sécurité, les nouvelles sont suspendues ici : réessayez dans {minutes, plural, one {environ une minute} other {environ # minutes}}, puis recommencez depuis l’application.',
  'locked.title': 'Votre application d’authentification est bloquée',
  'locked.message':
    'Trop de codes erronés ont été saisis pour ce compte : son application d’authentification a donc été bloquée pour le protéger. Pour vous connecter, utilisez l’un de vos codes de récupération ou demandez à un administrateur de réinitialiser l’application ; dans les deux cas, vous associez ensuite de nouveau votre application.',
  'locked.admin':
    'Pour les administrateurs : <code>{command}</code> supprime l’application bloquée et ferme les sessions du compte.',

  'problem.unavailable.title': 'La connexion est temporairement indisponible',
  'problem.unavailable.message':
    'La connexion est temporairement indisponible de notre côté. Rien n’a été modifié : patientez une minute, puis réessayez.',
  'problem.recovery_code_spent.title': 'Votre code de récupération a été utilisé',
  'problem.recovery_code_spent.message':
    'Un problème est survenu de notre côté juste après l’acceptation de votre code de récupération. Ce code est maintenant utilisé et ne fonctionnera plus. Attendez une minute, puis reconnectez-vous depuis l’application avec un autre de vos codes de récupération.',
  'problem.expired.title': 'Cette connexion a expiré',
  'problem.expired.message':
    'Cette page de connexion n’est plus valide : elle a peut-être expiré ou a déjà été utilisée. Revenez à l’application et connectez-vous de nouveau.',
  'problem.expired.enrolment':
    'La clé que vous avez ajoutée à votre application d’authentification fonctionne toujours : recommencez, connectez-vous avec votre mot de passe et saisissez le code affiché par votre application.',
  'problem.expired.restart': 'Recommencer',
  'problem.refused.title': 'Cette requête n’a pas pu être traitée',
  'problem.refused.message': 'La requête n’a pas été comprise. Revenez en arrière et réessayez.',
  'problem.failed.title': 'Une erreur s’est produite',
  'problem.failed.message':
    'Une erreur s’est produite de notre côté. Revenez à l’application et réessayez dans un instant.',
  'problem.csrf.title': 'Ce formulaire n’a pas pu être vérifié',
  'problem.csrf.message':
    'Par sécurité, ce formulaire a été refusé. Revenez en arrière, rechargez la page et réessayez.',
  'problem.unsupported_prompt.title': 'La connexion n’a pas pu continuer',
  'problem.unsupported_prompt.message':
    'L’application a demandé quelque chose que ce service de connexion ne propose pas. Revenez à l’application et réessayez.',
  'problem.form_type.title': 'Formulaire non compris',
  'problem.form_type.message': 'Cette page n’accepte que son propre formulaire. Revenez en arrière et réessayez.',
  'problem.form_too_large.title': 'Trop de données',
  'problem.form_too_large.message': 'Le formulaire envoyé était trop volumineux. Revenez en arrière et réessayez.',
  'problem.form_unreadable.title': 'Formulaire non compris',
  'problem.form_unreadable.message': 'Le formulaire envoyé n’a pas pu être lu. Revenez en arrière et réessayez.',
  'problem.length_required.title': 'Formulaire non compris',
  'problem.length_required.message':
    'Ce que vous avez envoyé n’indiquait pas sa taille. Revenez en arrière et réessayez.',
  'problem.body_too_large.title': 'Trop de données',
  'problem.body_too_large.message':
    'Ce que vous avez envoyé était trop volumineux pour être un formulaire de ce site. Revenez en arrière et réessayez.',
  'problem.plain_http.title': 'Utilisez l’adresse sécurisée',
  'problem.plain_http.message':
    'Ce service de connexion n’est accessible que par une connexion sécurisée (https), et cette requête ne l’a pas empruntée.',
  'problem.plain_http.continue': 'Continuer sur {host}',
  'problem.setup_needed.title': 'Un lien de configuration est nécessaire',
  'problem.setup_needed.message':
    'Aucune application d’authentification n’est associée à ce compte. Pour votre sécurité, une application ne peut y être associée qu’au moyen d’un lien de configuration envoyé par votre administrateur : demandez-lui de vous en envoyer un, puis ouvrez-le dans ce navigateur.',
  'problem.setup_link.title': 'Ce lien de configuration ne peut pas être utilisé',
  'problem.setup_link.message':
    'Ce lien de configuration a expiré, a déjà été utilisé ou a été remplacé par un lien plus récent. Demandez un nouveau lien à votre administrateur.',
  'problem.already_enrolled.title': 'Ce compte a déjà une application d’authentification',
  'problem.already_enrolled.message':
    'Pendant que vous configuriez votre application, une autre application a été associée à ce compte : la vôtre ne l’a donc pas été. Reconnectez-vous avec le code de l’application associée. Si vous ne l’avez pas associée vous-même, prévenez immédiatement votre administrateur et changez votre mot de passe.',
  'problem.not_found.title': 'Page introuvable',
  'problem.not_found.message':
    'Il n’y a pas de page à cette adresse. Pour vous connecter, partez de l’application que vous voulez utiliser, ou allez sur votre page de compte.',

  'provider.error.title': 'La connexion n’a pas pu continuer',
  'provider.error.invalid_request':
    'Le lien qui vous a amené ici n’est pas valide. Revenez à l’application et réessayez.',
  'provider.error.invalid_client': 'L’application qui vous a envoyé ici n’est pas connue de ce service de connexion.',
  'provider.error.invalid_redirect_uri':
    'L’application a demandé à vous envoyer vers une adresse qu’elle n’a pas enregistrée.',
  'provider.error.server_error': 'Une erreur s’est produite de notre côté. Réessayez dans un instant.',
  'provider.error.temporarily_unavailable': 'La connexion est temporairement indisponible. Réessayez dans un instant.',
  'provider.error.other': 'La requête n’a pas pu aboutir. Revenez à l’application et réessayez.',
  'provider.error.code': 'Erreur : <code>{error}</code>',
  'provider.error.code_described': 'Erreur : <code>{error}</code> — {description}',
  'logout.title': 'Déconnexion',
  'logout.heading': 'Se déconnecter ?',
  'logout.message': 'Vous serez déconnecté de {issuer} et des applications qui l’utilisent dans ce navigateur.',
  'logout.yes': 'Oui, me déconnecter',
  'logout.no': 'Non, rester connecté',
  'logged_out.title': 'Déconnecté',
  'logged_out.message': 'Vous avez été déconnecté. Vous pouvez fermer cette fenêtre.',

  'support.url': 'Pour obtenir de l’aide pour vous connecter, <link>contactez l’assistance</link>.',
  'support.email': 'Pour obtenir de l’aide pour vous connecter, écrivez à <mail>{email}</mail>.',
  'support.both':
    'Pour obtenir de l’aide pour vous connecter, <link>contactez l’assistance</link> ou écrivez à <mail>{email}</mail>.',
  'account.title': 'Votre compte',
  'account.signed_in_as': 'Connecté en tant que {email}',
  'account.no_email': 'un compte sans adresse e-mail',
  'account.app.heading': 'Applications d’authentification',
  'account.app.none':
    'Aucune application d’authentification n’est associée à votre compte. Il vous sera demandé d’en configurer une lors de votre prochaine connexion.',
  'account.app.default_name': 'Application d’authentification',
  'account.app.locked': '(bloquée)',
  'account.app.added': 'Ajoutée',
  'account.app.last_used': 'Dernière utilisation',
  'account.app.not_used': 'Pas encore utilisée',
  'account.app.lost': 'Téléphone perdu ou remplacé ? <help>Voici la marche à suivre</help>.',
  'account.app.intro':
    'Un code de n’importe laquelle de ces applications vous connecte. Vous pouvez en associer jusqu’à {max}, par exemple sur un téléphone de secours.',
  'account.app.locked_why':
    'Bloquée après trop de codes erronés : ses codes sont refusés. Connectez-vous avec une autre application ou un code de récupération.',
  'account.app.new_name': 'Nouveau nom pour cette application',
  'account.app.rename': 'Renommer',
  'account.app.remove': 'Supprimer cette application',
  'account.app.only_one':
    'C’est votre seule application, elle ne peut donc pas être supprimée. Vous changez de téléphone ? Ajoutez d’abord le nouveau, puis supprimez celle-ci.',
  'account.app.add': 'Ajouter une autre application',
  'account.app.full':
    'Vous avez associé {max} applications, le maximum autorisé. Supprimez-en une pour en ajouter une autre.',
  'account.add_app.title': 'Ajouter une autre application d’authentification',
  'account.add_app.intro':
    '{issuer} acceptera les codes de cette application comme ceux des applications déjà associées. Vos codes de récupération restent inchangés.',
  'account.add_app.name':
    'Un nom pour cette application, pour la distinguer des autres (par exemple « Téléphone de secours »)',
  'account.add_app.name_invalid': 'Ce nom ne peut pas être utilisé. Choisissez-en un de 1 à 40 caractères.',
  'account.add_app.expired':
    'La clé affichée auparavant a expiré. Ajoutez à votre application la clé affichée maintenant, puis tapez le code qu’elle affiche.',
  'account.add_app.submit': 'Ajouter cette application',
  'account.add_app.back': 'Retour à votre compte',
  'account.codes.heading': 'Codes de récupération',
  'account.codes.left':
    '{count, plural, =0 {Il ne reste aucun code de récupération inutilisé.} one {Il reste # code de récupération inutilisé.} other {Il reste # codes de récupération inutilisés.}}',
  'account.codes.why':
    'Un code de récupération vous permet de vous connecter si vous perdez votre téléphone. Générer de nouveaux codes remplace tous les anciens.',
  'account.codes.generate': 'Générer de nouveaux codes de récupération',
  'account.password.heading': 'Mot de passe',
  'account.password.intro':
    'Changer votre mot de passe vous déconnecte partout ailleurs : dans les autres navigateurs et dans les applications auxquelles vous vous êtes connecté.',
  'account.password.current': 'Mot de passe actuel',
  'account.password.new': 'Nouveau mot de passe',
  'account.password.rules': 'Au moins {min} caractères. Une longue phrase est facile à retenir et difficile à deviner.',
  'account.password.confirm': 'Nouveau mot de passe, encore une fois',
  'account.password.submit': 'Changer le mot de passe',
  'account.password.changed': 'Votre mot de passe a été changé. Vous avez été déconnecté partout ailleurs.',
  'account.password.missing': 'Saisissez votre mot de passe actuel, puis deux fois le nouveau.',
  'account.password.wrong': 'Ce n’est pas votre mot de passe actuel. Votre mot de passe n’a pas été changé.',
  'account.password.mismatch':
    'Les deux nouveaux mots de passe ne sont pas identiques. Saisissez deux fois exactement le même.',
  'account.password.too_short': 'Le nouveau mot de passe doit comporter au moins {min} caractères.',
  'account.password.too_long': 'Le nouveau mot de passe doit comporter au plus {max} caractères.',
  'account.password.too_common':
    'Ce mot de passe est trop courant : il figure sur des listes de mots de passe divulgués. Choisissez-en un autre.',
  'account.session.heading': 'Cette connexion',
  'account.session.methods': 'Vous vous êtes connecté avec {methods}.',
  'account.session.methods_two_step': 'Vous vous êtes connecté avec {methods} (connexion en deux étapes).',
  'account.session.method.pwd': 'votre mot de passe',
  'account.session.method.otp': 'un code à usage unique de votre application d’authentification',
  'account.session.method.hwk': 'une clé de sécurité',
  'account.session.method.swk': 'une clé logicielle',
  'account.session.method.sms': 'un code envoyé par SMS',
  'account.session.method.face': 'la reconnaissance faciale',
  'account.session.method.fpt': 'une empreinte digitale',
  'account.session.method.other': 'une méthode appelée « {method} »',
  'account.session.method.unknown': 'une méthode que cette page ne connaît pas',
  'account.session.since': 'Depuis',
  'account.reauth_rule':
    'Les modifications sur cette page demandent une connexion avec votre mot de passe et votre application {minutes, plural, one {dans la dernière # minute} other {dans les # dernières minutes}}. Sinon, les deux vous sont d’abord demandés, puis vous revenez ici.',
  'account.notice.signed_in_again':
    'Vous vous êtes reconnecté avec les deux étapes. Vous pouvez maintenant faire votre modification.',
  'account.notice.session_ended':
    'Cette session est terminée. Ce navigateur doit se reconnecter, et les applications auxquelles il était connecté y ont perdu leur accès.',
  'account.notice.session_not_found': 'Cette session était déjà terminée. Rien n’a été modifié.',
  'account.notice.other_sessions_ended':
    'Vous êtes maintenant déconnecté partout ailleurs. Seul ce navigateur est encore connecté.',
  'account.notice.app_revoked':
    'L’application n’a plus accès à votre compte. Si vous l’utilisez à nouveau, elle vous redemandera votre autorisation.',
  'account.notice.app_not_found': 'Cette application n’avait déjà plus accès. Rien n’a été modifié.',
  'account.notice.codes_already_replaced':
    'Ces codes de récupération avaient déjà été remplacés (le formulaire a été envoyé deux fois, ou la page des nouveaux codes a été rechargée) : aucun autre jeu n’a été créé. Les codes affichés alors sont ceux qui fonctionnent ; si vous ne les avez pas enregistrés, générez-en un nouveau jeu.',
  'account.notice.authenticator_added':
    'La nouvelle application est associée : ses codes fonctionnent dès maintenant, à côté de vos autres applications.',
  'account.notice.authenticator_already_added':
    'Cette application était déjà ajoutée (le formulaire a été envoyé de nouveau) : rien d’autre n’a été modifié. Elle figure dans la liste ci-dessous.',
  'account.notice.authenticator_renamed': 'L’application a été renommée.',
  'account.notice.authenticator_removed':
    'L’application a été supprimée : ses codes ne fonctionnent plus. Supprimez aussi son entrée dans l’application de ce téléphone. Rien d’autre n’a été modifié.',
  'account.notice.authenticator_not_found': 'Cette application n’était plus associée. Rien n’a été modifié.',
  'account.notice.authenticator_name_invalid':
    'Ce nom ne peut pas être utilisé. Choisissez-en un de 1 à 40 caractères. Rien n’a été modifié.',
  'account.notice.authenticator_last':
    'C’est votre seule application, elle n’a donc pas été supprimée. Ajoutez d’abord le nouveau téléphone, puis supprimez l’ancien.',
  'account.notice.authenticator_too_many':
    'Vous avez associé le nombre maximal d’applications. Supprimez-en une avant d’en ajouter une autre.',
  'account.sessions.heading': 'Où vous êtes connecté',
  'account.sessions.intro':
    'Chaque navigateur connecté à votre compte. Si vous n’en reconnaissez pas un, terminez sa session et changez votre mot de passe.',
  'account.sessions.this': 'Ce navigateur',
  'account.sessions.device': '{browser} sur {system}',
  'account.sessions.unknown_browser': 'Un navigateur inconnu',
  'account.sessions.unknown_system': 'un système inconnu',
  'account.sessions.address': 'Adresse réseau',
  'account.sessions.signed_in': 'Connecté le',
  'account.sessions.first_seen': 'Vu pour la première fois',
  'account.sessions.last_seen': 'Vu pour la dernière fois',
  'account.sessions.not_recorded': 'Non enregistré',
  'account.sessions.end': 'Terminer cette session',
  'account.sessions.end_others': 'Se déconnecter partout ailleurs',
  'account.sessions.only_this': 'Vous n’êtes connecté nulle part ailleurs.',
  'account.apps.heading': 'Applications connectées',
  'account.apps.intro':
    'Les applications que vous avez autorisées à utiliser votre compte. En révoquer une met fin à son accès immédiatement : elle devra vous redemander votre autorisation.',
  'account.apps.none': 'Aucune autre application n’a accès à votre compte.',
  'account.apps.since': 'Autorisée depuis',
  'account.apps.access': 'Elle peut',
  'account.apps.revoke': 'Révoquer l’accès',
  'account.sign_out': 'Se déconnecter',
  'account.go': 'Accéder à votre compte',
  'signed_out.title': 'Déconnecté',
  'signed_out.heading': 'Vous êtes déconnecté',
  'signed_out.message': 'Vous avez été déconnecté de {issuer} dans ce navigateur.',
  'signed_out.again': 'Se reconnecter',
  'problem.portal_denied.title': 'La connexion a été annulée',
  'problem.portal_denied.message': 'Vous n’avez pas terminé la connexion : votre compte ne peut donc pas être affiché.',
  'problem.portal_invalid.title': 'Cette connexion n’a pas pu aboutir',
  'problem.portal_invalid.message':
    'La réponse de connexion a expiré, a déjà été utilisée ou n’a pas commencé dans ce navigateur. Recommencez pour voir votre compte.',
  'problem.portal_unavailable.title': 'Page du compte indisponible',
  'problem.portal_unavailable.message':
    'La page du compte ne peut pas joindre le service de connexion pour le moment. Réessayez dans un instant.',
  'problem.portal_expired_form.title': 'Veuillez réessayer',
  'problem.portal_expired_form.message': 'Ce formulaire a expiré. Rechargez la page de votre compte et réessayez.',

  'help.title': 'Aide pour votre application d’authentification',
  'help.heading': 'Votre application d’authentification',
  'help.back_sign_in': 'Retour à la connexion',
  'help.back_account': 'Retour à votre compte',
  'help.intro':
    'La connexion à {issuer} se fait en deux étapes : votre mot de passe, puis un code à 6 chiffres provenant d’une application d’authentification sur votre téléphone. Le code change toutes les 30 secondes : un mot de passe volé ne suffit donc pas.',
  'help.setup.heading': 'Configurer l’application',
  'help.setup.install': 'Installez une application d’authentification sur votre téléphone. Celles-ci fonctionnent :',
  'help.setup.sign_in':
    'Connectez-vous avec votre adresse e-mail et votre mot de passe. La première fois, {issuer} affiche un code QR.',
  'help.setup.scan':
    'Dans l’application, ajoutez un compte, puis scannez le code QR. Si vous ne pouvez pas le scanner, choisissez de saisir une clé et tapez la clé affichée sous le code QR (basée sur l’heure).',
  'help.setup.code':
    'Tapez le code à 6 chiffres affiché par l’application. Désormais, l’application vous donne un code chaque fois que {issuer} en demande un.',
  'help.apps.heading': 'Les étapes dans votre application',
  'help.apps.intro': 'Chaque application nomme ses boutons un peu différemment. Voici où appuyer dans chacune.',
  'help.app.google':
    'Appuyez sur <strong>+</strong>, puis sur <strong>Scanner un code QR</strong>, et visez le code QR avec l’appareil photo. Impossible de scanner ? Appuyez sur <strong>Saisir une clé de configuration</strong>, tapez votre adresse e-mail comme nom du compte, tapez la clé et laissez <strong>Basée sur l’heure</strong>.',
  'help.app.microsoft':
    'Appuyez sur <strong>+</strong>, choisissez <strong>Autre compte (Google, Facebook, etc.)</strong>, et non « Compte professionnel ou scolaire », puis scannez le code QR. Impossible de scanner ? Appuyez sur <strong>Ou entrer le code manuellement</strong>, tapez votre adresse e-mail comme nom du compte et la clé comme clé secrète.',
  'help.app.duo':
    'Appuyez sur <strong>+ Ajouter</strong>, puis sur <strong>Utiliser le code QR</strong>, et scannez le code QR. Impossible de scanner ? Choisissez de saisir une clé à la place, donnez votre adresse e-mail comme nom du compte et tapez la clé.',
  'help.app.okta':
    'Appuyez sur <strong>+</strong>, choisissez <strong>Autre</strong> comme type de compte, et non « Organisation », puis scannez le code QR. Impossible de scanner ? Appuyez sur <strong>Ou saisir la clé manuellement</strong>, tapez votre adresse e-mail comme nom du compte, puis la clé.',
  'help.app.lastpass':
    'Appuyez sur <strong>+</strong>, puis sur <strong>Scanner le code QR</strong>, et visez le code QR avec l’appareil photo. Impossible de scanner ? Choisissez de saisir la clé à la main, tapez votre adresse e-mail comme nom du compte, puis la clé.',
  'help.refused.heading': 'Les codes sont refusés',
  'help.refused.clock':
    'Les codes dépendent de l’heure : l’horloge de votre téléphone doit être exacte à la minute près. Laissez le téléphone régler sa date et son heure automatiquement plutôt qu’à la main.',
  'help.refused.clock_iphone':
    'Sur un iPhone : <strong>Réglages › Général › Date et heure</strong>, puis activez <strong>Réglage automatique</strong>.',
  'help.refused.clock_android':
    'Sur Android : <strong>Paramètres › Système › Date et heure</strong>, puis activez <strong>Régler l’heure automatiquement</strong> (les noms varient un peu d’un téléphone à l’autre).',
  'help.refused.every_30s':
    'L’application affiche un nouveau code toutes les 30 secondes. Tapez le code qu’elle affiche maintenant ; s’il est sur le point de changer, attendez le suivant.',
  'help.refused.once':
    'Chaque code ne fonctionne qu’une fois. Si un code vient d’être utilisé, attendez que l’application en affiche un nouveau.',
  'help.codes.heading': 'Codes de récupération',
  'help.codes.text':
    'Lorsque vous associez l’application, {issuer} vous montre 10 codes de récupération, une seule fois. Chaque code fonctionne une fois, à la place du code de votre application. Conservez-les en lieu sûr, ailleurs que sur votre téléphone : imprimez-les, notez-les ou enregistrez-les dans un gestionnaire de mots de passe. La <account>page de votre compte</account> indique combien il en reste et peut vous en donner une nouvelle série (l’ancienne cesse alors de fonctionner).',
  'help.replace.heading': 'Passer à un nouveau téléphone',
  'help.replace.add':
    'Sur votre <account>page de compte</account>, choisissez « Ajouter une autre application », scannez le code QR affiché avec le nouveau téléphone et tapez le code qu’il affiche. L’ancien téléphone continue de fonctionner en attendant.',
  'help.replace.remove':
    'Ensuite, sur la même page, supprimez l’application de l’ancien téléphone : ses codes cessent aussitôt de fonctionner. Vos autres applications et vos codes de récupération restent inchangés.',
  'help.replace.delete_entry':
    'Dans l’application de l’ancien téléphone, supprimez l’entrée {issuer} : elle ne donne plus de codes valables.',
  'help.lost.heading': 'Téléphone perdu ?',
  'help.lost.sign_in': 'Connectez-vous avec votre adresse e-mail et votre mot de passe, comme d’habitude.',
  'help.lost.choose':
    'Sur la page qui demande le code, choisissez <strong>{link}</strong>. Cela fonctionne aussi lorsque votre application a été bloquée après trop de codes erronés.',
  'help.lost.type':
    'Tapez l’un de vos codes de récupération (majuscules, espaces et tirets n’ont pas d’importance). Vous êtes aussitôt déconnecté partout ailleurs, et votre ancienne application cesse de fonctionner dès que vous associez la nouvelle : la personne qui a l’ancien téléphone ne peut pas s’en servir.',
  'help.lost.link':
    'Associez l’application sur votre nouveau téléphone, comme la première fois. Vous recevez alors 10 nouveaux codes de récupération : enregistrez-les aussi.',
  'help.lost.delete_entry':
    'Si votre application affiche maintenant deux entrées {issuer}, supprimez la plus ancienne : seule la plus récente donne des codes valables.',
  'help.lost.none_left':
    'Plus de codes de récupération ? Demandez à votre administrateur : il réinitialise votre application d’authentification et vous envoie un lien de configuration, avec lequel vous liez l’application de votre nouveau téléphone.',
  'help.contact.heading': 'Besoin d’aide supplémentaire ?',
  'help.contact.administrator':
    'Adressez-vous à l’administrateur de {issuer} : la personne ou l’équipe qui vous a donné votre compte.',
};
