// Who may link an authenticator app, and the one transaction that links it. A password alone is
// never enough to link a factor to an account that has (or had) one: that turned a stolen
// password into a takeover (lock the app, wait for a recovery or a reset, link one's own app).
// An enrolment page is shown only under a grant that something stronger than the password gave:
// - `new`: an account that never had an app, within ENROLLMENT_WINDOW of its creation;
// - `recovery`: a recovery code accepted in this same sign-in;
// - `link`: a set-up link an administrator sent (`user reset-mfa`, `user add`, `user enroll-link`);
// - `account`: a person signed in with both factors adds another app beside theirs on /account
//   (up to MAX_AUTHENTICATORS); it replaces nothing and leaves the recovery codes as they are.
// A grant names the apps it replaces (those the account had when it was given): the old app and the
// remaining recovery codes stay until the new app is confirmed, so an abandoned recovery leaves
// nothing a password can use. Confirming deletes exactly those apps, links the new one, replaces the
// recovery codes and uses up the link, in one serializable transaction; an app linked by anyone else
// since the grant makes it fail (two enrolments never both win).
import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { Database, Prisma } from '../database/client.js';
import { serializable } from '../database/serializable.js';
import type { Clock } from '../clock.js';
import type { EnrollmentConfig } from '../config/index.js';
import type { Account } from '../accounts/store.js';
import type { AuthenticatorStore, AuthenticatorView } from '../mfa/totp-app/store.js';
import type { RecoveryCodeStore } from '../mfa/recovery-codes/store.js';

/** What allowed this sign-in to show an enrolment page. Stored in the pending sign-in. */
export interface EnrolmentGrant {
  reason: 'new' | 'recovery' | 'link' | 'account';
  /** The confirmed apps the account had when the grant was given: the new one replaces them. */
  replaces: string[];
  /** `link`: the digest of the set-up link, used up by the enrolment. */
  linkDigest?: string;
}

export type EnrolmentRefusal =
  /** An app was linked since the grant (another enrolment won). */
  | 'already_enrolled'
  /** This very enrolment was linked by a submission just before (a double click): nothing to undo. */
  | 'linked_by_this_sign_in'
  /** The set-up link was used or replaced, or it expired, since the password step. */
  | 'link_used'
  /**
   * The grant was withdrawn since the password step: a new account's window closed, or an
   * administrator's reset removed the apps a recovery or a link was to replace.
   */
  | 'window_closed'
  /** The account already holds MAX_AUTHENTICATORS apps. */
  | 'too_many';

export type EnrolmentResult =
  /** `recoveryCodes`: the new set, shown once; empty for an `account` grant, which keeps the set the account has. */
  { ok: true; app: AuthenticatorView; recoveryCodes: string[] } | { ok: false; reason: EnrolmentRefusal };

export interface SetUpLink {
  /** The token to put in the URL; exists only in this return value. */
  token: string;
  expiresAt: Date;
}

/** The set-up link's path; the token follows as `?token=`. */
export const SET_UP_PATH = '/setup';

class Refused extends Error {
  constructor(readonly reason: EnrolmentRefusal) {
    super(reason);
  }
}

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const digestOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('base64url');

export class Enrolments {
  constructor(
    private readonly db: Database,
    private readonly authenticators: AuthenticatorStore,
    private readonly recoveryCodes: RecoveryCodeStore,
    private readonly config: EnrollmentConfig,
    private readonly clock: Clock,
    private readonly logger?: Pick<Logger, 'info'>,
  ) {}

  /** Until when a new account may link its first app with the password alone. */
  windowFor(createdAt: Date): Date {
    return new Date(createdAt.getTime() + this.config.windowSeconds * 1000);
  }

