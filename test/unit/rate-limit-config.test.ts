// The rate-limit variables: defaults as documented, durations in s/m/h, one-line errors naming
// the variable.
import { loadConfig, ConfigError } from '../../src/config/index.js';

describe('rate-limit configuration', () => {
  it('defaults to 5 passwords and 5 codes per account and address, 50 of each per address, 100 codes per account, a budget of 20 guesses per authenticator per 30 days, 20 token failures, 20 unregistered clients and 100 right passwords per address, 30 right passwords per account, per 15 minutes; 10 recovery codes per account per hour; 200 sign-ins held open per address', () => {
    expect(loadConfig({}).rateLimits).toEqual({
      windowSeconds: 900,
      passwordPerAccountIp: 5,
      passwordPerIp: 50,
      codePerAccountIp: 5,
      codePerIp: 50,
      codePerAccount: 100,
      codeBudget: 20,
      codeBudgetWindowDays: 30,
      tokenPerClientIp: 20,
      recoveryCodePerAccount: 10,
      recoveryCodeWindowSeconds: 3600,
      interactionPerIp: 200,
      unknownClientPerIp: 20,
      rightPasswordPerAccount: 30,
      rightPasswordPerIp: 100,
    });
    expect(
      loadConfig({ RATE_LIMIT_RECOVERY_CODE_PER_ACCOUNT: '3', RATE_LIMIT_RECOVERY_CODE_WINDOW: '30m' }).rateLimits,
    ).toMatchObject({
      recoveryCodePerAccount: 3,
      recoveryCodeWindowSeconds: 1800,
    });
  });

  it('behind a proxy, the client address is the last X-Forwarded-For entry unless more hops are configured', () => {
    expect(loadConfig({}).trustProxyHops).toBe(1);
    expect(loadConfig({ TRUST_PROXY_HOPS: '2' }).trustProxyHops).toBe(2);
  });

  it('takes the per-address limits from RATE_LIMIT_PASSWORD_PER_IP and RATE_LIMIT_CODE_PER_IP', () => {
    const { rateLimits } = loadConfig({ RATE_LIMIT_PASSWORD_PER_IP: '500', RATE_LIMIT_CODE_PER_IP: '7' });
    expect(rateLimits.passwordPerIp).toBe(500);
    expect(rateLimits.codePerIp).toBe(7);
  });

  describe('the guessing budget keeps one account’s chance a year at most 10⁻³ (333 guesses of 3·10⁻⁶)', () => {
    it.each([
      // At most ⌈366 / window⌉ + 1 windows meet a year.
      ['20', '30d', 280],
      ['23', '30d', 322],
      ['166', '366d', 332],
      ['167', '366d', 334],
      ['333', '3660d', 666],
      ['1', '1d', 367],
    ])('RATE_LIMIT_CODE_BUDGET=%s per %s allows %i guesses a year', (budget, window, guesses) => {
      const env = { RATE_LIMIT_CODE_BUDGET: budget, RATE_LIMIT_CODE_BUDGET_WINDOW: window };
      if (guesses <= 333) {
        expect(loadConfig(env).rateLimits).toMatchObject({
          codeBudget: Number(budget),
          codeBudgetWindowDays: Number(window.slice(0, -1)),
        });
      } else {
        expect(() => loadConfig(env)).toThrow(ConfigError);
        expect(() => loadConfig(env)).toThrow(
          `RATE_LIMIT_CODE_BUDGET and RATE_LIMIT_CODE_BUDGET_WINDOW allow ${guesses} code guesses a year, more than 333`,
        );
      }
    });

    it('refuses a budget that breaks the bound before anything starts, naming both variables', () => {
      expect(() => loadConfig({ RATE_LIMIT_CODE_BUDGET: '24' })).toThrow(
        'RATE_LIMIT_CODE_BUDGET and RATE_LIMIT_CODE_BUDGET_WINDOW allow 336 code guesses a year, more than 333 (a 10⁻³ chance a year of guessing a code; see SECURITY.md): lower the budget or lengthen the window (got "24" and "30d")',
      );
      expect(() => loadConfig({ RATE_LIMIT_CODE_BUDGET_WINDOW: '30' })).toThrow(
        'RATE_LIMIT_CODE_BUDGET_WINDOW must be a number of days such as 30d (got "30")',
      );
      expect(() => loadConfig({ RATE_LIMIT_CODE_BUDGET: '334', RATE_LIMIT_CODE_BUDGET_WINDOW: '3660d' })).toThrow(
        'RATE_LIMIT_CODE_BUDGET must be at most 333 (got "334")',
      );
    });
  });

  it.each([
    ['90s', 90],
    ['15m', 900],
    ['1h', 3600],
    ['24h', 86400],
  ])('RATE_LIMIT_WINDOW=%s is %i seconds', (value, seconds) => {
    expect(loadConfig({ RATE_LIMIT_WINDOW: value }).rateLimits.windowSeconds).toBe(seconds);
  });

  it.each([
    [{ RATE_LIMIT_WINDOW: '15' }, 'RATE_LIMIT_WINDOW must be a duration such as 90s, 15m or 1h (got "15")'],
    [{ RATE_LIMIT_WINDOW: '0s' }, 'RATE_LIMIT_WINDOW must be at least 1s (got "0s")'],
    [{ RATE_LIMIT_WINDOW: '25h' }, 'RATE_LIMIT_WINDOW must be at most 24h (got "25h")'],
    [{ RATE_LIMIT_PASSWORD_PER_ACCOUNT_IP: '0' }, 'RATE_LIMIT_PASSWORD_PER_ACCOUNT_IP must be at least 1 (got "0")'],
    [{ RATE_LIMIT_CODE_PER_ACCOUNT_IP: 'five' }, 'RATE_LIMIT_CODE_PER_ACCOUNT_IP must be a whole number (got "five")'],
    // NIST SP 800-63B §5.2.2 allows no more than 100 consecutive failures.
    [{ RATE_LIMIT_CODE_PER_ACCOUNT: '101' }, 'RATE_LIMIT_CODE_PER_ACCOUNT must be at most 100 (got "101")'],
    [{ RATE_LIMIT_PASSWORD_PER_IP: '0' }, 'RATE_LIMIT_PASSWORD_PER_IP must be at least 1 (got "0")'],
    [{ RATE_LIMIT_PASSWORD_PER_IP: '1e3' }, 'RATE_LIMIT_PASSWORD_PER_IP must be a whole number (got "1e3")'],
    [{ RATE_LIMIT_CODE_PER_IP: '100001' }, 'RATE_LIMIT_CODE_PER_IP must be at most 100000 (got "100001")'],
    [
      { RATE_LIMIT_RECOVERY_CODE_PER_ACCOUNT: '0' },
      'RATE_LIMIT_RECOVERY_CODE_PER_ACCOUNT must be at least 1 (got "0")',
    ],
    [{ TRUST_PROXY_HOPS: '0' }, 'TRUST_PROXY_HOPS must be at least 1 (got "0")'],
    [{ RATE_LIMIT_TOKEN_PER_CLIENT_IP: '-3' }, 'RATE_LIMIT_TOKEN_PER_CLIENT_IP must be a whole number (got "-3")'],
  ])('%j is refused with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
