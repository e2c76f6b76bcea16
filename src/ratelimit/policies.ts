// The instance's rate limits (src/ratelimit/limits.ts), each a counter over the shared limiter
// store (Redis or the database), so every instance of a deployment counts together.
import type { RateLimitConfig } from '../config/index.js';
import type { MetricsRecorder } from '../metrics/index.js';
import { Limit } from './limit.js';
import { LIMITS, LIMIT_NAMES, type LimitName } from './limits.js';
import type { LimiterStore } from './store.js';

export type RateLimits = Readonly<Record<LimitName, Limit>> & {
  /** Stops the store's housekeeping (the connections belong to the server). */
  close(): Promise<void>;
};

export function openRateLimits(config: RateLimitConfig, store: LimiterStore, recorder?: MetricsRecorder): RateLimits {
  const limits = Object.fromEntries(
    LIMIT_NAMES.map((name) => {
      const { points, windowSeconds } = LIMITS[name];
      const size = points(config);
      return [name, new Limit(name, size, store.limiter(name, size, windowSeconds(config)), store.kind, recorder)];
    }),
  ) as Record<LimitName, Limit>;
  return { ...limits, close: () => store.close() };
}