  /**
   * A new set-up link for the account: 256 random bits, of which only a digest is stored. Replaces
   * the account's previous link (one per account), so a new link voids the old one.
   */
  async issueLink(accountId: string): Promise<SetUpLink> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(this.clock.now() + this.config.linkTtlSeconds * 1000);
    const digest = digestOf(token);
    await this.db.enrollmentLink.upsert({
      where: { accountId },
      create: { accountId, digest, expiresAt },
      update: { digest, expiresAt, createdAt: new Date(this.clock.now()) },
    });
    return { token, expiresAt };
  }

  /** The account a set-up link's token belongs to, while the link is valid; otherwise null. */
  async accountOfLink(token: string): Promise<string | null> {
    if (!TOKEN.test(token)) return null;
    const link = await this.db.enrollmentLink.findUnique({ where: { digest: digestOf(token) } });
    return link && link.expiresAt.getTime() > this.clock.now() ? link.accountId : null;
  }

  /**
   * After a right password: the grant this sign-in has, if any. `linkToken` is the set-up link this
   * browser opened (if any); a link for another account is ignored. No query for an account that
   * has an app and brought no link: the usual sign-in pays nothing for this.
   */
  async grantAfterPassword(account: Account, linkToken: string | undefined): Promise<EnrolmentGrant | undefined> {
    if (linkToken && (await this.accountOfLink(linkToken)) === account.id) {
      return {
        reason: 'link',
        replaces: await this.authenticators.confirmedIds(account.id),
        linkDigest: digestOf(linkToken),
      };
    }
    const open = account.enrollmentOpenUntil;
    if (!open || open.getTime() <= this.clock.now()) return undefined;
    if ((await this.authenticators.confirmedIds(account.id)).length) return undefined;
    return { reason: 'new', replaces: [] };
  }

  /** After a right recovery code: a new app may replace the ones the account has now. */
  async grantAfterRecovery(accountId: string): Promise<EnrolmentGrant> {
    return { reason: 'recovery', replaces: await this.authenticators.confirmedIds(accountId) };
  }

  /**
   * For a person signed in with both factors (the /account page checks how recently): a grant to
   * add another app beside theirs, or `too_many` when the account holds MAX_AUTHENTICATORS already
   * (checked again when the app is confirmed).
   */
  async grantForAccount(
    accountId: string,
  ): Promise<{ ok: true; grant: EnrolmentGrant } | { ok: false; reason: 'too_many' }> {
    const apps = await this.authenticators.confirmedIds(accountId);
    if (apps.length >= this.authenticators.maxAuthenticators) return { ok: false, reason: 'too_many' };
    return { ok: true, grant: { reason: 'account', replaces: [] } };
  }

  /**
   * Links the app whose first code was just typed correctly, under `grant`; all or nothing. Returns
   * the new recovery codes (shown once), or why the grant no longer holds. `inTx`: what must commit
   * with the link or not at all (its audit row, for an `account` grant).
   */
  async confirm(
    accountId: string,
    grant: EnrolmentGrant,
    app: { label: string; secret: string; acceptedStep: number },
    inTx?: (tx: Prisma.TransactionClient) => Promise<void>,
  ): Promise<EnrolmentResult> {
    const now = new Date(this.clock.now());
    try {
      return await serializable(
        this.db,
        async (tx) => {
          if (grant.reason === 'account') {
            // Beside the apps the account has: only this sign-in's own earlier submission (a double
            // click) and the limit can stand in its way.
            if (await this.authenticators.holdsSecret(tx, accountId, [], app.secret))
              throw new Refused('linked_by_this_sign_in');
            if ((await this.authenticators.countIn(tx, accountId)) >= this.authenticators.maxAuthenticators)
              throw new Refused('too_many');
            const linked = await this.authenticators.createIn(tx, accountId, app.label, app.secret, app.acceptedStep);
            await inTx?.(tx);
            return { ok: true, app: linked, recoveryCodes: [] };
          }
          // Anyone else's enrolment since the grant wins over this one (checked first, so the loser is
          // told the account has an app whatever its grant was); this sign-in's own earlier
          // submission (a double click) is no loss at all.
          const linkedSince = await tx.authenticator.count({
            where: { accountId, confirmedAt: { not: null }, id: { notIn: grant.replaces } },
          });
          if (linkedSince) {
            const mine = await this.authenticators.holdsSecret(tx, accountId, grant.replaces, app.secret);
            throw new Refused(mine ? 'linked_by_this_sign_in' : 'already_enrolled');
          }
          // The apps the grant replaces are still there: an administrator's reset since then took
          // away what a recovery code or a link was to replace, and with it this grant.
          if (grant.replaces.length) {
            const still = await tx.authenticator.count({ where: { accountId, id: { in: grant.replaces } } });
            if (still !== grant.replaces.length) throw new Refused('window_closed');
          }
          if (grant.reason === 'link') {
            const { count } = await tx.enrollmentLink.deleteMany({
              where: { accountId, digest: grant.linkDigest ?? '', expiresAt: { gt: now } },
            });
            if (count !== 1) throw new Refused('link_used');
          }
          if (grant.reason === 'new') {
            const account = await tx.account.findUnique({ where: { id: accountId } });
            if (!account?.enrollmentOpenUntil || account.enrollmentOpenUntil <= now) throw new Refused('window_closed');
          }
          await tx.authenticator.deleteMany({ where: { accountId, id: { in: grant.replaces } } });
          const linked = await this.authenticators.createIn(tx, accountId, app.label, app.secret, app.acceptedStep);
          const recoveryCodes = await this.recoveryCodes.replaceIn(tx, accountId);
          // From now on only a recovery code or a set-up link leads to an enrolment page.
          await tx.account.update({ where: { id: accountId }, data: { enrollmentOpenUntil: null } });
          await inTx?.(tx);
          return { ok: true, app: linked, recoveryCodes };
        },
        { logger: this.logger },
      );
    } catch (error) {
      if (error instanceof Refused) return { ok: false, reason: error.reason };
      throw error;
    }
  }

  /**
   * An administrator's reset: the apps and recovery codes go, the password-alone window closes,
   * and a set-up link is the only way to link a new app. Returns what was removed and the link.
   */
  async reset(accountId: string): Promise<{ removed: number; recoveryCodes: number; link: SetUpLink }> {
    const [removed, recoveryCodes] = await serializable(this.db, async (tx) => {
      const apps = await this.authenticators.removeAll(accountId, tx);
      const codes = await this.recoveryCodes.removeAll(accountId, tx);
      // A link sent before the reset goes with it; the new one follows.
      await tx.enrollmentLink.deleteMany({ where: { accountId } });
      await tx.account.update({ where: { id: accountId }, data: { enrollmentOpenUntil: null } });
      return [apps, codes] as const;
    });
    return { removed, recoveryCodes, link: await this.issueLink(accountId) };
  }
}
