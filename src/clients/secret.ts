// Client secrets: 256 random bits, shown once, stored only as a SHA-256 digest and compared in
// constant time. A database dump therefore hands out no client credentials.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function generateClientSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function digestClientSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function clientSecretMatches(presented: unknown, digest: string | undefined): boolean {
  if (typeof presented !== 'string' || !digest) return false;
  const expected = Buffer.from(digest, 'hex');
  const actual = createHash('sha256').update(presented, 'utf8').digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
