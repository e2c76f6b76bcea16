// The rate limits Twofold enforces: one entry per limit, naming what it counts, the configuration
// that sizes it and the sign-in step it guards. Audit events (`rate_limited`), logs and metrics
// labels use the entry's name; a new limit is one new entry here (and its key below). What each
// one counts and why its default is what it is: SECURITY.md.
//
// Keys are SHA-256 digests: the store never holds an email, and hostile input (NUL bytes, invalid
// UTF-8, megabytes of text) cannot reach a Redis key or a database column. "Client address" is
// counted as src/ratelimit/address.ts says: an IPv6 address by its /64.
import { createHash } from 'node:crypto';
import type { RateLimitConfig } from '../config/index.js';
import { normalizeEmail } from '../accounts/email.js';
import { addressForLimits } from './address.js';
import { INTERACTION_LIFETIME_SECONDS } from '../oidc/lifetimes.js';

/** The sign-in step a limit guards, as metrics label it (none for the protocol endpoints). */
export type LimitedStep = 'signin' | 'password' | 'code' | 'recovery' | 'token';

export interface LimitDefinition {
  /** What one point is, in words (for logs and docs). */
  readonly counts: string;
  readonly step: LimitedStep;
  /** Points per window, from the configuration. */
  readonly points: (config: RateLimitConfig) => number;
  /** The window in seconds, from the configuration. */
  readonly windowSeconds: (config: RateLimitConfig) => number;
}

const window = (config: RateLimitConfig) => config.windowSeconds;

export const LIMITS = {
  // Keyed by the normalised email whether or not an account has it, so a refusal says nothing about
  // which emails exist. Deliberately no per-account password limit: an attacker spraying wrong
  // passwords from their addresses must not lock the person out of theirs.
  password_per_account_ip: {
    counts: 'wrong passwords per (email, client address)',
    step: 'password',
    points: (c) => c.passwordPerAccountIp,
    windowSeconds: window,
  },
  // Password spraying: one common password tried against thousands of emails from one address.
  password_per_ip: {
    counts: 'wrong passwords per client address, whatever the email',
    step: 'password',
    points: (c) => c.passwordPerIp,
    windowSeconds: window,
  },
  code_per_account_ip: {
    counts: 'wrong codes per (account, client address)',
    step: 'code',
    points: (c) => c.codePerAccountIp,
    windowSeconds: window,
  },
  // An attacker holding many passwords.
  code_per_ip: {
    counts: 'wrong codes per client address, whatever the account',
    step: 'code',
    points: (c) => c.codePerIp,
    windowSeconds: window,
  },
  // Someone who has the password cannot spread recovery-code guesses over many addresses.
  recovery_code_per_account: {
    counts: 'wrong recovery codes per account, from every address together',
    step: 'recovery',
    points: (c) => c.recoveryCodePerAccount,
    windowSeconds: (c) => c.recoveryCodeWindowSeconds,
  },
  token_per_client_ip: {
    counts: 'failed token, introspection and revocation requests per (client_id, client address)',
    step: 'token',
    points: (c) => c.tokenPerClientIp,
    windowSeconds: window,
  },
  // Storage: each sign-in started stores its request (up to ~30 KB) for the interaction's lifetime,
  // so the points live exactly as long and a finished sign-in gives its point back: what is
  // counted is what an address holds open. The account page's pending sign-in counts too.
  interaction_per_ip: {
    counts: 'sign-ins held open (stored, not finished) per client address',
    step: 'signin',
    points: (c) => c.interactionPerIp,
    windowSeconds: () => INTERACTION_LIFETIME_SECONDS,
  },
  // Made-up client_ids: one counter per address, not one per invented id (which the per-client
  // limit above would create, and which no per-client count ever stops).
  unknown_client_per_ip: {
    counts: 'failed client authentications naming an unregistered client_id, per client address',
    step: 'token',
    points: (c) => c.unknownClientPerIp,
    windowSeconds: window,
  },
  // bcrypt CPU: a right password costs a check too. Taken before the check like the others and
  // given back when the password was wrong (the wrong-password limits count those).
  right_password_per_account: {
    counts: 'right passwords per account, from every address together',
    step: 'password',
    points: (c) => c.rightPasswordPerAccount,
    windowSeconds: window,
  },
  right_password_per_ip: {
    counts: 'right passwords per client address, whatever the email',
    step: 'password',
    points: (c) => c.rightPasswordPerIp,
    windowSeconds: window,
  },
} as const satisfies Record<string, LimitDefinition>;

export type LimitName = keyof typeof LIMITS;

export const LIMIT_NAMES = Object.keys(LIMITS) as LimitName[];

function digest(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

/** The counter key of each kind of attempt. */
export const passwordKey = (email: string, ip: string) => digest(normalizeEmail(email), addressForLimits(ip));
export const ipKey = (ip: string) => digest(addressForLimits(ip));
export const codeKey = (accountId: string, ip: string) => digest(accountId, addressForLimits(ip));
export const tokenKey = (clientId: string, ip: string) => digest(clientId, addressForLimits(ip));
/** One account's counter, whatever the address (recovery codes, right passwords). */
export const accountKey = (accountId: string) => digest(accountId);
