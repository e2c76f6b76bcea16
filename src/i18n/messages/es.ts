// Every sentence of the English catalogue (en.ts) in Spanish: same keys, same arguments.
// Usted, as Spanish identity services address people.
import type { Translation } from '../translator.js';

export const es: Translation = {
  'layout.title': '{page} · {issuer}',
  'layout.languages': 'Idioma',
  'layout.help': 'Ayuda para iniciar sesión',

  'link.lost_phone': '¿Ha perdido su teléfono?',
  'link.recovery': '¿No puede usar su aplicación? Use un código de recuperación',

  'password.title': 'Iniciar sesión',
  'password.to_continue': 'para continuar a {client}',
  'password.email': 'Correo electrónico',
  'password.password': 'Contraseña',
  'password.continue': 'Continuar',
  'password.missing': 'Introduzca su correo electrónico y su contraseña.',
  'password.wrong': 'Ese correo electrónico y esa contraseña no coinciden. Compruébelos e inténtelo de nuevo.',
  'password.started_over':
    'Demasiados códigos incorrectos. Por su seguridad, el inicio de sesión ha vuelto a empezar: introduzca de nuevo su correo electrónico y su contraseña.',

  'enroll.title': 'Configure su aplicación de autenticación',
  'enroll.intro':
    '{issuer} le pide un código de una aplicación de su teléfono cada vez que inicia sesión. Vincule la aplicación una sola vez, ahora:',
  'enroll.install': 'Instale una aplicación de autenticación en su teléfono, por ejemplo:',
  'enroll.scan': 'En la aplicación, elija añadir una cuenta y escanee este código QR:',
  'enroll.qr_label': 'Código QR para su aplicación de autenticación',
  'enroll.open_in_app': '¿Lo configura en este teléfono? Abra la clave en su aplicación de autenticación.',
  'enroll.key':
    '¿No puede escanearlo? Elija introducir una clave y escriba esta clave (basada en el tiempo) para {email}:',
  'enroll.type_code': 'Escriba el código de 6 dígitos que muestra ahora la aplicación.',
  'enroll.confirm': 'Confirmar e iniciar sesión',
  'enroll.name':
    'Un nombre para esta aplicación, para distinguirla de las que añada más adelante (opcional, por ejemplo «Teléfono del trabajo»)',
  'enroll.name_invalid': 'Ese nombre no se puede usar. Elija uno de 1 a 40 caracteres o deje el campo vacío.',
  'enroll.recovered':
    'Código de recuperación aceptado y sus demás sesiones cerradas. Vincule ahora la aplicación en su nuevo teléfono: su aplicación anterior y sus demás códigos de recuperación siguen funcionando hasta que se confirme la nueva aplicación.',
  'enroll.via_link':
    'Ha abierto un enlace de configuración de su administrador. Vincule ahora su nueva aplicación: una vez confirmada, sustituye a cualquier aplicación vinculada antes a esta cuenta.',
  'enroll.wrong':
    'Ese código no es correcto. Compruebe que ha escaneado el código QR de esta página y escriba el código que muestra ahora su aplicación.',

  'code.title': 'Introduzca su código',
  'code.intro':
    'Abra su aplicación de autenticación y escriba el código de 6 dígitos que muestra para <strong>{issuer}</strong> ({email}).',
  'code.label': 'Código de 6 dígitos',
  'code.submit': 'Iniciar sesión',
  'code.malformed': 'Introduzca los 6 dígitos que muestra su aplicación, sin letras.',
  'code.replay': 'Ese código ya se ha usado. Espere a que su aplicación muestre un código nuevo y escríbalo.',
  'code.wrong':
    'Ese código no es correcto. Compruebe que el reloj de su teléfono se ajusta automáticamente y escriba el código que muestra ahora su aplicación.',

  'wrong_codes.title': 'Alguien que conoce su contraseña escribió códigos incorrectos',
  'wrong_codes.what':
    '{count, plural, one {Desde su último inicio de sesión, alguien escribió su contraseña y después # código incorrecto de su aplicación de autenticación. Nadie inició sesión con él.} other {Desde su último inicio de sesión, alguien escribió su contraseña y después # códigos incorrectos de su aplicación de autenticación. Nadie inició sesión con ellos.}}',
  'wrong_codes.what_at_least':
    '{count, plural, other {Desde su último inicio de sesión, alguien escribió su contraseña y después al menos # códigos incorrectos de su aplicación de autenticación. Nadie inició sesión con ellos.}}',
  'wrong_codes.from':
    '{count, plural, one {# código incorrecto desde la dirección de red {address}, el {when}} other {# códigos incorrectos desde la dirección de red {address}, el último el {when}}}',
  'wrong_codes.from_unknown':
    '{count, plural, one {# código incorrecto, el {when}} other {# códigos incorrectos, el último el {when}}}',
  'wrong_codes.more': 'y desde otras direcciones',
  'wrong_codes.advice':
    'Si no fue usted, alguien conoce su contraseña. <account>Cambie ahora su contraseña en la página de su cuenta</account>: así también se cerrará su sesión en todos los demás sitios.',

  'recovery.title': 'Usar un código de recuperación',
  'recovery.intro':
    'Escriba uno de los códigos de recuperación que guardó al vincular su aplicación de autenticación ({email}). Cada código funciona una sola vez.',
  'recovery.effect':
    'Cuando se acepte el código, su aplicación anterior se desvinculará y se cerrará su sesión en todos los demás sitios; después vinculará la aplicación en su nuevo teléfono.',
  'recovery.label': 'Código de recuperación',
  'recovery.submit': 'Usar este código',
  'recovery.back': 'Volver al código de su aplicación',
  'recovery.malformed':
    'Escriba el código de recuperación tal como se mostró: 24 letras y dígitos (los guiones son opcionales).',
  'recovery.wrong': 'Ese código de recuperación no es correcto o ya se ha usado. Compruébelo y pruebe con otro.',

  'codes.download': 'Descargar los códigos en un archivo de texto',
  'codes.file_heading':
    'Códigos de recuperación de {issuer} para {email}. Cada código funciona una vez; guárdelos en otro lugar que no sea su teléfono.',
  'codes.title': 'Guarde sus códigos de recuperación',
  'codes.why':
    'Si pierde su teléfono, un código de recuperación le permite iniciar sesión y vincular la aplicación en un teléfono nuevo. <strong>Cada código funciona una sola vez.</strong> Guárdelos en un lugar seguro, no en su teléfono: imprímalos, anótelos o guárdelos en un gestor de contraseñas.',
  'codes.only_now': 'Estos códigos solo se muestran ahora. Los códigos que tenía antes ya no funcionan.',
  'codes.saved_continue': 'He guardado estos códigos — continuar',
  'codes.shown_once':
    'Sus códigos de recuperación se mostraron una sola vez, en la página que siguió a la vinculación de su aplicación. Por su seguridad, no se vuelven a mostrar.',
  'codes.new_set_hint':
    'Si no los guardó, obtenga ahora un conjunto nuevo: el conjunto mostrado antes dejará de funcionar.',
  'codes.show_new': 'Mostrar un conjunto nuevo',
  'codes.continue': 'Continuar',
  'codes.account_title': 'Sus nuevos códigos de recuperación',
  'codes.saved_back': 'He guardado estos códigos — volver a su cuenta',

  'replay.title': 'Alguien intentó reutilizar su código',
  'replay.what':
    'Desde su último inicio de sesión, se volvió a escribir un código de su aplicación de autenticación que ya se había usado. Se rechazó y nadie inició sesión con él.',
  'replay.attempt': '{when}',
  'replay.attempt_from': '{when}, desde la dirección de red {address}',
  'replay.more': 'y más',
  'replay.advice':
    'Si no fue usted, es posible que alguien conozca su contraseña y haya visto uno de sus códigos. Avise a su administrador.',
  'replay.continue': 'Continuar',

  'consent.title': '¿Permitir el acceso?',
  'consent.heading': '¿Permitir que {client} use su cuenta?',
  'consent.intro': 'Ha iniciado sesión como <strong>{email}</strong>. {client} quiere:',
  'consent.scope.openid': 'Saber quién es usted cuando inicia sesión',
  'consent.scope.email': 'Ver su dirección de correo electrónico',
  'consent.scope.profile': 'Ver su nombre',
  'consent.scope.offline_access':
    'Mantener el acceso mientras no la usa, hasta que cierre la sesión en ella o se revoque el acceso',
  'consent.scope.other': 'Usar el permiso «{scope}»',
  'consent.deny': 'Denegar',
  'consent.allow': 'Permitir',

  'limits.title': 'Demasiados intentos',
  'limits.password.network':
    'Se han escrito demasiadas contraseñas incorrectas desde su red. Por su seguridad, el inicio de sesión está en pausa aquí: vuelva a intentarlo dentro de {minutes, plural, one {un minuto aproximadamente} other {# minutos aproximadamente}} y empiece de nuevo desde la aplicación.',
  'limits.password.account':
    'Se han escrito demasiadas contraseñas incorrectas para este correo electrónico desde su red. Por su seguridad, el inicio de sesión está en pausa aquí: vuelva a intentarlo dentro de {minutes, plural, one {un minuto aproximadamente} other {# minutos aproximadamente}} y empiece de nuevo desde la aplicación.',
  'limits.code.network':
    'Se han escrito demasiados códigos incorrectos desde su red. Por su seguridad, el inicio de sesión está en pausa aquí: vuelva a intentarlo dentro de {minutes, plural, one {un minuto aproximadamente} other {# minutos aproximadamente}} y empiece de nuevo desde la aplicación.',
  'limits.code.account':
    'Se han escrito demasiados códigos incorrectos para esta cuenta desde su red. Por su seguridad, el inicio de sesión está en pausa aquí: vuelva a intentarlo dentro de {minutes, plural, one {un minuto aproximadamente} other {# minutos aproximadamente}} y empiece de nuevo desde la aplicación.',
  'limits.recovery_code':
    'Se han escrito demasiados códigos de recuperación incorrectos para esta cuenta. Por su seguridad, el inicio de sesión está en pausa aquí: vuelva a intentarlo dentro de {minutes, plural, one {un minuto aproximadamente} other {# minutos aproximadamente}} y empiece de nuevo desde la aplicación.',
  'limits.sign_in.network':
    'Se han iniciado demasiadas sesiones desde su red en poco tiempo. Por su seguridad, el inicio de sesión está en pausa aquí: vuelva a intentarlo dentro de {minutes, plural, one {un minuto aproximadamente} other {# minutos aproximadamente}} y empiece de nuevo desde la aplicación.',
  'limits.sign_in.account':
    'Se ha iniciado sesión en esta cuenta demasiadas veces en poco tiempo. Por su seguridad, el inicio de sesión está en pausa aquí: vuelva a intentarlo dentro de {minutes, plural, one {un minuto aproximadamente} other {# minutos aproximadamente}} y empiece de nuevo desde la aplicación.',
  'limits.open_sign_ins':
    'Se han empezado demasiados inicios de sesión desde su red sin terminarlos. Por su seguridad, los nuevos están en pausa aquí: vuelva a intentarlo dentro de {minutes, plural, one {un minuto aproximadamente} other {# minutos aproximadamente}} y empiece de nuevo desde la aplicación.',
  'locked.title': 'Su aplicación de autenticación está bloqueada',
  'locked.message':
    'Se han escrito demasiados códigos incorrectos para esta cuenta, por lo que su aplicación de autenticación se ha bloqueado para protegerla. Para iniciar sesión, use uno de sus códigos de recuperación o pida a un administrador que restablezca la aplicación; en ambos casos, después vinculará de nuevo su aplicación.',
  'locked.admin':
    'Para administradores: <code>{command}</code> elimina la aplicación bloqueada y cierra las sesiones de la cuenta.',

  'problem.unavailable.title': 'El inicio de sesión no está disponible temporalmente',
  'problem.unavailable.message':
    'El inicio de sesión no está disponible temporalmente por un problema nuestro. No se ha cambiado nada: espere un minuto y vuelva a intentarlo.',
  'problem.recovery_code_spent.title': 'Su código de recuperación se ha usado',
  'problem.recovery_code_spent.message':
    'Algo falló por nuestra parte justo después de aceptar su código de recuperación. Ese código ya está usado y no volverá a funcionar. Espere un minuto y vuelva a iniciar sesión desde la aplicación con otro de sus códigos de recuperación.',
  'problem.expired.title': 'Este inicio de sesión ha caducado',
  'problem.expired.message':
    'Esta página de inicio de sesión ya no es válida: puede que haya caducado o que ya se haya completado. Vuelva a la aplicación e inicie sesión de nuevo.',
  'problem.expired.enrolment':
    'La clave que añadió a su aplicación de autenticación sigue funcionando: vuelva a empezar, inicie sesión con su contraseña y escriba el código que muestra su aplicación.',
  'problem.expired.restart': 'Volver a empezar',
  'problem.refused.title': 'No se pudo atender esta solicitud',
  'problem.refused.message': 'No se entendió la solicitud. Vuelva atrás e inténtelo de nuevo.',
  'problem.failed.title': 'Algo salió mal',
  'problem.failed.message':
    'Algo salió mal por nuestra parte. Vuelva a la aplicación e inténtelo de nuevo en un momento.',
  'problem.csrf.title': 'No se pudo verificar este formulario',
  'problem.csrf.message':
    'Por su seguridad, se rechazó este formulario. Vuelva atrás, recargue la página e inténtelo de nuevo.',
  'problem.unsupported_prompt.title': 'El inicio de sesión no pudo continuar',
  'problem.unsupported_prompt.message':
    'La aplicación pidió algo que este servicio de inicio de sesión no ofrece. Vuelva a la aplicación e inténtelo de nuevo.',
  'problem.form_type.title': 'Formulario no reconocido',
  'problem.form_type.message': 'Esta página solo acepta su propio formulario. Vuelva atrás e inténtelo de nuevo.',
  'problem.form_too_large.title': 'Demasiados datos',
  'problem.form_too_large.message': 'El formulario que envió era demasiado grande. Vuelva atrás e inténtelo de nuevo.',
  'problem.form_unreadable.title': 'Formulario no reconocido',
  'problem.form_unreadable.message': 'No se pudo leer el formulario que envió. Vuelva atrás e inténtelo de nuevo.',
  'problem.length_required.title': 'Formulario no reconocido',
  'problem.length_required.message': 'Lo que envió no indicaba su tamaño. Vuelva atrás e inténtelo de nuevo.',
  'problem.body_too_large.title': 'Demasiados datos',
  'problem.body_too_large.message':
    'Lo que envió era demasiado grande para ser un formulario de este sitio. Vuelva atrás e inténtelo de nuevo.',
  'problem.plain_http.title': 'Use la dirección segura',
  'problem.plain_http.message':
    'A este servicio de inicio de sesión solo se accede mediante una conexión segura (https), y esta solicitud no llegó por ella.',
  'problem.plain_http.continue': 'Continuar en {host}',
  'problem.setup_needed.title': 'Se necesita un enlace de configuración',
  'problem.setup_needed.message':
    'Esta cuenta no tiene ninguna aplicación de autenticación. Por su seguridad, solo se le puede vincular una aplicación mediante un enlace de configuración de su administrador: pídale que le envíe uno y ábralo en este navegador.',
  'problem.setup_link.title': 'Este enlace de configuración no se puede usar',
  'problem.setup_link.message':
    'Este enlace de configuración ha caducado, ya se ha usado o ha sido sustituido por uno más reciente. Pida un enlace nuevo a su administrador.',
  'problem.already_enrolled.title': 'Esta cuenta ya tiene una aplicación de autenticación',
  'problem.already_enrolled.message':
    'Mientras configuraba su aplicación, se vinculó otra aplicación a esta cuenta, por lo que la suya no se vinculó. Vuelva a iniciar sesión con el código de la aplicación vinculada. Si no la vinculó usted, avise enseguida a su administrador y cambie su contraseña.',
  'problem.not_found.title': 'Página no encontrada',
  'problem.not_found.message':
    'No hay ninguna página en esta dirección. Para iniciar sesión, empiece desde la aplicación que quiere usar o vaya a la página de su cuenta.',

  'provider.error.title': 'El inicio de sesión no pudo continuar',
  'provider.error.invalid_request':
    'El enlace que le trajo aquí no es válido. Vuelva a la aplicación e inténtelo de nuevo.',
  'provider.error.invalid_client':
    'La aplicación que le envió aquí no es conocida por este servicio de inicio de sesión.',
  'provider.error.invalid_redirect_uri': 'La aplicación pidió enviarle a una dirección que no ha registrado.',
  'provider.error.server_error': 'Algo salió mal por nuestra parte. Inténtelo de nuevo en un momento.',
  'provider.error.temporarily_unavailable':
    'El inicio de sesión no está disponible temporalmente. Inténtelo de nuevo en un momento.',
  'provider.error.other': 'No se pudo completar la solicitud. Vuelva a la aplicación e inténtelo de nuevo.',
  'provider.error.code': 'Código de error: <code>{error}</code>',
  'provider.error.code_described': 'Código de error: <code>{error}</code> — {description}',
  'logout.title': 'Cerrar sesión',
  'logout.heading': '¿Cerrar sesión?',
  'logout.message': 'Se cerrará su sesión en {issuer} y en las aplicaciones que lo usan en este navegador.',
  'logout.yes': 'Sí, cerrar sesión',
  'logout.no': 'No, mantener la sesión',
  'logged_out.title': 'Sesión cerrada',
  'logged_out.message': 'Se ha cerrado su sesión. Puede cerrar esta ventana.',

  'support.url': 'Para obtener ayuda con el inicio de sesión, <link>contacte con el soporte</link>.',
  'support.email': 'Para obtener ayuda con el inicio de sesión, escriba a <mail>{email}</mail>.',
  'support.both':
    'Para obtener ayuda con el inicio de sesión, <link>contacte con el soporte</link> o escriba a <mail>{email}</mail>.',
  'account.title': 'Su cuenta',
  'account.signed_in_as': 'Sesión iniciada como {email}',
  'account.no_email': 'una cuenta sin dirección de correo electrónico',
  'account.app.heading': 'Aplicaciones de autenticación',
  'account.app.none':
    'No hay ninguna aplicación de autenticación vinculada a su cuenta. Se le pedirá que configure una la próxima vez que inicie sesión.',
  'account.app.default_name': 'Aplicación de autenticación',
  'account.app.locked': '(bloqueada)',
  'account.app.added': 'Añadida',
  'account.app.last_used': 'Último uso',
  'account.app.not_used': 'Aún no se ha usado',
  'account.app.lost': '¿Ha perdido o cambiado su teléfono? <help>Esto es lo que debe hacer</help>.',
  'account.app.intro':
    'Un código de cualquiera de estas aplicaciones le permite iniciar sesión. Puede vincular hasta {max} aplicaciones, por ejemplo en un teléfono de reserva.',
  'account.app.locked_why':
    'Bloqueada tras demasiados códigos incorrectos: sus códigos se rechazan. Inicie sesión con otra aplicación o con un código de recuperación.',
  'account.app.new_name': 'Nuevo nombre para esta aplicación',
  'account.app.rename': 'Cambiar el nombre',
  'account.app.remove': 'Quitar esta aplicación',
  'account.app.only_one':
    'Es su única aplicación, así que no se puede quitar. ¿Cambia de teléfono? Añada primero el nuevo y después quite esta.',
  'account.app.add': 'Añadir otra aplicación',
  'account.app.full': 'Ha vinculado {max} aplicaciones, el máximo permitido. Quite una para añadir otra.',
  'account.add_app.title': 'Añadir otra aplicación de autenticación',
  'account.add_app.intro':
    '{issuer} aceptará los códigos de esta aplicación igual que los de las aplicaciones que ya ha vinculado. Sus códigos de recuperación no cambian.',
  'account.add_app.name':
    'Un nombre para esta aplicación, para distinguirla de las demás (por ejemplo «Teléfono de reserva»)',
  'account.add_app.name_invalid': 'Ese nombre no se puede usar. Elija uno de 1 a 40 caracteres.',
  'account.add_app.expired':
    'La clave que se mostró antes ha caducado. Añada a su aplicación la clave que se muestra ahora y escriba el código que aparece.',
  'account.add_app.submit': 'Añadir esta aplicación',
  'account.add_app.back': 'Volver a su cuenta',
  'account.codes.heading': 'Códigos de recuperación',
  'account.codes.left':
    '{count, plural, =0 {No le queda ningún código de recuperación sin usar.} one {Le queda # código de recuperación sin usar.} other {Le quedan # códigos de recuperación sin usar.}}',
  'account.codes.why':
    'Un código de recuperación le permite iniciar sesión si pierde su teléfono. Generar códigos nuevos sustituye todos los anteriores.',
  'account.codes.generate': 'Generar nuevos códigos de recuperación',
  'account.password.heading': 'Contraseña',
  'account.password.intro':
    'Al cambiar su contraseña se cierra su sesión en todos los demás sitios: en otros navegadores y en las aplicaciones en las que inició sesión.',
  'account.password.current': 'Contraseña actual',
  'account.password.new': 'Contraseña nueva',
  'account.password.rules': 'Al menos {min} caracteres. Una frase larga es fácil de recordar y difícil de adivinar.',
  'account.password.confirm': 'Repita la contraseña nueva',
  'account.password.submit': 'Cambiar la contraseña',
  'account.password.changed': 'Su contraseña se ha cambiado. Se ha cerrado su sesión en todos los demás sitios.',
  'account.password.missing': 'Escriba su contraseña actual y después dos veces la nueva.',
  'account.password.wrong': 'Esa no es su contraseña actual. Su contraseña no se ha cambiado.',
  'account.password.mismatch': 'Las dos contraseñas nuevas no coinciden. Escriba la nueva dos veces exactamente igual.',
  'account.password.too_short': 'La contraseña nueva debe tener al menos {min} caracteres.',
  'account.password.too_long': 'La contraseña nueva debe tener como máximo {max} caracteres.',
  'account.password.too_common':
    'Esa contraseña es demasiado común: aparece en listas de contraseñas filtradas. Elija otra.',
  'account.session.heading': 'Este inicio de sesión',
  'account.session.methods': 'Inició sesión con {methods}.',
  'account.session.methods_two_step': 'Inició sesión con {methods} (inicio de sesión en dos pasos).',
  'account.session.method.pwd': 'su contraseña',
  'account.session.method.otp': 'un código de un solo uso de su aplicación de autenticación',
  'account.session.method.hwk': 'una llave de seguridad',
  'account.session.method.swk': 'una llave de software',
  'account.session.method.sms': 'un código enviado por SMS',
  'account.session.method.face': 'reconocimiento facial',
  'account.session.method.fpt': 'una huella dactilar',
  'account.session.method.other': 'un método llamado «{method}»',
  'account.session.method.unknown': 'un método que esta página no conoce',
  'account.session.since': 'Desde',
  'account.reauth_rule':
    'Los cambios en esta página requieren haber iniciado sesión con su contraseña y su aplicación {minutes, plural, one {en el último # minuto} other {en los últimos # minutos}}. Si no, primero se le piden ambos y después vuelve aquí.',
  'account.notice.signed_in_again': 'Ha vuelto a iniciar sesión con los dos pasos. Ya puede hacer su cambio.',
  'account.notice.session_ended':
    'Esa sesión ha terminado. Ese navegador debe volver a iniciar sesión, y las aplicaciones en las que había iniciado sesión perdieron allí su acceso.',
  'account.notice.session_not_found': 'Esa sesión ya había terminado. No se ha cambiado nada.',
  'account.notice.other_sessions_ended':
    'Ha cerrado la sesión en todos los demás sitios. Solo este navegador sigue con la sesión iniciada.',
  'account.notice.app_revoked':
    'La aplicación ya no tiene acceso a su cuenta. Si vuelve a usarla, le pedirá de nuevo su permiso.',
  'account.notice.app_not_found': 'Esa aplicación ya no tenía acceso. No se ha cambiado nada.',
  'account.notice.codes_already_replaced':
    'Esos códigos de recuperación ya se habían sustituido (el formulario se envió dos veces o se recargó la página con los códigos nuevos), así que no se creó otro juego. Los códigos que se mostraron entonces son los válidos; si no los guardó, genere un juego nuevo.',
  'account.notice.authenticator_added':
    'La nueva aplicación está vinculada: sus códigos funcionan desde ahora, junto a sus otras aplicaciones.',
  'account.notice.authenticator_already_added':
    'Esa aplicación ya estaba añadida (el formulario se envió de nuevo), así que no se cambió nada más. Está en la lista de abajo.',
  'account.notice.authenticator_renamed': 'Se cambió el nombre de la aplicación.',
  'account.notice.authenticator_removed':
    'Se quitó la aplicación: sus códigos ya no funcionan. Borre también su entrada en la aplicación de ese teléfono. No se cambió nada más.',
  'account.notice.authenticator_not_found': 'Esa aplicación ya no estaba vinculada. No se cambió nada.',
  'account.notice.authenticator_name_invalid':
    'Ese nombre no se puede usar. Elija uno de 1 a 40 caracteres. No se cambió nada.',
  'account.notice.authenticator_last':
    'Es su única aplicación, así que no se quitó. Añada primero el teléfono nuevo y después quite el antiguo.',
  'account.notice.authenticator_too_many':
    'Ha vinculado el máximo de aplicaciones permitido. Quite una antes de añadir otra.',
  'account.sessions.heading': 'Dónde tiene la sesión iniciada',
  'account.sessions.intro':
    'Cada navegador con la sesión iniciada en su cuenta. Si no reconoce alguno, termine su sesión y cambie su contraseña.',
  'account.sessions.this': 'Este navegador',
  'account.sessions.device': '{browser} en {system}',
  'account.sessions.unknown_browser': 'Un navegador desconocido',
  'account.sessions.unknown_system': 'un sistema desconocido',
  'account.sessions.address': 'Dirección de red',
  'account.sessions.signed_in': 'Sesión iniciada',
  'account.sessions.first_seen': 'Visto por primera vez',
  'account.sessions.last_seen': 'Visto por última vez',
  'account.sessions.not_recorded': 'No registrado',
  'account.sessions.end': 'Terminar esta sesión',
  'account.sessions.end_others': 'Cerrar la sesión en todos los demás sitios',
  'account.sessions.only_this': 'No tiene la sesión iniciada en ningún otro sitio.',
  'account.apps.heading': 'Aplicaciones conectadas',
  'account.apps.intro':
    'Las aplicaciones a las que permitió usar su cuenta. Revocar una termina su acceso al instante: tendrá que pedirle permiso de nuevo.',
  'account.apps.none': 'Ninguna otra aplicación tiene acceso a su cuenta.',
  'account.apps.since': 'Permitida desde',
  'account.apps.access': 'Puede',
  'account.apps.revoke': 'Revocar el acceso',
  'account.sign_out': 'Cerrar sesión',
  'account.go': 'Ir a su cuenta',
  'signed_out.title': 'Sesión cerrada',
  'signed_out.heading': 'Ha cerrado sesión',
  'signed_out.message': 'Se ha cerrado su sesión en {issuer} en este navegador.',
  'signed_out.again': 'Volver a iniciar sesión',
  'problem.portal_denied.title': 'Se canceló el inicio de sesión',
  'problem.portal_denied.message': 'No terminó de iniciar sesión, por lo que no se puede mostrar su cuenta.',
  'problem.portal_invalid.title': 'No se pudo completar este inicio de sesión',
  'problem.portal_invalid.message':
    'La respuesta de inicio de sesión ha caducado, ya se usó o no empezó en este navegador. Empiece de nuevo para ver su cuenta.',
  'problem.portal_unavailable.title': 'Página de la cuenta no disponible',
  'problem.portal_unavailable.message':
    'La página de la cuenta no puede comunicarse con el servicio de inicio de sesión en este momento. Inténtelo de nuevo en un momento.',
  'problem.portal_expired_form.title': 'Inténtelo de nuevo',
  'problem.portal_expired_form.message':
    'Ese formulario ha caducado. Recargue la página de su cuenta e inténtelo de nuevo.',

  'help.title': 'Ayuda con su aplicación de autenticación',
  'help.heading': 'Su aplicación de autenticación',
  'help.back_sign_in': 'Volver al inicio de sesión',
  'help.back_account': 'Volver a su cuenta',
  'help.intro':
    'Iniciar sesión en {issuer} requiere dos pasos: su contraseña y, después, un código de 6 dígitos de una aplicación de autenticación en su teléfono. El código cambia cada 30 segundos, así que una contraseña robada no basta por sí sola.',
  'help.setup.heading': 'Configurar la aplicación',
  'help.setup.install': 'Instale una aplicación de autenticación en su teléfono. Estas funcionan:',
  'help.setup.sign_in':
    'Inicie sesión con su correo electrónico y su contraseña. La primera vez, {issuer} muestra un código QR.',
  'help.setup.scan':
    'En la aplicación, añada una cuenta y escanee el código QR. Si no puede escanearlo, elija introducir una clave y escriba la clave que aparece bajo el código QR (basada en el tiempo).',
  'help.setup.code':
    'Escriba el código de 6 dígitos que muestra la aplicación. A partir de ahora, la aplicación le da un código cada vez que {issuer} se lo pide.',
  'help.apps.heading': 'Los pasos en su aplicación',
  'help.apps.intro':
    'Cada aplicación llama a sus botones de forma algo distinta. Esto es lo que debe tocar en cada una.',
  'help.app.google':
    'Toque <strong>+</strong>, luego <strong>Escanear un código QR</strong>, y apunte la cámara al código QR. ¿No puede escanearlo? Toque <strong>Introducir una clave de configuración</strong>, escriba su correo electrónico como nombre de la cuenta, escriba la clave y deje <strong>Basada en el tiempo</strong>.',
  'help.app.microsoft':
    'Toque <strong>+</strong>, elija <strong>Otra cuenta (Google, Facebook, etc.)</strong>, no «Cuenta profesional o educativa», y escanee el código QR. ¿No puede escanearlo? Toque <strong>O escriba el código manualmente</strong>, escriba su correo electrónico como nombre de la cuenta y la clave como clave secreta.',
  'help.app.duo':
    'Toque <strong>+ Añadir</strong>, luego <strong>Usar código QR</strong>, y escanee el código QR. ¿No puede escanearlo? Elija escribir una clave en su lugar, ponga su correo electrónico como nombre de la cuenta y escriba la clave.',
  'help.app.okta':
    'Toque <strong>+</strong>, elija <strong>Otra</strong> como tipo de cuenta, no «Organización», y escanee el código QR. ¿No puede escanearlo? Toque <strong>O introduzca la clave manualmente</strong>, escriba su correo electrónico como nombre de la cuenta y luego la clave.',
  'help.app.lastpass':
    'Toque <strong>+</strong>, luego <strong>Escanear código QR</strong>, y apunte la cámara al código QR. ¿No puede escanearlo? Elija escribir la clave a mano, escriba su correo electrónico como nombre de la cuenta y luego la clave.',
  'help.refused.heading': 'Los códigos se rechazan',
  'help.refused.clock':
    'Los códigos dependen de la hora: el reloj de su teléfono debe ser exacto al minuto. Deje que el teléfono ajuste la fecha y la hora automáticamente en lugar de ajustarlas a mano.',
  'help.refused.clock_iphone':
    'En un iPhone: <strong>Ajustes › General › Fecha y hora</strong>, y active <strong>Ajuste automático</strong>.',
  'help.refused.clock_android':
    'En Android: <strong>Ajustes › Sistema › Fecha y hora</strong>, y active <strong>Establecer la hora automáticamente</strong> (los nombres varían un poco según el teléfono).',
  'help.refused.every_30s':
    'La aplicación muestra un código nuevo cada 30 segundos. Escriba el código que muestra ahora; si está a punto de cambiar, espere al siguiente.',
  'help.refused.once':
    'Cada código sirve una sola vez. Si un código se acaba de usar, espere a que la aplicación muestre uno nuevo.',
  'help.codes.heading': 'Códigos de recuperación',
  'help.codes.text':
    'Cuando vincula la aplicación, {issuer} le muestra 10 códigos de recuperación, una sola vez. Cada código funciona una vez, en lugar del código de su aplicación. Guárdelos en un lugar seguro que no sea su teléfono: imprímalos, anótelos o guárdelos en un gestor de contraseñas. La <account>página de su cuenta</account> muestra cuántos le quedan y puede darle un conjunto nuevo (el anterior deja entonces de funcionar).',
  'help.replace.heading': 'Cambiar a un teléfono nuevo',
  'help.replace.add':
    'En su <account>página de cuenta</account>, elija «Añadir otra aplicación», escanee el código QR que aparece con el teléfono nuevo y escriba el código que muestra. El teléfono antiguo sigue funcionando mientras tanto.',
  'help.replace.remove':
    'Después, en la misma página, quite la aplicación del teléfono antiguo: sus códigos dejan de funcionar en el acto. Sus otras aplicaciones y sus códigos de recuperación no cambian.',
  'help.replace.delete_entry':
    'En la aplicación del teléfono antiguo, borre la entrada {issuer}: ya no da códigos válidos.',
  'help.lost.heading': '¿Ha perdido su teléfono?',
  'help.lost.sign_in': 'Inicie sesión con su correo electrónico y su contraseña, como siempre.',
  'help.lost.choose':
    'En la página que le pide el código, elija <strong>{link}</strong>. También funciona cuando su aplicación se ha bloqueado tras demasiados códigos incorrectos.',
  'help.lost.type':
    'Escriba uno de sus códigos de recuperación (las mayúsculas, los espacios y los guiones no importan). Su sesión se cierra en el acto en todos los demás sitios, y su aplicación anterior deja de funcionar en cuanto vincula la nueva, de modo que quien tenga el teléfono antiguo no puede usarlo.',
  'help.lost.link':
    'Vincule la aplicación en su nuevo teléfono, como la primera vez. Recibirá entonces 10 códigos de recuperación nuevos: guárdelos también.',
  'help.lost.delete_entry':
    'Si su aplicación muestra ahora dos entradas {issuer}, borre la más antigua: solo la más reciente da códigos válidos.',
  'help.lost.none_left':
    '¿No le quedan códigos de recuperación? Pida ayuda a su administrador: restablecerá su aplicación de autenticación y le enviará un enlace de configuración con el que vinculará la aplicación de su teléfono nuevo.',
  'help.contact.heading': '¿Sigue sin poder entrar?',
  'help.contact.administrator': 'Diríjase al administrador de {issuer}: la persona o el equipo que le dio su cuenta.',
};
