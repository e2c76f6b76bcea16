// The limits Twofold enforces, and what each one counts (defaults; every number is configurable,
// see src/config and SECURITY.md):
// - password: wrong passwords per (email, client IP), 5 per 15 min, reset by a right one. Keyed by
//   the normalised email whether or not an account has it, so a refusal says nothing about which
//   emails exist. There is deliberately no per-account password limit: an attacker spraying wrong
//   passwords from their addresses must not lock the person out of theirs.
// - password from an address: wrong passwords per client IP whatever the email, 50 per 15 min
//   (password spraying: one common password tried against thousands of emails). A right password
//   gives back only its own point, so an attacker's own account cannot wipe the count, and while
//   the address is blocked even a right password is refused, or spraying would go on until a hit.
//   Everyone behind one NAT address shares it: hence a generous default (SECURITY.md).
// - code: wrong codes per (account, client IP), 5 per 15 min, reset by a right one. Across all
//   addresses, the authenticator itself locks after 100 consecutive wrong codes (NIST SP 800-63B
//   §5.2.2), counted in the database by src/mfa/authenticators.ts.
// - code from an address: wrong codes per client IP whatever the account, 50 per 15 min, for an
//   attacker holding many passwords; a right code gives back its own point.
// - recovery code: wrong recovery codes per account, from every address together, 10 per hour (its
//   own window), reset by a right one. Recovery codes are also counted by the code limit per
//   (account, client IP) above; this one stops someone who has the password from spreading guesses
//   over many addresses.
// - token: failed requests to the token, introspection and revocation endpoints per
//   (client_id, client IP), 20 per 15 min; successes do not reset it (src/ratelimit/token-endpoint.ts).
// "Client IP" is counted as src/ratelimit/address.ts says: an IPv6 address by its /64.
// Keys are SHA-256 digests: the store never holds an email, and hostile input (NUL bytes, invalid
// UTF-8, megabytes of text) cannot reach a Redis key or a database column.
import { createHash } from 'node:crypto';
import type { RateLimitConfig } from '../config/index.js';
import { normalizeEmail } from '../accounts/email.js';
import type { MetricsRecorder } from '../metrics/index.js';
import { Limit } from './limit.js';
import { addressForLimits } from './address.js';
import type { LimiterStore } from './store.js';

export class RateLimits {
  readonly password: Limit;
  readonly passwordFromIp: Limit;
  readonly code: Limit;
  readonly codeFromIp: Limit;
  readonly token: Limit;
  readonly recoveryCode: Limit;

  constructor(
    config: RateLimitConfig,
    private readonly store: LimiterStore,
    recorder?: MetricsRecorder,
  ) {
    const metrics = recorder && { recorder, store: store.kind };
    const limit = (name: string, points: number, window = config.windowSeconds) =>
      new Limit(name, points, store.limiter(name, points, window), metrics);
    this.password = limit('password_per_account_ip', config.passwordPerAccountIp);
    this.passwordFromIp = limit('password_per_ip', config.passwordPerIp);
    this.code = limit('code_per_account_ip', config.codePerAccountIp);
    this.codeFromIp = limit('code_per_ip', config.codePerIp);
    this.token = limit('token_per_client_ip', config.tokenPerClientIp);
    this.recoveryCode = limit(
      'recovery_code_per_account',
      config.recoveryCodePerAccount,
      config.recoveryCodeWindowSeconds,
    );
  }

  get storeKind(): LimiterStore['kind'] {
    return this.store.kind;
  }

  close(): void {
    this.store.close();
  }
}

function digest(...parts: string[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

export const passwordKey = (email: string, ip: string) => digest(normalizeEmail(email), addressForLimits(ip));
export const ipKey = (ip: string) => digest(addressForLimits(ip));
export const codeKey = (accountId: string, ip: string) => digest(accountId, addressForLimits(ip));
export const tokenKey = (clientId: string, ip: string) => digest(clientId, addressForLimits(ip));
export const recoveryCodeKey = (accountId: string) => digest(accountId);
