// Every kind of page, drawn in French, German and Spanish, as a reader of that language sees it: the
// page says its language, and no sentence of the English catalogue is left on it. The sign-in
// flows themselves are walked over HTTP in test/integration/languages.test.ts; this covers the
// pages a flow rarely reaches (limits, locks, every problem, consent, the replay notice).
import { LOCALES, type Locale } from '../../src/i18n/locales.js';
import { frameIn, type Frame } from '../../interactions/language.js';
import { problemPage, type ProblemName } from '../../interactions/layout.js';
import { passwordPage } from '../../interactions/pages/password.js';
import { enrollPage } from '../../interactions/pages/enroll.js';
import { codePage } from '../../interactions/pages/code.js';
import { recoveryPage } from '../../interactions/pages/recovery.js';
import { accountRecoveryCodesPage, signInRecoveryCodesPage } from '../../interactions/pages/recovery-codes.js';
import { replayNoticePage } from '../../interactions/pages/replay-notice.js';
import { consentPage, describeRequest } from '../../interactions/pages/consent.js';
import { authenticatorLockedPage, tooManyAttemptsPage } from '../../interactions/pages/rate-limited.js';
import { helpPage } from '../../interactions/pages/help.js';
import { addAppPage, ADD_APP_ERRORS } from '../../interactions/pages/account-add-app.js';
import { ACCOUNT_NOTICES, accountPage, portalProblemPage, signedOutPage } from '../../interactions/pages/account.js';
import { CATALOGUES } from '../../src/i18n/translator.js';
import { brand } from '../../src/branding/index.js';
import { englishSentencesOn } from '../support/languages.js';

const SETTINGS = {
  issuerName: 'Acme Sign-in',
  defaultLocale: 'en',
  displayTimeZone: 'Europe/Berlin',
  secureCookies: false,
  support: { url: 'https://help.example.com/', email: 'help@example.com' },
  brand: brand({}),
} as const;

const PROBLEMS = [
  ...new Set(
    Object.keys(CATALOGUES.en)
      .filter((key) => key.startsWith('problem.'))
      .map((key) => key.split('.')[1]!),
  ),
] as ProblemName[];

const uid = 'AbC_123-xyz';
const csrf = 'token';
const email = 'alice@example.com';
const at = new Date('2026-12-01T05:54:00Z');

const keyUri = 'otpauth://totp/Twofold:ada%40example.com?secret=ABCDEFGH&issuer=Twofold';

