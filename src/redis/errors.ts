// Whether a Redis error means Redis is unreachable right now. ioredis refuses commands while
// disconnected (we disable its offline queue, so they fail at once), or times them out.
const REDIS_MESSAGES =
  /enableOfflineQueue options is false|^Connection is closed|^Command timed out|None of startup nodes is available|Failed to refresh slots cache/;
const REDIS_NAMES = new Set(['MaxRetriesPerRequestError', 'ClusterAllFailedError']);

export function isRedisUnavailable(error: unknown): boolean {
  for (let depth = 0, current = error; depth < 5 && current && typeof current === 'object'; depth++) {
    const { name, message, cause } = current as { name?: unknown; message?: unknown; cause?: unknown };
    if (typeof name === 'string' && REDIS_NAMES.has(name)) return true;
    if (typeof message === 'string' && REDIS_MESSAGES.test(message)) return true;
    current = cause;
  }
  return false;
}
