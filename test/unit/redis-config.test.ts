import { loadConfig, ConfigError } from '../../src/config/index.js';

describe('redis configuration', () => {
  it('keeps protocol state in the database unless Redis is configured', () => {
    const config = loadConfig({});
    expect(config.redisUrl).toBeUndefined();
    expect(config.redisClusterNodes).toBeUndefined();
  });

  it('accepts redis:// and rediss:// (TLS) URLs only', () => {
    expect(loadConfig({ REDIS_URL: 'rediss://user:pw@cache.internal:6380/0' }).redisUrl).toBe(
      'rediss://user:pw@cache.internal:6380/0',
    );
    expect(() => loadConfig({ REDIS_URL: 'http://cache.internal:6379' })).toThrow(
      /^REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/,
    );
  });

  it('puts every Redis key under twofold: unless REDIS_KEY_PREFIX names another prefix', () => {
    expect(loadConfig({}).redisKeyPrefix).toBe('twofold:');
    expect(loadConfig({ REDIS_KEY_PREFIX: 'acme-prod:' }).redisKeyPrefix).toBe('acme-prod:');
    for (const value of ['has space:', 'a'.repeat(65), 'tab\t:', 'star*:']) {
      expect(() => loadConfig({ REDIS_KEY_PREFIX: value })).toThrow(/^REDIS_KEY_PREFIX must be 1 to 64/);
    }
  });

  it('reads cluster nodes as a host:port list, IPv6 in brackets', () => {
    const config = loadConfig({ REDIS_CLUSTER_NODES: 'redis-a:7000, 10.0.0.2:7001,[fd00::3]:7002' });
    expect(config.redisClusterNodes).toEqual([
      { host: 'redis-a', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: 'fd00::3', port: 7002 },
    ]);
  });

  it('names REDIS_CLUSTER_NODES when a node is not host:port', () => {
    for (const value of ['redis-a', 'redis-a:7000,redis-b', 'redis-a:70000', 'redis-a:0', ' , ']) {
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: value })).toThrow(ConfigError);
      expect(() => loadConfig({ REDIS_CLUSTER_NODES: value })).toThrow(/^REDIS_CLUSTER_NODES must list/);
    }
  });
});
