// The sign-in as one service: which step a sign-in is at (./steps.ts decides from the stored
// state), which limits apply to which attempt, the wrong codes one sign-in may type before it
// starts over from the password, and what the finished sign-in proved. It knows no HTTP: each
// method returns a typed outcome, and the pages (interactions/steps/*) parse the form, call one
// method and render what it says. A new factor (passkeys) is one more `Factor` (src/mfa/factor.ts)
// and one more submit method here, beside the others: the steps and their order stay as they are.
import type { Account, AccountStore } from '../accounts/store.js';
import { normalizeEmail } from '../accounts/email.js';
import type { AuditContext, AuditLog } from '../audit/index.js';
import type { Clock } from '../clock.js';
import type { FactorKind } from '../mfa/factor.js';
import type { AuthenticatorStore } from '../mfa/totp-app/store.js';
import { normalizeCode, verifyTotp } from '../mfa/totp-app/totp.js';
import type { RecoveryCodeStore } from '../mfa/recovery-codes/store.js';
import { normalizeRecoveryCode } from '../mfa/recovery-codes/codes.js';
import type { MetricsRecorder } from '../metrics/index.js';
import { accountKey, codeKey, ipKey, passwordKey } from '../ratelimit/limits.js';
import type { RateLimits } from '../ratelimit/policies.js';
import { givenBack, succeeded, takePoints, type LimitedAttempt, type LimitRefusal } from './attempt-limits.js';
import type { EnrolmentRefusal, Enrolments } from './enrolment.js';
import type { AuthorizationRequest, KeptEnrolments } from './kept-enrolment.js';
import type { PasswordSignIn } from './password.js';
import { MAX_WRONG_CODES, type PendingSignIn, type PendingSignIns } from './pending.js';
import { noticesSinceLastSignIn, type SignInNotices } from './replay-notice.js';
import { dueStep, formDue, needsApps, proof, type Proof, type SecondStep, type SecondStepForm } from './steps.js';

export interface SignInFlowDependencies {
  accounts: AccountStore;
  passwords: PasswordSignIn;
  authenticators: AuthenticatorStore;
  recoveryCodes: RecoveryCodeStore;
  enrolments: Enrolments;
  pendingSignIns: PendingSignIns;
  /** What of an enrolment outlives its interaction, for the browser it was shown in. */
  keptEnrolments: KeptEnrolments;
  rateLimits: RateLimits;
  audit: AuditLog;
  metrics: MetricsRecorder;
  /** Ends every session, grant and token of the account. */
  endSessions(accountId: string): Promise<void>;
  clock: Clock;
}

/** One request of a sign-in: its interaction, the relying party it is for, where it comes from. */
export interface SignInAttempt {
  uid: string;
  clientId: string;
  ip: string;
  /** The browser's enrolment token (src/signin/kept-enrolment.ts), when it holds one. */
  browser?: string;
  /**
   * Told the moment a recovery code is used up, before anything else can fail: the page answering
   * a later failure must then say the code is spent, not "nothing was changed".
   */
  spent?: () => void;
}

/** Where a sign-in stands. */
export type Position = { due: 'password' } | { due: SecondStep; pending: PendingSignIn; account: Account };

/** The answer to one submitted form. */
export type Outcome =
  /** The second factor passed: the sign-in finishes (`finish`). */
  | { kind: 'passed'; pending: PendingSignIn }
  /** The same form again, saying why: nothing changed but the counts. */
  | { kind: 'again'; problem: 'malformed' | 'wrong' | 'replay' | 'missing' }
  /** A limit refused the attempt before it was checked (429). */
  | { kind: 'refused'; refusal: LimitRefusal }
  /** Every app of the account is locked: only the ways out are left. */
  | { kind: 'locked' }
  /** Too many wrong codes in this sign-in: back to the password, the progress gone. */
  | { kind: 'started_over' }
  /** The state changed (or the form was not due): show whatever step is due now. */
  | { kind: 'current' };

export type EnrolmentOutcome =
  | Outcome
  /** Linked: the new recovery codes are shown once; `forgetLink` when a set-up link was used up. */
  | { kind: 'enrolled'; recoveryCodes: string[]; forgetLink: boolean }
  /** The grant no longer held (another enrolment won, the link was used, …): this sign-in starts over. */
  | { kind: 'enrolment_refused'; reason: Exclude<EnrolmentRefusal, 'linked_by_this_sign_in'>; forgetLink: boolean };

