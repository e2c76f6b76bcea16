// The state between the two factors of one sign-in: "the password was right for this account, a
// code is still owed". Keyed by the oidc-provider interaction uid and kept only as long as that
// interaction lives, in the protocol store (Redis when configured, the database otherwise), so any
// instance can continue the sign-in. oidc-provider's own login is resolved only after both factors
// (its advice for multi-factor flows), so nothing here can ever yield a code or a token.
//
// A secret being enrolled is sealed with the interaction uid as associated data: a sealed secret
// copied to another interaction does not open. It never leaves the server (no form field, no URL).
import type { Adapter } from 'oidc-provider';
import type { SecretBox } from '../mfa/secret-box.js';
import { generateTotpSecret } from '../mfa/totp-app/totp.js';
import type { EnrolmentGrant } from './enrolment.js';
import type { FactorKind } from '../mfa/factor.js';

/** The oidc-provider adapter model name the pending state is stored under. */
export const PENDING_MODEL = 'TwofoldPendingSignIn';

/** Wrong codes one interaction may take before the sign-in starts over from the password. */
export const MAX_WRONG_CODES = 5;

/** What is stored, per interaction uid. */
interface PendingPayload {
  /** Whose password was accepted; also lets revoking an account's state drop this entry. */
  accountId: string;
  /** When the password was accepted (seconds since the epoch). */
  passwordAt: number;
  /** The secret shown on the enrolment page, sealed; absent until that page is first shown. */
  enrolment?: { ciphertext: string; keyId: string };
  /** Wrong codes typed in this interaction (enrolment, code and recovery-code pages together). */
  wrongCodes: number;
  /**
   * What allows this sign-in to link an app (src/signin/enrolment.ts): a new account's window, a
   * recovery code accepted here, or a set-up link. Without one, a password never leads to an
   * enrolment page.
   */
  grant?: EnrolmentGrant;
  /**
   * The password limits' keys this sign-in's right password took a point from: given back only
   * when the sign-in completes, so a right password followed by wrong codes is not free.
   */
  passwordLimitKeys?: { ip: string; account: string };
  /**
   * When the enrolment in this interaction was confirmed: both factors passed, and the sign-in
   * waits only for the person to confirm they saved their new recovery codes. The codes themselves
   * are never stored here: they exist only in the page that showed them.
   */
  enrolledAt?: number;
  /**
   * The second factors this sign-in has passed so far, besides the password (a recovery code, then
   * the new app's first code): what the finished sign-in proved (src/signin/steps.ts `proof`).
   */
  passed?: FactorKind[];
  /** When the interaction (and so this entry) expires (seconds since the epoch). */
  expiresAt: number;
}

export interface PendingSignIn extends Readonly<PendingPayload> {
  readonly uid: string;
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

export class PendingSignIns {
  constructor(
    private readonly adapter: Adapter,
    private readonly box: SecretBox,
  ) {}

  async find(uid: string): Promise<PendingSignIn | undefined> {
    const payload = (await this.adapter.find(uid)) as PendingPayload | undefined;
    if (!payload || typeof payload.accountId !== 'string' || payload.expiresAt <= nowSeconds()) return undefined;
    // Written before `passed` existed, at the recovery-codes step: its enrolment's code was the factor.
    if (payload.enrolledAt && !payload.passed) return { ...payload, passed: ['totp'], uid };
    return { ...payload, uid };
  }

  /** The password was right: the interaction now waits for a code. `expiresAt` is the interaction's. */
  async passwordAccepted(
    uid: string,
    accountId: string,
    expiresAt: number,
    extra: Pick<PendingPayload, 'grant' | 'passwordLimitKeys'> = {},
  ): Promise<PendingSignIn> {
    return this.save(uid, { accountId, passwordAt: nowSeconds(), wrongCodes: 0, expiresAt, ...extra });
  }

