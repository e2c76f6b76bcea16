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

/**
 * Checks a code typed by a person against the previous, current and next 30 s step (phone clocks
 * drift; every peer accepts ±1 step). Returns the matched time step, or null. Anything that is not
 * exactly six ASCII digits after removing spaces is refused before any HMAC is computed; otplib
 * compares candidates with crypto.timingSafeEqual.
 */
export function verifyTotp(secret: string, code: string, now: number = Date.now()): number | null {
  return matchTotpAt(secret, code, now, [0, -1, 1])?.step ?? null;
}

/** Where a code was found: its time step, and how many steps it lies from the server's. */
export interface StepMatch {
  step: number;
  offset: number;
}

/**
 * Checks a code at exactly the given offsets from the current step (RFC 6238 §6: a learned drift
 * moves the window, never widens it). The first offset that matches wins; null when none does.
 */
export function matchTotpAt(secret: string, code: string, now: number, offsets: readonly number[]): StepMatch | null {
  const token = normalizeCode(code);
  if (token === null) return null;
  for (const offset of offsets) {
    const result = verifySync({
      secret,
      token,
      crypto,
      base32,
      algorithm: 'sha1',
      digits: DIGITS,
      period: PERIOD_SECONDS,
      epoch: Math.floor(now / 1000) + offset * PERIOD_SECONDS,
      epochTolerance: 0,
    });
    if (result.valid) return { step: result.timeStep, offset };
  }
  return null;
}

/** "123 456" → "123456"; null for anything that cannot be a code (so callers need not touch state). */
export function normalizeCode(code: unknown): string | null {
  if (typeof code !== 'string' || code.length > 64) return null;
  // As the apps show it: "123 456", "123-456" (spaces anywhere, or one dash between the halves).
  const token = code.replace(/\s+/g, '').replace(/^([0-9]{3})-([0-9]{3})$/, '$1$2');
  return CODE_SHAPE.test(token) ? token : null;
}