/** The login to resolve at oidc-provider (the caller owns the HTTP exchange); returns where to go next. */
export type ResolveLogin = (login: { accountId: string } & Proof) => Promise<string>;

export class SignInFlow {
  private readonly factors: Record<FactorKind, { amr: readonly string[] }>;

  constructor(private readonly d: SignInFlowDependencies) {
    this.factors = { totp: d.authenticators, recovery_code: d.recoveryCodes };
  }

  /** Where the sign-in `uid` stands; every GET and POST of the second step goes through here. */
  async position(uid: string): Promise<Position> {
    const pending = await this.d.pendingSignIns.find(uid);
    if (!pending) return { due: 'password' };
    const account = await this.d.accounts.findById(pending.accountId);
    if (!account || account.disabledAt) {
      // Disabled (or removed) after its password was accepted: back to the start.
      await this.d.pendingSignIns.drop(uid);
      return { due: 'password' };
    }
    const apps = needsApps(pending) ? await this.d.authenticators.list(account.id) : [];
    const due = dueStep(pending, apps);
    if (due === 'password') return { due };
    return { due, pending, account };
  }

  /** The position, when `form` may be sent at it; otherwise undefined (show the step that is due). */
  async positionFor(uid: string, form: SecondStepForm) {
    const at = await this.position(uid);
    return at.due !== 'password' && formDue(form, at.due) ? at : undefined;
  }

  /**
   * Step 1. Counted per client address, and per (typed email, known or not; address), before the
   * password is checked; right passwords are counted too (they cost a bcrypt check), per address
   * before the check and per account after it. `linkToken`: the set-up link this browser opened.
   */
  async submitPassword(
    attempt: SignInAttempt & { expiresAt: number; linkToken: string | undefined },
    email: string,
    password: string,
  ): Promise<Outcome & { kind: 'again' | 'refused' | 'current' }> {
    if (!email || !password) return { kind: 'again', problem: 'missing' };
    const passwordLimitKeys = { ip: ipKey(attempt.ip), account: passwordKey(email, attempt.ip) };
    const limits: LimitedAttempt[] = [
      { limit: this.d.rateLimits.password_per_ip, key: passwordLimitKeys.ip, what: 'password', scope: 'network' },
      {
        limit: this.d.rateLimits.password_per_account_ip,
        key: passwordLimitKeys.account,
        what: 'password',
        scope: 'account',
        accountId: async () => (await this.d.accounts.findByEmail(normalizeEmail(email)))?.id,
      },
    ];
    // A right password's check is counted per address before it runs (given back if it is
    // wrong); per account only once it proved right, since a refusal before the check would tell
    // anyone typing the email that it has an account someone is signing in to.
    const rightFromHere: LimitedAttempt[] = [
      { limit: this.d.rateLimits.right_password_per_ip, key: ipKey(attempt.ip), what: 'sign-in', scope: 'network' },
    ];
    const refusal = await takePoints(this.d.audit, attempt, [...limits, ...rightFromHere]);
    if (refusal) return { kind: 'refused', refusal };

    const result = await this.d.passwords.check(email, password);
    if (!result.ok) {
      await givenBack(rightFromHere);
      await this.auditOf(
        attempt,
        result.accountId,
      )({ type: 'signin_password_failed', detail: { reason: result.reason } });
      return { kind: 'again', problem: 'wrong' };
    }
    const { account } = result;
    // Whether this sign-in may link an app: never for the password alone, once the account has
    // (or had) one.
    const grant = await this.d.enrolments.grantAfterPassword(account, attempt.linkToken);
    // A browser with the administrator's set-up link is the owner's way back in: someone who has
    // the password and keeps this limit full must not block it.
    if (grant?.reason !== 'link') {
      const rightForAccount: LimitedAttempt = {
        limit: this.d.rateLimits.right_password_per_account,
        key: accountKey(account.id),
        what: 'sign-in',
        scope: 'account',
        accountId: () => Promise.resolve(account.id),
      };
      const refused = await takePoints(this.d.audit, attempt, [rightForAccount]);
      if (refused) return { kind: 'refused', refusal: refused };
    }
    // The wrong-password limits keep this attempt's point until the sign-in completes (`finish`):
    // a right password followed by wrong codes is not free.
    await this.d.pendingSignIns.passwordAccepted(attempt.uid, account.id, attempt.expiresAt, {
      grant,
      passwordLimitKeys,
    });
    // Not an audit event (src/metrics/signin.ts): the sign-in is only half done.
    this.d.metrics.signIn('password', 'success');
    return { kind: 'current' };
  }

