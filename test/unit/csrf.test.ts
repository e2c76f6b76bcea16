import { CsrfTokens } from '../../interactions/csrf.js';

describe('CSRF tokens of the sign-in forms', () => {
  const tokens = new CsrfTokens(['current-cookie-key']);

  it('a token is accepted only for the interaction it was minted for', () => {
    const token = tokens.issue('interaction-a');
    expect(tokens.matches('interaction-a', token)).toBe(true);
    expect(tokens.matches('interaction-b', token)).toBe(false);
  });

  it('missing, empty, oversized or non-string tokens are refused', () => {
    for (const bad of [undefined, '', 'x'.repeat(500), ['a'], 42])
      expect(tokens.matches('interaction-a', bad)).toBe(false);
  });

  it('another deployment (other keys) cannot mint a token', () => {
    expect(tokens.matches('interaction-a', new CsrfTokens(['someone-elses-key']).issue('interaction-a'))).toBe(false);
  });

  it('a page opened before a cookie-key rotation still submits', () => {
    const before = new CsrfTokens(['old-key']).issue('interaction-a');
    const after = new CsrfTokens(['new-key', 'old-key']);
    expect(after.matches('interaction-a', before)).toBe(true);
    expect(after.issue('interaction-a')).not.toBe(before);
  });
});