/** Every page template with sample data, by name. */
function everyPage(frame: Frame): Record<string, string> {
  // The account page's sections: every kind of session and application line, or none of them.
  const actions = {
    reauthWindowSeconds: 600,
    recoveryCodeSet: 'set-1',
    endSessionAction: '/account/sessions/end',
    endOtherSessionsAction: '/account/sessions/end-others',
    revokeAppAction: '/account/apps/revoke',
    maxAuthenticators: 5,
    addAuthenticatorHref: '/account/authenticators/add',
    renameAuthenticatorAction: '/account/authenticators/rename',
    removeAuthenticatorAction: '/account/authenticators/remove',
  };
  const link = { qrSvg: '<svg></svg>', keyUri, secretForHumans: 'ABCD EFGH' };
  const everything = {
    ...actions,
    sessions: [
      {
        uid: 'u1',
        browser: 'Firefox',
        system: 'Linux',
        ip: '192.0.2.1',
        signedInAt: at,
        firstSeenAt: at,
        lastSeenAt: at,
        current: true,
      },
      {
        uid: 'u2',
        browser: null,
        system: null,
        ip: null,
        signedInAt: null,
        firstSeenAt: null,
        lastSeenAt: null,
        current: false,
      },
    ],
    apps: [
      {
        clientId: 'notes',
        name: 'Acme Notes',
        scopes: ['openid', 'email', 'profile', 'offline_access', 'x:y'],
        since: at,
      },
      { clientId: 'bare', name: null, scopes: [], since: null },
    ],
  };
  const nothing = { ...actions, sessions: [], apps: [] };
  const pages: Record<string, string> = {
    password: passwordPage({ frame, uid, csrf, clientName: 'Acme Notes' }),
    'password, wrong': passwordPage({ frame, uid, csrf, clientName: 'Acme Notes', email, error: 'password.wrong' }),
    'password, started over': passwordPage({ frame, uid, csrf, clientName: 'N', notice: 'password.started_over' }),
    enrolment: enrollPage({ frame, uid, csrf, email, link }),
    'enrolment after a recovery code': enrollPage({
      frame,
      uid,
      csrf,
      email,
      link,
      notice: 'enroll.recovered',
    }),
    code: codePage({ frame, uid, csrf, email, error: 'code.wrong' }),
    'code, replayed': codePage({ frame, uid, csrf, email, error: 'code.replay' }),
    recovery: recoveryPage({ frame, uid, csrf, email, error: 'recovery.malformed' }),
    'recovery codes': signInRecoveryCodesPage({ frame, uid, csrf, email, codes: ['aaaa-bbbb'] }),
    'recovery codes, reloaded': signInRecoveryCodesPage({ frame, uid, csrf }),
    'new recovery codes': accountRecoveryCodesPage(frame, ['aaaa-bbbb'], email, '/account'),
    'replay notice': replayNoticePage({
      frame,
      uid,
      csrf,
      attempts: Array.from({ length: 7 }, (_, i) => ({ at, ip: i % 2 ? '203.0.113.9' : null })),
    }),
    'wrong codes notice': replayNoticePage({
      frame,
      uid,
      csrf,
      attempts: [],
      wrongCodes: {
        count: 9,
        atLeast: false,
        from: Array.from({ length: 7 }, (_, i) => ({ ip: i % 2 ? `203.0.113.${i}` : null, count: i + 1, last: at })),
      },
    }),
    'wrong codes and a reused code, at least': replayNoticePage({
      frame,
      uid,
      csrf,
      attempts: [{ at, ip: '203.0.113.9' }],
      wrongCodes: { count: 500, atLeast: true, from: [{ ip: '203.0.113.9', count: 1, last: at }] },
    }),
    consent: consentPage({
      frame,
      uid,
      csrf,
      clientName: 'Acme Analytics',
      email,
      requests: describeRequest(['openid', 'email', 'profile', 'offline_access', 'custom:read'], ['name']),
    }),
    'account locked': authenticatorLockedPage(frame, uid),
    help: helpPage(frame),
    account: accountPage({
      frame,
      email,
      authenticators: [{ id: 'a1', label: 'Authenticator app', addedAt: at, lastUsedAt: null, locked: true }],
      amr: ['pwd', 'otp', 'mfa'],
      authTime: at.getTime() / 1000,
      recoveryCodesLeft: 1,
      ...everything,
      recoveryCodesAction: '/account/recovery-codes',
      passwordAction: '/account/password',
      csrfToken: csrf,
      signOutAction: '/account/sign-out',
    }),
    'account with several apps': accountPage({
      frame,
      email,
      authenticators: [
        { id: 'a1', label: 'Authenticator app', addedAt: at, lastUsedAt: at, locked: false },
        { id: 'a2', label: 'Work phone', addedAt: at, lastUsedAt: null, locked: true },
      ],
      amr: ['pwd', 'otp', 'mfa'],
      authTime: null,
      recoveryCodesLeft: 3,
      ...nothing,
      maxAuthenticators: 2,
      recoveryCodesAction: '/account/recovery-codes',
      passwordAction: '/account/password',
      csrfToken: csrf,
      signOutAction: '/account/sign-out',
    }),
    'add another app': addAppPage({
      frame,
      email,
      link,
      action: '/account/authenticators/add',
      accountHref: '/account',
      csrfToken: csrf,
    }),
    ...Object.fromEntries(
      ADD_APP_ERRORS.map((error) => [
        `add another app, ${error}`,
        addAppPage({ frame, email, link, action: '', accountHref: '', csrfToken: csrf, error, name: 'Phone' }),
      ]),
    ),
    'account without an app': accountPage({
      frame,
      email: null,
      authenticators: [],
      amr: ['pwd', 'hwk', 'x-custom'],
      authTime: null,
      recoveryCodesLeft: null,
      ...nothing,
      recoveryCodesAction: '',
      passwordAction: '/account/password',
      password: 'too_common',
      csrfToken: csrf,
      signOutAction: '',
    }),
    ...Object.fromEntries(
      (['changed', 'missing', 'wrong', 'mismatch', 'too_short', 'too_long'] as const).map((outcome) => [
        `account, password ${outcome}`,
        accountPage({
          frame,
          email,
          authenticators: [],
          amr: ['pwd', 'otp', 'mfa'],
          authTime: null,
          recoveryCodesLeft: null,
          ...nothing,
          ...nothing,
          recoveryCodesAction: '',
          passwordAction: '/account/password',
          password: outcome,
          csrfToken: csrf,
          signOutAction: '',
        }),
      ]),
    ),
    'signed out': signedOutPage(frame, '/account'),
  };
  for (const notice of ACCOUNT_NOTICES)
    pages[`account, notice ${notice}`] = accountPage({
      frame,
      email,
      authenticators: [],
      amr: ['pwd', 'otp', 'mfa'],
      authTime: null,
      recoveryCodesLeft: null,
      ...nothing,
      recoveryCodesAction: '',
      passwordAction: '',
      notice,
      csrfToken: csrf,
      signOutAction: '',
    });
  for (const what of ['password', 'code', 'recovery code'] as const)
    for (const scope of ['account', 'network'] as const)
      for (const seconds of [30, 61, 900])
        pages[`too many ${what}s (${scope}, ${seconds} s)`] = tooManyAttemptsPage(frame, what, scope, seconds);
  for (const problem of ['denied', 'invalid', 'unavailable', 'expired-form'] as const)
    pages[`account problem ${problem}`] = portalProblemPage(frame, problem, '/account');
  for (const problem of PROBLEMS) pages[`problem ${problem}`] = problemPage(frame, problem);
  return pages;
}

describe.each(LOCALES.filter((l) => l !== 'en'))('every page in %s', (locale: Locale) => {
  const pages = everyPage(frameIn(locale, SETTINGS, '/somewhere'));

  it.each(Object.keys(pages))('%s: in that language, with no English sentence left', (name) => {
    const body = pages[name]!;
    expect(body).toContain(`<html lang="${locale}">`);
    expect(englishSentencesOn(body, locale)).toEqual([]);
  });
});

describe('the pages in English', () => {
  it('would be caught by the same check, read as French', () => {
    const pages = everyPage(frameIn('en', SETTINGS, '/somewhere'));
    for (const body of Object.values(pages)) expect(englishSentencesOn(body, 'fr')).not.toEqual([]);
  });

  it('show times in the configured zone, named', () => {
    const page = everyPage(frameIn('de', SETTINGS))['replay notice']!;
    expect(page).toContain('<time datetime="2026-12-01T05:54:00.000Z">1. Dez. 2026, 06:54 MEZ</time>');
  });
});