  /** Step 2: a code from one of the account's apps. */
  async submitCode(attempt: SignInAttempt, pending: PendingSignIn, account: Account, code: string): Promise<Outcome> {
    // A typo of the wrong shape is not a guess: answered before it could use up an attempt.
    if (normalizeCode(code) === null) return { kind: 'again', problem: 'malformed' };
    const limits = this.codeLimits(attempt, account.id);
    const refusal = await takePoints(this.d.audit, attempt, limits);
    if (refusal) return { kind: 'refused', refusal };

    const result = await this.d.authenticators.verify(account.id, code, attempt.uid);
    if (result.ok) {
      await succeeded(limits);
      // Audited as the finished sign-in (`signin_succeeded`, counted as step "signin").
      this.d.metrics.signIn('code', 'success');
      return { kind: 'passed', pending };
    }
    const audit = this.auditOf(attempt, account.id);
    const interaction = attempt.uid;
    switch (result.reason) {
      case 'not_enrolled':
        // Reset while this page was open: the step now due says what to do (a set-up link is needed).
        return { kind: 'current' };
      case 'malformed':
        return { kind: 'again', problem: 'malformed' };
      case 'locked':
        // Audited as `otp_locked` once, by the code that reached the limit; later tries are failures.
        await audit(
          result.lockedNow
            ? { type: 'otp_locked', detail: { interaction } }
            : { type: 'otp_failed', detail: { reason: 'locked', interaction } },
        );
        return { kind: 'locked' };
      case 'replay':
        if (result.sameSignIn) {
          // The code this very sign-in had accepted, sent again (a double click, a second tab of
          // the same sign-in): not a guess and not an alarm. Its points go back as for the
          // success it repeats, and it shows where the sign-in now is (finished, or finishing).
          await succeeded(limits);
          return { kind: 'current' };
        }
        // Accepted for another sign-in (or an older step): told to the owner at their next sign-in.
        await audit({ type: 'otp_replay', detail: { interaction } });
        return { kind: 'again', problem: 'replay' };
      case 'wrong':
        // The interaction lets the notice at the next sign-in leave out this sign-in's own typos.
        await audit({ type: 'otp_failed', detail: { reason: 'wrong_code', interaction } });
        // One of several apps locked by it: the others still sign in.
        if (result.lockedNow) await audit({ type: 'otp_locked', detail: { interaction } });
        return this.wrongCode(attempt, pending);
    }
  }

  /**
   * Step 2 without the phone: a recovery code. A right one is used up, ends every other session of
   * the account, and leads to linking a new app in this same sign-in. Counted like codes per
   * (account, address) and per address, and per account from every address.
   */
  async submitRecovery(
    attempt: SignInAttempt,
    pending: PendingSignIn,
    account: Account,
    typed: string,
  ): Promise<Outcome> {
    if (normalizeRecoveryCode(typed) === null) return { kind: 'again', problem: 'malformed' };
    const limits: LimitedAttempt[] = [
      ...this.codeLimits(attempt, account.id),
      {
        limit: this.d.rateLimits.recovery_code_per_account,
        key: accountKey(account.id),
        what: 'recovery code',
        scope: 'account',
        accountId: () => Promise.resolve(account.id),
      },
    ];
    const refusal = await takePoints(this.d.audit, attempt, limits);
    if (refusal) return { kind: 'refused', refusal };
    const audit = this.auditOf(attempt, account.id);
    const result = await this.d.recoveryCodes.verify(account.id, typed);
    if (!result.ok) {
      await audit({ type: 'recovery_code_failed', detail: { reason: 'wrong_or_used' } });
      return this.wrongCode(attempt, pending);
    }
    // From here the code is spent, whatever fails next: the caller is told first, then it is audited.
    attempt.spent?.();
    await audit({ type: 'recovery_code_used', detail: { remaining: result.remaining } });
    await succeeded(limits);
    // Whoever holds the lost phone (and perhaps a session) is signed out. Ending the sessions also
    // removes this interaction's own progress, which `recovered` then writes afresh, with the grant
    // to link a new app in place of the ones the account has now.
    await this.d.endSessions(account.id);
    await this.d.pendingSignIns.recovered(pending, await this.d.enrolments.grantAfterRecovery(account.id));
    return { kind: 'current' };
  }

