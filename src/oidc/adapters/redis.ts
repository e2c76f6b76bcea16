// oidc-provider's storage contract on Redis, shared by every instance (after oidc-provider's own
// example/adapters/redis.js). Redis expires entries itself, from oidc-provider's expiresIn.
//
// Keys, all under one prefix so a shared Redis is safe:
//   <prefix><Model>:<id>                    hash { payload: JSON, consumed?: epoch seconds }
//   <prefix>uid:<Model>:<uid>               id of the entry with that uid (sessions)
//   <prefix>userCode:<Model>:<userCode>     id of the entry with that user code (device flow)
//   <prefix>grant:<grantId>                 index: keys of the codes and tokens of the grant
//   <prefix>account:<accountId>             index: keys of the account's entries not under a grant
//   <prefix>client:<clientId>               index: keys of the client's entries not under a grant
// An index is a sorted set scored by each member's expiry, so expired members are dropped as new
// ones arrive and the index itself expires after its last member. A code or token issued under a
// grant is indexed by its grant alone (owners.ts): revoking an account's or a client's index
// revokes the grants it lists with their own indexes (revokeIndex). Every command touches one key,
// so all of this works unchanged on Redis Cluster.
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Result } from 'ioredis';
import type { RedisConnection } from '../../redis/connection.js';
import { ownersOf } from './owners.js';

declare module 'ioredis' {
  interface RedisCommander<Context> {
    twofoldConsume(key: string, consumedAt: number): Result<number, Context>;
    twofoldPut(key: string, payload: string, lifetimeSeconds: number): Result<number, Context>;
    twofoldIndex(index: string, member: string, lifetimeSeconds: number): Result<number, Context>;
  }
}

// Only the first consumer sets `consumed`, and only on an entry that still exists: oidc-provider
// treats a consumed code or rotated refresh token presented again as an attack and revokes the grant.
const CONSUME = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  return redis.call('HSETNX', KEYS[1], 'consumed', ARGV[1])
end
return 0`;

// Replaces an entry as a whole (a fresh upsert is not consumed), with its TTL: one command where a
// MULTI of DEL, HSET and EXPIRE was five (a script runs atomically like the transaction did).
const PUT = `
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'payload', ARGV[1])
local lifetime = tonumber(ARGV[2])
if lifetime > 0 then
  redis.call('EXPIRE', KEYS[1], lifetime)
end
return 1`;

// Adds a member (scored by when it expires, in ms; +1 s of slack so the index outlives it) and keeps
// the index alive exactly as long as its longest-lived member, forever if one never expires.
const INDEX = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local lifetime = tonumber(ARGV[2])
if lifetime > 0 then
  redis.call('ZADD', KEYS[1], now + lifetime * 1000 + 1000, ARGV[1])
else
  redis.call('ZADD', KEYS[1], '+inf', ARGV[1])
end
local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
if last[2] == 'inf' then
  redis.call('PERSIST', KEYS[1])
else
  redis.call('PEXPIREAT', KEYS[1], last[2])
end
return 1`;

/** Key names under one prefix. */
export class RedisKeys {
  constructor(readonly prefix: string) {}
  entry = (model: string, id: string) => `${this.prefix}${model}:${id}`;
  uid = (model: string, uid: string) => `${this.prefix}uid:${model}:${uid}`;
  userCode = (model: string, userCode: string) => `${this.prefix}userCode:${model}:${userCode}`;
  grant = (grantId: string) => `${this.prefix}grant:${grantId}`;
  account = (accountId: string) => `${this.prefix}account:${accountId}`;
  client = (clientId: string) => `${this.prefix}client:${clientId}`;
}

/** Registers our scripts on the connection (idempotent; ioredis caches them by SHA). */
export function defineScripts(redis: RedisConnection): void {
  redis.defineCommand('twofoldConsume', { numberOfKeys: 1, lua: CONSUME });
  redis.defineCommand('twofoldPut', { numberOfKeys: 1, lua: PUT });
  redis.defineCommand('twofoldIndex', { numberOfKeys: 1, lua: INDEX });
}

