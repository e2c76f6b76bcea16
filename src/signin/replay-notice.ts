// What someone who has the password tried since the person's previous successful sign-in, shown to
// them at this one (src/audit is the record; one bounded query reads it):
// - a code the account's authenticator already gave, typed again (`otp_replay`: a phished or
//   shoulder-surfed code; OWASP ASVS 2.8.5);
// - wrong codes after a right password (`otp_failed`, and `otp_locked` for the one that locked the
//   app): whoever typed them knows the password, so the person is told when, from where and how
//   many, and advised to change it.
// The current sign-in's own replays and wrong codes (an older code typed before the right one, a
// typo) are left out; a sign-in's own accepted code sent again is not recorded at all (steps/code.ts).
import type { AuditEvent, AuditLog } from '../audit/index.js';

export interface ReuseAttempt {
  at: Date;
  ip: string | null;
}

/** Wrong codes from one address: how many, and the last one's time. */
export interface WrongCodesFrom {
  ip: string | null;
  count: number;
  last: Date;
}

export interface WrongCodes {
  /** How many in all; at least this many when `atLeast` (the read is bounded). */
  count: number;
  atLeast: boolean;
  /** By address, the most recent first. */
  from: WrongCodesFrom[];
}

export interface SignInNotices {
  reuse: ReuseAttempt[];
  /** Null when there were none. */
  wrongCodes: WrongCodes | null;
}

/** At most this many attempts (or addresses) are listed; the notice says when there were more. */
export const MAX_LISTED = 5;

// Events read at most: the guessing budget allows 20 wrong codes a month, and tries on a locked app
// are limited per address, so this is far above what a month between sign-ins holds.
const MAX_READ = 500;

const NOTICED = ['otp_replay', 'otp_failed', 'otp_locked'] as const;

export async function noticesSinceLastSignIn(
  audit: AuditLog,
  accountId: string,
  currentInteraction: string,
): Promise<SignInNotices> {
  const [previous] = await audit.recent(accountId, 'signin_succeeded', { limit: 1 });
  const events = await audit.recent(accountId, NOTICED, { after: previous?.at, limit: MAX_READ });
  const reuse: ReuseAttempt[] = [];
  const wrong: AuditEvent<'otp_failed' | 'otp_locked'>[] = [];
  for (const event of events) {
    // `otp_locked` rows recorded before it carried a detail have none.
    const detail = event.detail as Partial<(typeof event)['detail']> | undefined;
    if (detail?.interaction === currentInteraction) continue;
    if (event.type === 'otp_replay') {
      if (reuse.length <= MAX_LISTED) reuse.push({ at: event.at, ip: event.ip });
    } else if (event.type === 'otp_locked' || event.detail.stage !== 'enrolment') {
      wrong.push(event);
    }
  }
  return { reuse, wrongCodes: wrong.length ? byAddress(wrong, events.length === MAX_READ) : null };
}

function byAddress(events: readonly { at: Date; ip: string | null }[], atLeast: boolean): WrongCodes {
  const from = new Map<string | null, WrongCodesFrom>();
  // Newest first, so the first event of an address is its last.
  for (const { at, ip } of events) {
    const seen = from.get(ip);
    if (seen) seen.count++;
    else from.set(ip, { ip, count: 1, last: at });
  }
  return { count: events.length, atLeast, from: [...from.values()] };
}