  /**
   * The secret the enrolment page shows: the same on every reload of this sign-in. When first
   * shown, it is kept (with `request`, oidc-provider's validated authorization request, so that
   * this sign-in, once expired, can be started again) under `firstShown().browser`, the new token
   * the page gives this browser. It is the key an expired sign-in of this browser showed only when
   * this sign-in came from that sign-in's "Start again" link (`firstShown().restart`, used up here)
   * and holds the same grant;
   * then it is audited. Any other sign-in, in this browser too, gets a new key.
   */
  async enrolmentSecret(
    attempt: SignInAttempt,
    pending: PendingSignIn,
    request: Record<string, unknown>,
    firstShown: () => { browser: string; restart: string | undefined },
  ): Promise<string> {
    const { grant } = pending;
    // Only a sign-in holding a grant shows an enrolment page (./steps.ts); checked here again,
    // as a kept key must never reach a sign-in without one.
    if (!grant) return this.d.pendingSignIns.enrolmentSecret(pending);
    return this.d.pendingSignIns.enrolmentSecret(pending, async () => {
      const { browser, restart } = firstShown();
      const proof = attempt.browser && restart ? { browser: attempt.browser, token: restart } : undefined;
      const shown = await this.d.keptEnrolments.keep(browser, attempt.uid, pending.accountId, grant, request, proof);
      if (shown.reshown) {
        await this.auditOf(
          attempt,
          pending.accountId,
        )({ type: 'mfa_enrolment_key_reshown', detail: { grant: grant.reason } });
      }
      return shown.secret;
    });
  }

  /** How long the enrolment's key and request are kept for the browser (ENROLLMENT_SECRET_TTL). */
  get keptLifetimeSeconds(): number {
    return this.d.keptEnrolments.lifetimeSeconds;
  }

  /** A "Start again" token for an expired sign-in, when this browser was shown its enrolment page. */
  offerRestart(browser: string, uid: string): Promise<string | undefined> {
    return this.d.keptEnrolments.offerRestart(browser, uid);
  }

  /** The request a "Start again" link of this browser leads back to. */
  restartRequest(browser: string, token: string): Promise<AuthorizationRequest | undefined> {
    return this.d.keptEnrolments.requestOfRestart({ browser, token });
  }

  /**
   * Step 2 under a grant: the first code of a new app, named `name`. Only a right code links it,
   * replacing the apps the grant names and issuing new recovery codes in one transaction.
   */
  async submitEnrolment(
    attempt: SignInAttempt,
    pending: PendingSignIn,
    account: Account,
    code: string,
    name: string,
  ): Promise<EnrolmentOutcome> {
    if (normalizeCode(code) === null) return { kind: 'again', problem: 'malformed' };
    const secret = await this.d.pendingSignIns.enrolmentSecret(pending);
    const acceptedStep = verifyTotp(secret, code, this.d.clock.now());
    const audit = this.auditOf(attempt, account.id);
    if (acceptedStep === null) {
      await audit({ type: 'otp_failed', detail: { stage: 'enrolment', reason: 'wrong_code' } });
      const outcome = await this.wrongCode(attempt, pending);
      // Too many wrong codes for this key (a mis-scanned entry, a phone far off): the start over
      // shows a new one.
      if (outcome.kind === 'started_over' && attempt.browser && pending.grant) {
        await this.d.keptEnrolments.forget(attempt.browser, attempt.uid, account.id, pending.grant);
      }
      return outcome;
    }
    const { grant } = pending;
    if (!grant) return { kind: 'current' };
    const result = await this.d.enrolments.confirm(account.id, grant, { label: name, secret, acceptedStep });
    const forgetLink = grant.reason === 'link';
    // Confirmed or refused, the grant is used: its key and request are no longer kept for this browser.
    if (attempt.browser && (result.ok || result.reason !== 'linked_by_this_sign_in')) {
      await this.d.keptEnrolments.forget(attempt.browser, attempt.uid, account.id, grant);
    }
    if (!result.ok) {
      // The same form sent twice (a double click): the first submission linked the app and shows
      // the new codes; this one shows the step now due.
      if (result.reason === 'linked_by_this_sign_in') return { kind: 'current' };
      // Told plainly, never shown someone else's code page: this sign-in starts over.
      await this.d.pendingSignIns.drop(attempt.uid);
      await audit({ type: 'mfa_enrolment_refused', detail: { reason: result.reason, grant: grant.reason } });
      return { kind: 'enrolment_refused', reason: result.reason, forgetLink };
    }
    await audit({ type: 'mfa_enrolled', detail: { grant: grant.reason, replaced: grant.replaces.length } });
    await audit({ type: 'recovery_codes_issued', detail: { count: result.recoveryCodes.length } });
    if (grant.replaces.length) {
      // The new app replaced others: whoever signed in with the replaced phone (perhaps again,
      // after the recovery code ended every session) is signed out now, before the owner gets
      // new codes.
      await this.d.endSessions(account.id);
      await this.d.pendingSignIns.enrolledAfresh(pending);
    } else {
      await this.d.pendingSignIns.enrolled(pending);
    }
    return { kind: 'enrolled', recoveryCodes: result.recoveryCodes, forgetLink };
  }