  /**
   * The secret to enrol, created on first use and the same on every later call, so reloading the
   * enrolment page shows the same QR code. `create` makes the first one (the key this browser was
   * shown for the same grant before, src/signin/kept-enrolment.ts; a new key by default).
   */
  async enrolmentSecret(pending: PendingSignIn, create = () => Promise.resolve(generateTotpSecret())): Promise<string> {
    if (pending.enrolment) {
      return this.box.open(pending.enrolment.ciphertext, pending.enrolment.keyId, pending.uid);
    }
    const secret = await create();
    const sealed = this.box.seal(secret, pending.uid);
    await this.update(pending, (current) => ({
      ...current,
      enrolment: { ciphertext: sealed.ciphertext, keyId: sealed.keyId },
    }));
    return secret;
  }

  /**
   * Counts one wrong code; returns how many this interaction has had. Read-modify-write: two wrong
   * codes submitted at the same instant may count once, which the authenticator's own lockout
   * (counted atomically in the database) bounds.
   */
  async wrongCode(pending: PendingSignIn): Promise<number> {
    const updated = await this.update(pending, (current) => ({ ...current, wrongCodes: current.wrongCodes + 1 }));
    return updated?.wrongCodes ?? pending.wrongCodes + 1;
  }

  /** The enrolment of this interaction was confirmed; the recovery codes page is due. */
  async enrolled(pending: PendingSignIn): Promise<void> {
    await this.update(pending, ({ enrolment: _sealed, grant: _grant, ...rest }) => ({
      ...rest,
      passed: [...(rest.passed ?? []), 'totp'],
      enrolledAt: nowSeconds(),
    }));
  }

  /**
   * The same, after the account's sessions were ended (an enrolment that replaced apps: whoever
   * signed in with the replaced phone is out). Written afresh, as ending the sessions removed it.
   */
  async enrolledAfresh(pending: PendingSignIn): Promise<void> {
    await this.saveAfresh(pending, { enrolledAt: nowSeconds(), passed: [...(pending.passed ?? []), 'totp'] });
  }

  /**
   * A recovery code was accepted: the progress is "password OK", with a grant to link a new app.
   * Written afresh because ending the account's other sessions removes this entry too.
   */
  recovered(pending: PendingSignIn, grant: EnrolmentGrant): Promise<PendingSignIn> {
    return this.saveAfresh(pending, { grant, passed: ['recovery_code'] });
  }

  /** Forgets the interaction's progress: after success, or when the sign-in starts over. */
  async drop(uid: string): Promise<void> {
    await this.adapter.destroy(uid);
  }

  /**
   * Changes the entry as it is now. An entry that is gone stays gone: it was dropped (the sign-in
   * started over) or revoked with the account's sessions (an administrator reset, a recovery code
   * used in another sign-in), and a request that read it just before must not bring it back.
   */
  private async update(
    pending: PendingSignIn,
    change: (current: PendingPayload) => PendingPayload,
  ): Promise<PendingSignIn | undefined> {
    const current = await this.find(pending.uid);
    if (current?.accountId !== pending.accountId) return undefined;
    return this.save(pending.uid, change(payloadOf(current)));
  }

  /** The entry written anew after the account's sessions were ended: the password stands, nothing else. */
  private saveAfresh(pending: PendingSignIn, next: Pick<PendingPayload, 'grant' | 'enrolledAt' | 'passed'>) {
    const { accountId, passwordAt, expiresAt, passwordLimitKeys } = pending;
    return this.save(pending.uid, { accountId, passwordAt, expiresAt, passwordLimitKeys, wrongCodes: 0, ...next });
  }

  private async save(uid: string, payload: PendingPayload): Promise<PendingSignIn> {
    const ttl = payload.expiresAt - nowSeconds();
    if (ttl <= 0) return { ...payload, uid };
    await this.adapter.upsert(uid, { ...payload }, ttl);
    return { ...payload, uid };
  }
}

function payloadOf(pending: PendingSignIn): PendingPayload {
  const { uid: _uid, ...payload } = pending;
  return payload;
}
