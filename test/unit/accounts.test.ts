import { normalizeEmail, parseEmail } from '../../src/accounts/email.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../src/accounts/password.js';
import { InvalidInputError } from '../../src/accounts/errors.js';

describe('email addresses', () => {
  it('are one account whatever their case or Unicode compatibility form', () => {
    expect(normalizeEmail('Alice@Example.COM')).toBe('alice@example.com');
    expect(normalizeEmail('ａｌｉｃｅ@example.com')).toBe('alice@example.com');
    expect(parseEmail('  Bob@Example.org ')).toBe('bob@example.org');
  });

  it.each([
    '',
    'no-at-sign',
    'a@b',
    'two@@example.com',
    'spa ce@example.com',
    'nul\u0000@example.com',
    'zero\u200bwidth@example.com',
    `${'a'.repeat(250)}@example.com`,
  ])('refuses %j', (input) => {
    expect(() => parseEmail(input)).toThrow(InvalidInputError);
  });
});

describe('password policy', () => {
  it('refuses short and common passwords with a reason', () => {
    expect(() => checkPasswordPolicy('short')).toThrow(/at least 8 characters/);
    expect(() => checkPasswordPolicy('password123')).toThrow(/too common/);
    expect(() => checkPasswordPolicy('Password123')).toThrow(/too common/);
    expect(() => checkPasswordPolicy('correct horse battery staple')).not.toThrow();
  });

  it('counts characters, not bytes', () => {
    expect(() => checkPasswordPolicy('пароль12')).not.toThrow();
  });
});

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('correct horse battery staple', 4);
    expect(hash).toMatch(/^\$2[aby]\$04\$/);
    await expect(verifyPassword('correct horse battery staple', hash)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', hash)).resolves.toBe(false);
  });

  it('does not let two long passwords that share their first 72 bytes both work', async () => {
    const prefix = 'x'.repeat(72);
    const hash = await hashPassword(`${prefix}-first`, 4);
    await expect(verifyPassword(`${prefix}-first`, hash)).resolves.toBe(true);
    await expect(verifyPassword(`${prefix}-second`, hash)).resolves.toBe(false);
    await expect(verifyPassword(prefix, hash)).resolves.toBe(false);
  });

  it('treats Unicode compatibility forms of a password as the same password', async () => {
    const hash = await hashPassword('ﬁne-password', 4); // "ﬁ" ligature
    await expect(verifyPassword('fine-password', hash)).resolves.toBe(true);
  });
});