  /** "Show a new set" on the recovery codes page: replaces the set the enrolment issued. */
  async newRecoveryCodes(attempt: SignInAttempt, account: Account): Promise<string[]> {
    const codes = await this.d.recoveryCodes.replace(account.id);
    await this.auditOf(attempt, account.id)({ type: 'recovery_codes_regenerated', detail: { count: codes.length } });
    return codes;
  }

  /**
   * Both factors passed: resolves the login with what the sign-in proved (`passedNow`: the factor
   * of this very request, if any), forgets the progress, gives back what the right password took
   * from the wrong-password limits, and returns where to go with what the person should be told
   * of (a reused code, wrong codes since their previous sign-in).
   */
  async finish(
    attempt: SignInAttempt,
    pending: PendingSignIn,
    resolve: ResolveLogin,
    passedNow?: FactorKind,
  ): Promise<{ returnTo: string; notices: SignInNotices }> {
    const { accountId } = pending;
    const passed = [...(pending.passed ?? []), ...(passedNow ? [passedNow] : [])];
    const proved = proof(passed.map((kind) => this.factors[kind]));
    const returnTo = await resolve({ accountId, ...proved });
    await this.d.pendingSignIns.drop(attempt.uid);
    // Only a completed sign-in gives back what its right password took from the wrong-password
    // limits: the address's own point, and the (email, address) count wiped.
    if (pending.passwordLimitKeys) {
      await this.d.rateLimits.password_per_ip.giveBack(pending.passwordLimitKeys.ip);
      await this.d.rateLimits.password_per_account_ip.reset(pending.passwordLimitKeys.account);
    }
    // Read before this success is recorded: "since the previous sign-in".
    const notices = await noticesSinceLastSignIn(this.d.audit, accountId, attempt.uid);
    await this.auditOf(attempt, accountId)({ type: 'signin_succeeded', detail: { amr: proved.amr } });
    return { returnTo, notices };
  }

  /** The code limits of one attempt: per (account, address), and per address whatever the account. */
  /** Records events of this attempt: who (the account, when known), from which client and address. */
  private auditOf(attempt: SignInAttempt, accountId: AuditContext['accountId']) {
    return this.d.audit.for({ accountId, clientId: attempt.clientId, ip: attempt.ip });
  }

  private codeLimits(attempt: SignInAttempt, accountId: string): LimitedAttempt[] {
    return [
      { limit: this.d.rateLimits.code_per_ip, key: ipKey(attempt.ip), what: 'code', scope: 'network' },
      {
        limit: this.d.rateLimits.code_per_account_ip,
        key: codeKey(accountId, attempt.ip),
        what: 'code',
        scope: 'account',
        accountId: () => Promise.resolve(accountId),
      },
    ];
  }

  /** One more wrong code in this sign-in (enrolment, code and recovery pages together). */
  private async wrongCode(attempt: SignInAttempt, pending: PendingSignIn): Promise<Outcome> {
    if ((await this.d.pendingSignIns.wrongCode(pending)) < MAX_WRONG_CODES) return { kind: 'again', problem: 'wrong' };
    await this.d.pendingSignIns.drop(attempt.uid);
    await this.auditOf(
      attempt,
      pending.accountId,
    )({ type: 'signin_restarted', detail: { reason: 'too_many_wrong_codes' } });
    return { kind: 'started_over' };
  }
}
