// "Signed in recently with both factors", the rule in front of every change on /account: counted
// from when the person proved both factors (the ID token's iat − auth_time), never from when the
// account page happened to sign in again silently on an old provider session.
import { fullSignInAt, RecentSignIn } from '../../src/account-security/recent-sign-in.js';
import { ManualClock } from '../support/clock.js';

const MINUTE = 60_000;

describe('a recent full sign-in', () => {
  const clock = new ManualClock(Date.parse('2026-12-01T12:00:00Z'));
  const recent = new RecentSignIn(10 * 60, clock);
  const providerNow = 1_900_000_000;

  it('holds for a sign-in with both factors just now, until the window has passed', () => {
    const at = fullSignInAt({ amr: ['pwd', 'otp', 'mfa'], authTime: providerNow, issuedAt: providerNow }, clock);
    expect(at).toBe(clock.now());
    expect(recent.holds(at)).toBe(true);
    clock.advance(10 * MINUTE);
    expect(recent.holds(at)).toBe(true);
    clock.advance(1000);
    expect(recent.holds(at)).toBe(false);
  });

  it('counts a silent sign-in on an old provider session from that session’s sign-in', () => {
    const at = fullSignInAt(
      { amr: ['pwd', 'otp', 'mfa'], authTime: providerNow - 45 * 60, issuedAt: providerNow },
      clock,
    );
    expect(at).toBe(clock.now() - 45 * MINUTE);
    expect(recent.holds(at)).toBe(false);
  });

  it('never holds for a sign-in that did not prove both factors, or says nothing of when', () => {
    expect(fullSignInAt({ amr: ['pwd'], authTime: providerNow, issuedAt: providerNow }, clock)).toBeNull();
    expect(fullSignInAt({ amr: ['pwd', 'otp', 'mfa'], authTime: null, issuedAt: providerNow }, clock)).toBeNull();
    expect(fullSignInAt({ amr: ['pwd', 'otp', 'mfa'], authTime: providerNow, issuedAt: null }, clock)).toBeNull();
    expect(recent.holds(null)).toBe(false);
  });
});
