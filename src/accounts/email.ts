// Email addresses as account identifiers. Stored normalised (Unicode NFKC, then lower-cased) so
// "Alice@Example.com" and "ａｌｉｃｅ@example.com" are one account, not two look-alikes.
import { InvalidInputError } from './errors.js';

// Deliberately plain: one @, no spaces or control characters, a dot in the domain. Deliverability
// is the administrator's business; ambiguity is ours.
const SHAPE = /^[^\s@\p{Cc}\p{Cf}]+@[^\s@\p{Cc}\p{Cf}]+\.[^\s@\p{Cc}\p{Cf}]+$/u;

export function normalizeEmail(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}

// Scripts whose letters pass for Latin ones (Cyrillic а, Greek ο, Armenian օ …). A part of an
// address that mixes two of them is a look-alike of another address, not a real one (a simplified
// form of the mixed-script check of Unicode TS #39 §5.1). One script alone, as in a wholly Cyrillic
// address, is fine.
const LOOKALIKE_SCRIPTS = [
  /\p{Script=Latin}/u,
  /\p{Script=Cyrillic}/u,
  /\p{Script=Greek}/u,
  /\p{Script=Armenian}/u,
  /\p{Script=Cherokee}/u,
];

function mixesLookalikeScripts(part: string): boolean {
  return LOOKALIKE_SCRIPTS.filter((script) => script.test(part)).length > 1;
}

/** Normalises and validates; throws InvalidInputError for anything that is not an address. */
export function parseEmail(input: string): string {
  const email = normalizeEmail(input);
  const shown = JSON.stringify(input.slice(0, 80));
  if (email.length > 254 || !SHAPE.test(email) || email.includes('\uFFFD')) {
    throw new InvalidInputError(`not a valid email address: ${shown}`);
  }
  if (email.split(/[@.]/).some(mixesLookalikeScripts)) {
    throw new InvalidInputError(
      `not a valid email address: ${shown} mixes letters of different alphabets that look alike`,
    );
  }
  return email;
}
