import { availableParallelism } from 'node:os';
import { loadConfig, ConfigError } from '../../src/config/index.js';

describe('configuration', () => {
  it('defaults to the embedded SQLite database on port 3000', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.issuer).toBe('http://localhost:3000');
    expect(config.database.kind).toBe('sqlite');
    expect(config.bcryptCost).toBe(12);
  });

  it('never repeats a password found in a bad URL', () => {
    for (const [name, value] of [
      ['DATABASE_URL', 'postgresql//admin:s3cretpw@db/x'],
      ['REDIS_URL', 'redis:/user:hunter2@cache'],
      ['DATABASE_URL', 'mysql://root:s3cretpw@db/x'],
      ['REDIS_URL', 'redis:/user:s3cret@pw@cache:6379'],
      ['DATABASE_URL', 'postgresql://u:pa@s3cretpw@/db'],
    ] as const) {
      expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name} `));
      expect(() => loadConfig({ [name]: value })).not.toThrow(/s3cretpw|hunter2/);
    }
  });

  it('accepts PostgreSQL on a socket folder, which names no host', () => {
    expect(loadConfig({ DATABASE_URL: 'postgresql:///twofold?host=/run/postgresql' }).database.kind).toBe('postgresql');
  });

  it('serves metrics only when METRICS_PORT is set, on loopback unless METRICS_HOST says otherwise', () => {
    expect(loadConfig({}).metrics).toBeUndefined();
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({
      port: 9464,
      host: '0.0.0.0',
    });
  });

  it('runs one process unless told otherwise, and one worker per CPU in production', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ NODE_ENV: 'production' }).workers).toBe(availableParallelism());
    expect(loadConfig({ NODE_ENV: 'production', WORKERS: '1' }).workers).toBe(1);
    expect(loadConfig({ WORKERS: '3' }).workers).toBe(3);
    expect(() => loadConfig({ WORKERS: '0' })).toThrow('WORKERS must be at least 1 (got "0")');
  });

  it('limits slow clients by default, and refuses a headers timeout longer than the whole request', () => {
    expect(loadConfig({}).http).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 1000,
    });
    expect(loadConfig({ HTTP_KEEP_ALIVE_TIMEOUT: '65s', HTTP_MAX_CONNECTIONS: '20000' }).http).toEqual(
      expect.objectContaining({ keepAliveTimeoutMs: 65_000, maxConnections: 20_000 }),
    );
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT: '1m' })).toThrow(
      /^HTTP_HEADERS_TIMEOUT must not be longer than HTTP_REQUEST_TIMEOUT \(got "60s" and "30s"\)/,
    );
    expect(() => loadConfig({ HTTP_MAX_CONNECTIONS: '0' })).toThrow(/^HTTP_MAX_CONNECTIONS must be at least 1/);
  });

  it('takes a support contact for the help, lock and error pages, checked like every other value', () => {
    expect(loadConfig({}).support).toEqual({ url: undefined, email: undefined });
    expect(loadConfig({ SUPPORT_URL: 'https://desk.example.com/', SUPPORT_EMAIL: 'help@example.com' }).support).toEqual(
      { url: 'https://desk.example.com/', email: 'help@example.com' },
    );
    expect(() => loadConfig({ SUPPORT_URL: 'javascript:alert(1)' })).toThrow(/^SUPPORT_URL must be a http\(s\) URL/);
    expect(() => loadConfig({ SUPPORT_EMAIL: 'the help desk' })).toThrow(
      'SUPPORT_EMAIL must be an email address (got "the help desk")',
    );
  });

  it('names the variable when a value is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/^PORT must be a whole number/);
  });

  it('names every wrong variable at once, on one line, so one restart fixes them all', () => {
    expect(() => loadConfig({ PORT: 'eighty', BCRYPT_COST: '3', LOG_LEVEL: 'loud' })).toThrow(
      /^PORT must be a whole number \(got "eighty"\); BCRYPT_COST must be at least 4 \(got "3"\); LOG_LEVEL must be one of/,
    );
  });
});
