// An operator's typo in the environment, met by the real server process: exit code 2 and one line on
// stderr naming the variable, before anything is opened or logged.
import { spawnSync } from 'node:child_process';

describe('start-up with a bad configuration', () => {
  const start = (env: Record<string, string>) =>
    spawnSync(process.execPath, ['dist/src/main.js'], {
      env: { PATH: process.env.PATH, ...env },
      encoding: 'utf8',
      timeout: 20_000,
    });

  it.each([
    [{ PORT: '70000' }, /^twofold: configuration error: PORT must be at most 65535/],
    [
      { DATABASE_URL: 'mysql://localhost/x' },
      /^twofold: configuration error: DATABASE_URL must be a postgresql:\/\/ or file: URL/,
    ],
    [{ BCRYPT_COST: '3' }, /^twofold: configuration error: BCRYPT_COST must be at least 4/],
    [{ TRUST_PROXY: 'maybe' }, /^twofold: configuration error: TRUST_PROXY must be true or false/],
    [{ ISSUER: 'not a url' }, /^twofold: configuration error: ISSUER must be a http\(s\) URL/],
    [{ LOG_LEVEL: 'loud' }, /^twofold: configuration error: LOG_LEVEL /],
    [{ REDIS_URL: 'redis:/user:hunter2@cache' }, /^twofold: configuration error: REDIS_URL must name a server/],
    [
      { ISSUER: 'https://id.example.com' },
      /^twofold: configuration error: TRUST_PROXY must be true when ISSUER is https/,
    ],
    [{ METRICS_PORT: 'prometheus' }, /^twofold: configuration error: METRICS_PORT must be a whole number/],
    [{ METRICS_PORT: '65536' }, /^twofold: configuration error: METRICS_PORT must be at most 65535/],
    [{ PORT: '8080', METRICS_PORT: '8080' }, /^twofold: configuration error: METRICS_PORT must differ from PORT/],
    // More than 333 code guesses a year (SECURITY.md, the guessing bound).
    [
      { RATE_LIMIT_CODE_BUDGET: '30' },
      /^twofold: configuration error: RATE_LIMIT_CODE_BUDGET and RATE_LIMIT_CODE_BUDGET_WINDOW allow 420 code guesses a year/,
    ],
    [
      { BRAND_COLOR: '#8fb0ff' },
      /^twofold: configuration error: BRAND_COLOR #8fb0ff has a contrast of 2\.\d\d:1 against the light theme's card background #ffffff; links and text need at least 4\.5:1, so choose a darker colour$/m,
    ],
    [{ BRAND_LOGO: '/no/such/logo.png' }, /^twofold: configuration error: BRAND_LOGO names a file that cannot be read/],
  ])('%j stops with exit code 2 and one line naming the variable', (env, message) => {
    const result = start(env);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });
});
