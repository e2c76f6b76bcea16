// OWASP ASVS 2.8.5: when someone tries to reuse a code the account's authenticator already gave
// (a phished or shoulder-surfed code, typed after the person used it), the person is told at their
// next successful sign-in. The audit trail is the record: `otp_replay` events for the account since
// its previous `signin_succeeded`, leaving out the current sign-in's own (an older code typed before
// the right one). A sign-in's own accepted code sent again is not recorded at all (steps/code.ts).
import type { AuditLog } from '../audit/index.js';

export interface ReuseAttempt {
  at: Date;
  ip: string | null;
}

/** At most this many attempts are listed; the notice says when there were more. */
export const MAX_LISTED = 5;

export async function codeReuseSinceLastSignIn(
  audit: AuditLog,
  accountId: string,
  currentInteraction: string,
): Promise<ReuseAttempt[]> {
  const [previous] = await audit.recent(accountId, 'signin_succeeded', { limit: 1 });
  const replays = await audit.recent(accountId, 'otp_replay', { after: previous?.at, limit: 50 });
  return replays
    .filter((event) => event.detail.interaction !== currentInteraction)
    .slice(0, MAX_LISTED + 1)
    .map((event) => ({ at: event.at, ip: event.ip }));
}
