// Email addresses as account identifiers. Stored normalised (Unicode NFKC, then lower-cased) so
// "Alice@Example.com" and "ａｌｉｃｅ@example.com" are one account, not two look-alikes.
import { InvalidInputError } from './errors.js';

// Deliberately plain: one @, no spaces or control characters, a dot in the domain. Deliverability
// is the administrator's business; ambiguity is ours.
const SHAPE = /^[^\s@\p{Cc}\p{Cf}]+@[^\s@\p{Cc}\p{Cf}]+\.[^\s@\p{Cc}\p{Cf}]+$/u;

export function normalizeEmail(input: string): string {
  return input.normalize('NFKC').trim().toLowerCase();
}

/** Normalises and validates; throws InvalidInputError for anything that is not an address. */
export function parseEmail(input: string): string {
  const email = normalizeEmail(input);
  if (email.length > 254 || !SHAPE.test(email) || email.includes('\uFFFD')) {
    throw new InvalidInputError(`not a valid email address: ${JSON.stringify(input.slice(0, 80))}`);
  }
  return email;
}
