// What every second factor looks like to the sign-in (src/signin/flow.ts): a kind, the `amr`
// values (RFC 8176) a success proves, and one check with one typed result. The TOTP app
// (./totp-app) and recovery codes (./recovery-codes) implement it; a passkey will be one more
// folder beside them, with the same shape, and the flow needs no new structure for it.

export type FactorKind = 'totp' | 'recovery_code';

/**
 * Why a factor was not accepted:
 * - `malformed`: cannot be a code at all (a typo of the wrong shape): not a guess, nothing counted;
 * - `wrong`: checked and refused (a guess: counted);
 * - `replay`: right, but already used (RFC 6238 §5.2): not a guess, told to the owner;
 * - `locked`: every factor of this kind is locked for the account (too many wrong codes);
 * - `not_enrolled`: the account has none (removed, or reset, while the page was open).
 */
export type FactorFailure = 'malformed' | 'wrong' | 'replay' | 'locked' | 'not_enrolled';

export type FactorResult<Detail extends object = object> =
  ({ ok: true } & Detail) | { ok: false; reason: FactorFailure; lockedNow?: boolean; sameSignIn?: boolean };

export interface Factor<Detail extends object = object> {
  readonly kind: FactorKind;
  /** The `amr` values a success adds to the sign-in's (RFC 8176 §2). */
  readonly amr: readonly string[];
  /** Checks what the person typed for the account, in the sign-in `signIn` (the interaction uid). */
  verify(accountId: string, input: string, signIn: string): Promise<FactorResult<Detail>>;
}
