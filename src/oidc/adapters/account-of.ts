// Which account a stored protocol record belongs to, for ending all of an account's state at once
// (revokeAccount: disable, reset-mfa, a recovery code used). Sessions, grants and tokens carry
// `accountId` themselves; an interaction whose sign-in is finished carries it only inside its
// result. Without that, an interaction that had passed both factors but not yet returned to /auth
// would survive the revocation and still mint a session for whoever holds it. (An unfinished
// interaction is left alone, even one begun from the account's old session: a recovery in progress
// runs in one, and resuming it can only use the session that was revoked.)
import type { AdapterPayload } from 'oidc-provider';

export function accountOf(payload: AdapterPayload): string | undefined {
  const result = (payload as { result?: { login?: { accountId?: unknown } } }).result;
  const id = payload.accountId ?? result?.login?.accountId;
  return typeof id === 'string' && id ? id : undefined;
}
