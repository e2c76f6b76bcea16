// Time-based one-time passwords (RFC 6238) as every authenticator app understands them: HMAC-SHA-1,
// 6 digits, 30-second steps, a 160-bit secret (RFC 4226 §4 recommends 160 bits) shown as base32.
// Which step a code belonged to is returned so the caller can refuse that step ever again
// (RFC 6238 §5.2); the replay guard itself lives in the authenticator store.
import { base32 } from '@otplib/plugin-base32-scure';
import { crypto } from '@otplib/plugin-crypto-node';
import { getTimeStepUsed, verifySync } from '@otplib/totp';

const PERIOD_SECONDS = 30;
const DIGITS = 6;
const SECRET_BYTES = 20;
const CODE_SHAPE = /^[0-9]{6}$/;

/** A fresh secret: 20 bytes from the operating system's CSPRNG, base32 without padding (32 characters). */
export function generateTotpSecret(): string {
  return base32.encode(crypto.randomBytes(SECRET_BYTES), { padding: false });
}

export interface KeyUriInput {
  issuer: string;
  accountName: string;
  secret: string;
}

// encodeURIComponent leaves ! ' ( ) * as they are; encode them too so the URI is plain RFC 3986.
// Spaces become %20, never '+': Google Authenticator shows a '+' literally.
function encodePart(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The otpauth:// URI for the QR code, in the form of Google's Key Uri Format that Google and
 * Microsoft Authenticator, Duo Mobile, Okta Verify and LastPass Authenticator all read. SHA-1,
 * 6 digits and 30 s are those apps' defaults, so the parameters are left out rather than risk an app
 * that mis-reads them. Built here rather than with @otplib/uri's generateTOTP, which splits the
 * label on ':' and would leave a colon inside the issuer or account name unencoded: the one literal
 * ':' in our label is the issuer/account separator.
 */
export function totpKeyUri({ issuer, accountName, secret }: KeyUriInput): string {
  const issuerPart = encodePart(issuer);
  return `otpauth://totp/${issuerPart}:${encodePart(accountName)}?secret=${encodePart(secret)}&issuer=${issuerPart}`;
}

/** "JBSW Y3DP EHPK 3PXP …": groups of four, for typing the key by hand. */
export function formatSecretForHumans(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/** The RFC 6238 time step (T) at `now` (milliseconds since the epoch). */
export function timeStep(now: number = Date.now()): number {
  return getTimeStepUsed(Math.floor(now / 1000), PERIOD_SECONDS);
}

/** How far a phone's clock may be learned to be off, in steps either way (5 minutes). */
export const MAX_DRIFT_STEPS = 10;

/**
 * Checks a code typed by a person against the previous, current and next 30 s step (phone clocks
 * drift; every peer accepts ±1 step), centred on `driftSteps`, the drift this phone was learned to
 * have (RFC 6238 §6; at most MAX_DRIFT_STEPS either way): the window moves with the phone's clock
 * but never widens. Returns the matched time step, or null. Anything that is not exactly six ASCII
 * digits after removing spaces is refused before any HMAC is computed; otplib compares candidates
 * with crypto.timingSafeEqual.
 */
export function verifyTotp(secret: string, code: string, now: number = Date.now(), driftSteps = 0): number | null {
  const token = normalizeCode(code);
  if (token === null) return null;
  const result = verifySync({
    secret,
    token,
    crypto,
    base32,
    algorithm: 'sha1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
    epoch: Math.floor(now / 1000) + clampDrift(driftSteps) * PERIOD_SECONDS,
    // Seconds either side of now: exactly one step back and one step ahead.
    epochTolerance: PERIOD_SECONDS,
  });
  return result.valid ? result.timeStep : null;
}

/** The drift a code accepted at `step` shows (how far the phone's clock is off), within bounds. */
export function driftOf(step: number, now: number): number {
  return clampDrift(step - timeStep(now));
}

function clampDrift(steps: number): number {
  return Math.max(-MAX_DRIFT_STEPS, Math.min(MAX_DRIFT_STEPS, Math.trunc(steps)));
}

/** "123 456" → "123456"; null for anything that cannot be a code (so callers need not touch state). */
export function normalizeCode(code: unknown): string | null {
  if (typeof code !== 'string' || code.length > 64) return null;
  // As the apps show it: "123 456", "123-456" (spaces anywhere, or one dash between the halves).
  const token = code.replace(/\s+/g, '').replace(/^([0-9]{3})-([0-9]{3})$/, '$1$2');
  return CODE_SHAPE.test(token) ? token : null;
}
