// "Signed in recently with both factors": what every change on /account requires (ACCOUNT_REAUTH_WINDOW).
// A change there (a new password, new recovery codes, adding or removing an authenticator app,
// ending sessions, revoking applications) is a way past both factors, so holding an hour-old
// session, or a browser left unlocked, must not be enough: the person proves both factors again
// (OpenID Connect `prompt=login`) and then makes the change.
import type { Clock } from '../clock.js';

/** What the portal learned from the ID token of its sign-in (OpenID Connect Core §2). */
export interface SignInClaims {
  /** RFC 8176 methods; `mfa` only when the person proved the password and a second factor. */
  amr: readonly string[];
  /** `auth_time`: when the person last proved their factors, in the provider's seconds. */
  authTime: number | null;
  /** `iat`: when the provider issued the token, in the same seconds. */
  issuedAt: number | null;
}

/**
 * When the person last proved both factors, on our own clock (ms), or null if this sign-in did not
 * prove both. The age comes from the provider's two times (`iat − auth_time`), so a sign-in that
 * reused the provider's session counts from when that session signed in, not from now, and the
 * provider's clock is never compared with ours.
 */
export function fullSignInAt(claims: SignInClaims, clock: Clock): number | null {
  if (!claims.amr.includes('mfa') || claims.authTime === null || claims.issuedAt === null) return null;
  const ageSeconds = Math.max(0, claims.issuedAt - claims.authTime);
  return clock.now() - ageSeconds * 1000;
}

export class RecentSignIn {
  constructor(
    private readonly windowSeconds: number,
    private readonly clock: Clock,
  ) {}

  /** True when both factors were proved within the window. */
  holds(signedInAt: number | null): boolean {
    if (signedInAt === null) return false;
    const age = this.clock.now() - signedInAt;
    return age >= 0 && age <= this.windowSeconds * 1000;
  }
}
