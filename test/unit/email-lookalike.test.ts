// Addresses that only look like another one are refused; addresses in one alphabet are not.
import { parseEmail } from '../../src/accounts/email.js';

describe('look-alike email addresses', () => {
  it.each([
    ['Cyrillic а among Latin letters', 'аdmin@example.com'],
    ['Ukrainian і among Latin letters', 'admіn@example.com'],
    ['Greek ο in the domain', 'admin@gοogle.com'],
  ])('refuses %s', (_, address) => {
    expect(() => parseEmail(address)).toThrow(/alphabets that look alike/);
  });

  it.each([
    ['wholly Cyrillic', 'админ@пример.рф', 'админ@пример.рф'],
    ['Latin with accents', 'José@Example.com', 'josé@example.com'],
    ['full-width Latin (folded to ASCII)', 'ＡＤＭＩＮ@example.com', 'admin@example.com'],
    ['Cyrillic user at a Latin domain', 'иван@example.com', 'иван@example.com'],
  ])('accepts an address %s', (_, address, stored) => {
    expect(parseEmail(address)).toBe(stored);
  });
});