export class RedisAdapter implements Adapter {
  constructor(
    private readonly redis: RedisConnection,
    private readonly keys: RedisKeys,
    private readonly model: string,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const key = this.keys.entry(this.model, id);
    const lifetime = expiresIn && expiresIn > 0 ? Math.ceil(expiresIn) : 0;
    const writes: Promise<unknown>[] = [this.redis.twofoldPut(key, JSON.stringify(payload), lifetime)];
    const { grantId, accountId, clientId } = ownersOf(this.model, payload);
    if (grantId) writes.push(this.redis.twofoldIndex(this.keys.grant(grantId), key, lifetime));
    if (accountId) writes.push(this.redis.twofoldIndex(this.keys.account(accountId), key, lifetime));
    if (clientId) writes.push(this.redis.twofoldIndex(this.keys.client(clientId), key, lifetime));
    if (payload.uid) writes.push(this.lookup(this.keys.uid(this.model, payload.uid), id, lifetime));
    if (payload.userCode) writes.push(this.lookup(this.keys.userCode(this.model, payload.userCode), id, lifetime));
    await Promise.all(writes);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const { payload, consumed } = await this.redis.hgetall(this.keys.entry(this.model, id));
    if (!payload) return undefined;
    const parsed = JSON.parse(payload) as AdapterPayload;
    return consumed ? { ...parsed, consumed: Number(consumed) } : parsed;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = await this.redis.get(this.keys.uid(this.model, uid));
    const found = id ? await this.find(id) : undefined;
    // The lookup key may outlive a destroyed entry; only an entry that still has this uid counts.
    return found?.uid === uid ? found : undefined;
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = await this.redis.get(this.keys.userCode(this.model, userCode));
    const found = id ? await this.find(id) : undefined;
    return found?.userCode === userCode ? found : undefined;
  }

  async consume(id: string): Promise<void> {
    await this.redis.twofoldConsume(this.keys.entry(this.model, id), Math.floor(Date.now() / 1000));
  }

  async destroy(id: string): Promise<void> {
    await this.redis.del(this.keys.entry(this.model, id));
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await revokeIndex(this.redis, this.keys, this.keys.grant(grantId));
  }

  private lookup(key: string, id: string, lifetime: number): Promise<unknown> {
    return lifetime ? this.redis.set(key, id, 'EX', lifetime) : this.redis.set(key, id);
  }
}

/** The live entries of one model an index lists (an index may still name entries since deleted). */
export async function listIndex(
  redis: RedisConnection,
  keys: RedisKeys,
  index: string,
  model: string,
): Promise<{ id: string; payload: AdapterPayload }[]> {
  const prefix = keys.entry(model, '');
  const members = (await redis.zrange(index, '0', '-1')).filter((member) => member.startsWith(prefix));
  // One HGET per key: on a cluster the entries live in different slots.
  const payloads = await Promise.all(members.map((member) => redis.hget(member, 'payload')));
  return members.flatMap((member, i) => {
    const payload = payloads[i];
    return payload ? [{ id: member.slice(prefix.length), payload: JSON.parse(payload) as AdapterPayload }] : [];
  });
}

/** Deletes every entry an index lists, the codes and tokens of the grants it lists, and those members. */
export async function revokeIndex(redis: RedisConnection, keys: RedisKeys, index: string): Promise<void> {
  const members = await redis.zrange(index, '0', '-1');
  if (!members.length) return;
  // A grant's codes and tokens are in its own index only (upsert). A grant index lists no grants.
  const grant = keys.entry('Grant', '');
  await Promise.all(
    members
      .filter((member) => member.startsWith(grant))
      .map((member) => revokeIndex(redis, keys, keys.grant(member.slice(grant.length)))),
  );
  // One DEL per key: on a cluster the members live in different slots.
  await Promise.all(members.map((member) => redis.del(member)));
  // ZREM rather than DEL: an entry indexed meanwhile stays listed (Redis drops an emptied set).
  await redis.zrem(index, ...members);
}
