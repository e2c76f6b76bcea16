// Recovery codes as a person sees and types them, and as the database keeps them: random, readable,
// forgiving of case, spaces and dashes, and stored only as a digest tied to one account.
import {
  RECOVERY_CODES_PER_SET,
  generateRecoveryCode,
  generateRecoveryCodes,
  normalizeRecoveryCode,
  recoveryCodeDigest,
} from '../../src/mfa/recovery-codes/codes.js';

const SHAPE = /^([0-9a-hjkmnp-tv-z]{4}-){5}[0-9a-hjkmnp-tv-z]{4}$/;

describe('recovery codes', () => {
  it('come ten to a set, distinct, in six groups of four unambiguous lower-case characters (120 bits)', () => {
    const codes = generateRecoveryCodes();
    expect(codes).toHaveLength(RECOVERY_CODES_PER_SET);
    expect(RECOVERY_CODES_PER_SET).toBe(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(SHAPE);
  });

  it('use every character of the alphabet evenly (no modulo bias, nothing stuck)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++)
      for (const c of generateRecoveryCode().replace(/-/g, '')) counts.set(c, (counts.get(c) ?? 0) + 1);
    expect([...counts.keys()].sort().join('')).toBe('0123456789abcdefghjkmnpqrstvwxyz');
    // 48 000 characters over 32 symbols: 1500 each on average; a broken encoder is far off.
    for (const n of counts.values()) expect(Math.abs(n - 1500)).toBeLessThan(250);
  });

  it('are read back however they are typed: case, spaces, dashes, and the letters that look like digits', () => {
    const code = 'abcd-efgh-jkmn-pqrs-tvwx-yz01';
    const plain = 'abcdefghjkmnpqrstvwxyz01';
    expect(normalizeRecoveryCode(code)).toBe(plain);
    expect(normalizeRecoveryCode(code.toUpperCase())).toBe(plain);
    expect(normalizeRecoveryCode(' abcd efgh jkmn pqrs tvwx yz01 ')).toBe(plain);
    expect(normalizeRecoveryCode('ABCD—EFGH')).toBeNull();
    expect(normalizeRecoveryCode('abcd-efgh-jkmn-pqrs-tvwx-yzOl')).toBe(plain);
    expect(normalizeRecoveryCode('abcd-efgh-jkmn-pqrs-tvwx-yzoi')).toBe(plain);
    // Full-width characters are folded (NFKC) like any other typed text.
    expect(normalizeRecoveryCode('ａｂｃｄ-efgh-jkmn-pqrs-tvwx-yz01')).toBe(plain);
  });

  it.each([
    ['empty', ''],
    ['too short', 'abcd-efgh-jkmn-pqrs-tvwx-yz0'],
    ['too long', 'abcd-efgh-jkmn-pqrs-tvwx-yz012'],
    ['a u, not in the alphabet', 'abcd-efgh-jkmn-pqrs-tvwx-yzu1'],
    ['a 6-digit app code', '123456'],
    ['punctuation', 'abcd.efgh.jkmn.pqrs.tvwx.yz01'],
    ['NUL bytes', 'abcd\u0000efgh-jkmn-pqrs-tvwx-yz01'],
    ['megabytes', 'a'.repeat(1_000_000)],
  ])('refuse %s as malformed', (_what, typed) => {
    expect(normalizeRecoveryCode(typed)).toBeNull();
  });

  it('are stored as a digest that depends on the account, never as the code', () => {
    const code = normalizeRecoveryCode(generateRecoveryCode())!;
    const digest = recoveryCodeDigest('account-1', code);
    expect(digest).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(digest).not.toContain(code);
    expect(recoveryCodeDigest('account-1', code)).toBe(digest);
    expect(recoveryCodeDigest('account-2', code)).not.toBe(digest);
    // The separator keeps (account, code) pairs apart: moving characters across the boundary changes it.
    expect(recoveryCodeDigest('account-1a', code.slice(1))).not.toBe(
      recoveryCodeDigest('account-1', `a${code.slice(1)}`),
    );
  });
});
