// Recovery codes: the way back in when the phone with the authenticator app is lost. Each is a
// look-up secret (NIST SP 800-63B §5.1.2): 120 bits from the operating system's CSPRNG, written in
// Crockford's base32 lower case (no i, l, o or u, so nothing reads as another character), in six
// groups of four. What a person types is normalised before it is checked: case, spaces and dashes do
// not matter, and the letters Crockford reads as digits (i, l → 1; o → 0) are read that way.
//
// Only a digest is stored: SHA-256 over a domain-separated string that includes the account id.
// A fast hash is enough because the code itself is a 120-bit random value: SP 800-63B §5.1.2.2 asks
// for a key-derivation function only below 112 bits, since nobody can enumerate 2^120 candidates,
// whatever the hash speed. The account id salts the digest, so one table of precomputed digests
// cannot serve every account, and a digest copied to another account's row matches nothing. A
// digest (rather than a slow, randomly salted hash) is also what lets the check be one indexed,
// conditional UPDATE, atomic across instances.
import { createHash, randomBytes } from 'node:crypto';

/** How many codes one set holds. */
export const RECOVERY_CODES_PER_SET = 10;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
const BYTES = 15; // 120 bits: exactly 24 base32 characters
const LENGTH = 24;
const GROUP = 4;
const SHAPE = /^[0-9a-hjkmnp-tv-z]{24}$/;
const DOMAIN = 'twofold recovery code v1';

/** One fresh code, grouped for reading: `xxxx-xxxx-xxxx-xxxx-xxxx-xxxx`. */
export function generateRecoveryCode(): string {
  const bytes = randomBytes(BYTES);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET.charAt((value >>> (bits - 5)) & 31);
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out.match(new RegExp(`.{${GROUP}}`, 'g'))!.join('-');
}

/** A set of distinct codes. */
export function generateRecoveryCodes(count = RECOVERY_CODES_PER_SET): string[] {
  const codes = new Set<string>();
  while (codes.size < count) codes.add(generateRecoveryCode());
  return [...codes];
}

/** The code as stored for comparison (24 characters, no dashes), or null when it cannot be one. */
export function normalizeRecoveryCode(typed: string): string | null {
  if (typed.length > 100) return null;
  const clean = typed
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s-]+/g, '')
    .replace(/[il]/g, '1')
    .replace(/o/g, '0');
  return clean.length === LENGTH && SHAPE.test(clean) ? clean : null;
}

/** The stored digest of a normalised code for one account. */
export function recoveryCodeDigest(accountId: string, normalizedCode: string): string {
  return createHash('sha256').update(`${DOMAIN}\0${accountId}\0${normalizedCode}`).digest('base64url');
}
