// The person's path through the hosted pages, step by step, for flow tests.
import type { UserAgent, Visit } from './user-agent.js';
import { AuthenticatorApp } from './authenticator-app.js';
import type { RunningTwofold } from './twofold.js';
import type { RelyingParty } from './relying-party.js';

export const PASSWORD = 'a long passphrase nobody guesses 42';

let counter = 0;

/** A fresh account (unique email) with the standard test password. */
export async function createPerson(twofold: RunningTwofold, email = `person${++counter}-${Date.now()}@example.com`) {
  const account = await twofold.accounts.create({ email, password: PASSWORD });
  return { id: account.id, email: account.email, password: PASSWORD };
}

export function isPasswordPage(visit: Visit): boolean {
  return visit.status === 200 && /action="\/interaction\/[^"]+\/password"/.test(visit.body);
}
export function isEnrolmentPage(visit: Visit): boolean {
  return visit.status === 200 && /action="\/interaction\/[^"]+\/enroll"/.test(visit.body);
}
export function isCodePage(visit: Visit): boolean {
  return visit.status === 200 && /action="\/interaction\/[^"]+\/code"/.test(visit.body);
}
export function isRecoveryCodesPage(visit: Visit): boolean {
  return visit.status === 200 && /action="\/interaction\/[^"]+\/recovery-codes"/.test(visit.body);
}
export function isRecoveryPage(visit: Visit): boolean {
  return visit.status === 200 && /action="\/interaction\/[^"]+\/recovery"/.test(visit.body);
}
export function isConsentPage(visit: Visit): boolean {
  return visit.status === 200 && /action="\/interaction\/[^"]+\/consent"/.test(visit.body);
}

/** The page at a successful sign-in telling of a reused code or wrong codes since the last one. */
export function isSignInNotice(visit: Visit): boolean {
  return visit.status === 200 && /action="\/interaction\/[^"]+\/continue"/.test(visit.body);
}

/** Reads the notice of what someone with the password tried, like a person, and continues. */
export function continuePastNotice(ua: UserAgent, visit: Visit): Promise<Visit> {
  if (!isSignInNotice(visit))
    throw new Error(`expected the sign-in notice, got ${visit.status} ${visit.url}:\n${visit.body}`);
  return ua.submit(visit, '/continue');
}

export function submitPassword(ua: UserAgent, visit: Visit, email: string, password: string): Promise<Visit> {
  if (!isPasswordPage(visit))
    throw new Error(`expected the password page, got ${visit.status} ${visit.url}:\n${visit.body}`);
  return ua.submit(visit, '/password', { email, password });
}

/** The recovery codes a page shows (none when it shows none). */
export function recoveryCodesOn(visit: Visit): string[] {
  return [...visit.body.matchAll(/<li><code>([0-9a-z-]+)<\/code><\/li>/g)].map((m) => m[1]!);
}

/** On the page of new recovery codes: writes them down, like a person, and continues. */
export async function saveRecoveryCodes(
  ua: UserAgent,
  visit: Visit,
): Promise<{ recoveryCodes: string[]; visit: Visit }> {
  if (!isRecoveryCodesPage(visit))
    throw new Error(`expected the recovery codes page, got ${visit.status} ${visit.url}:\n${visit.body}`);
  const recoveryCodes = recoveryCodesOn(visit);
  return { recoveryCodes, visit: await ua.submit(visit, '/recovery-codes', {}, 'continue') };
}

/**
 * On the enrolment page: reads the key like a person setting up the app and types the first code;
 * `visit` is the answer, whatever it is (the recovery codes page when all went well).
 */
export async function submitEnrolment(ua: UserAgent, visit: Visit): Promise<{ app: AuthenticatorApp; visit: Visit }> {
  if (!isEnrolmentPage(visit))
    throw new Error(`expected the enrolment page, got ${visit.status} ${visit.url}:\n${visit.body}`);
  const app = AuthenticatorApp.fromEnrolmentPage(visit.body);
  return { app, visit: await ua.submit(visit, '/enroll', { code: await app.nextCode() }) };
}

/**
 * On the enrolment page: reads the key like a person setting up the app, types the first code, and
 * saves the recovery codes shown next.
 */
export async function enrol(
  ua: UserAgent,
  visit: Visit,
): Promise<{ app: AuthenticatorApp; visit: Visit; recoveryCodes: string[] }> {
  const submitted = await submitEnrolment(ua, visit);
  return { app: submitted.app, ...(await saveRecoveryCodes(ua, submitted.visit)) };
}

export async function typeCode(ua: UserAgent, visit: Visit, app: AuthenticatorApp): Promise<Visit> {
  if (!isCodePage(visit)) throw new Error(`expected the code page, got ${visit.status} ${visit.url}:\n${visit.body}`);
  return ua.submit(visit, '/code', { code: await app.nextCode() });
}

/** Where the browser ended up: the relying party's callback (throws when it is still on a page). */
export function callbackOf(visit: Visit): URL {
  if (!visit.leftTo)
    throw new Error(`expected a redirect to the relying party, got ${visit.status} ${visit.url}:\n${visit.body}`);
  return visit.leftTo;
}

interface Person {
  email: string;
  password: string;
}

/** A whole first sign-in: password, enrolment of a new app, back at the relying party with tokens. */
export async function firstSignIn(
  ua: UserAgent,
  rp: RelyingParty,
  person: Person,
  params: Record<string, string> = {},
) {
  const started = await rp.start(params);
  const passwordPage = await ua.navigate(started.url);
  const enrolled = await enrol(ua, await submitPassword(ua, passwordPage, person.email, person.password));
  const tokens = await rp.finish(callbackOf(enrolled.visit), started);
  return { app: enrolled.app, recoveryCodes: enrolled.recoveryCodes, tokens, started };
}

/** A whole sign-in of an enrolled person: password, code, back at the relying party with tokens. */
export async function signIn(
  ua: UserAgent,
  rp: RelyingParty,
  person: Person,
  app: AuthenticatorApp,
  params: Record<string, string> = {},
) {
  const started = await rp.start(params);
  const passwordPage = await ua.navigate(started.url);
  const done = await typeCode(ua, await submitPassword(ua, passwordPage, person.email, person.password), app);
  const tokens = await rp.finish(callbackOf(done), started);
  return { tokens, started };
}
