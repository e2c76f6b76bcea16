// Password policy and hashing. NIST SP 800-63B §5.1.1.2: at least 8 characters, refuse known
// common passwords, no composition rules, Unicode normalised (NFKC).
// bcrypt reads only the first 72 bytes of its input, so two long passwords sharing a prefix would
// both work. We hash SHA-256(password) instead (44 base64 characters, never a NUL byte), which keeps
// every byte significant. bcrypt runs through its async API, on libuv's thread pool.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import bcrypt from 'bcrypt';
import { packageRoot } from '../paths.js';
import { InvalidInputError } from './errors.js';

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(
    readFileSync(join(packageRoot, 'src/accounts/common-passwords.txt'), 'utf8').split('\n').filter(Boolean),
  );
  return common;
}

function normalize(password: string): string {
  return password.normalize('NFKC');
}

/** Which rule a password breaks, if any: the CLI says it in English, a page in the person's language. */
export type PasswordProblem = 'too_short' | 'too_long' | 'too_common';

export function passwordProblem(password: string): PasswordProblem | null {
  const normalized = normalize(password);
  // Counted in Unicode code points, as NIST SP 800-63B §5.1.1.2 asks (not UTF-16 units).
  const length = Array.from(normalized).length;
  if (length < MIN_PASSWORD_LENGTH) return 'too_short';
  if (length > MAX_PASSWORD_LENGTH) return 'too_long';
  if (commonPasswords().has(normalized.toLowerCase())) return 'too_common';
  return null;
}

const PROBLEMS: Record<PasswordProblem, string> = {
  too_short: `password must be at least ${MIN_PASSWORD_LENGTH} characters`,
  too_long: `password must be at most ${MAX_PASSWORD_LENGTH} characters`,
  too_common: 'password is too common; choose one that is not on lists of leaked passwords',
};

/** Throws InvalidInputError with a reason a person understands when the password is not acceptable. */
export function checkPasswordPolicy(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new InvalidInputError(PROBLEMS[problem]);
}

function prehash(password: string): string {
  return createHash('sha256').update(normalize(password), 'utf8').digest('base64');
}

export function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(prehash(password), cost);
}

/** The cost a stored hash was made with (a hash from before a BCRYPT_COST change differs). */
export function hashCost(hash: string): number {
  return bcrypt.getRounds(hash);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH * 4) return bcrypt.compare('', hash).then(() => false);
  return bcrypt.compare(prehash(password), hash);
}
