// What the hosted pages need from the server: services, never the database directly.
import type Provider from 'oidc-provider';
import type { Logger } from 'pino';
import type { Config } from '../src/config/index.js';
import type { AccountStore } from '../src/accounts/store.js';
import type { ClientStore } from '../src/clients/store.js';
import type { AuditLog } from '../src/audit/index.js';
import type { AuthenticatorStore } from '../src/mfa/totp-app/store.js';
import type { RecoveryCodeStore } from '../src/mfa/recovery-codes/store.js';
import type { Enrolments } from '../src/signin/enrolment.js';
import type { PendingSignIns } from '../src/signin/pending.js';
import type { SignInFlow } from '../src/signin/flow.js';
import type { RateLimits } from '../src/ratelimit/policies.js';
import type { MetricsRecorder } from '../src/metrics/index.js';
import type { Clock } from '../src/clock.js';

export interface InteractionDependencies {
  config: Readonly<Config>;
  provider: Provider;
  logger: Logger;
  accounts: AccountStore;
  clients: ClientStore;
  audit: AuditLog;
  authenticators: AuthenticatorStore;
  recoveryCodes: RecoveryCodeStore;
  /** Who may link an app, set-up links, and the enrolment transaction. */
  enrolments: Enrolments;
  /** Ends every session, grant and token of the account (the protocol store's revokeAccount). */
  endSessions(accountId: string): Promise<void>;
  pendingSignIns: PendingSignIns;
  /** The sign-in's steps, limits and outcomes: what every step page calls. */
  flow: SignInFlow;
  /** Wrong-password and wrong-code counters per (account, client IP). */
  rateLimits: RateLimits;
  /** Operator metrics (src/metrics); a no-op when METRICS_PORT is unset. */
  metrics: MetricsRecorder;
  /** The cookie-signing keys (first signs); the CSRF tokens of the forms derive from them. */
  cookieKeys: readonly string[];
  /** What time it is (TOTP steps at enrolment). */
  clock: Clock;
}
