// One rate limit: a counter per key that allows `points` in a window, over a limiter from
// store.ts. Answers in plain terms (allowed, or refused until when), and turns a store failure
// into StoreUnavailableError, so callers fail closed: a limit that cannot be counted refuses, and
// the request is answered as any other outage (503).
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { MetricsRecorder } from '../metrics/index.js';
import type { LimitName } from './limits.js';
import { StoreUnavailableError, type Store } from '../outage/index.js';

export type Verdict =
  /**
   * `usedLastPointFor`: this very attempt took the last point; the next ones are refused this many seconds.
   * `firstInWindow`: this very attempt took the first point of its window.
   */
  | { allowed: true; usedLastPointFor?: number; firstInWindow?: true }
  /** `limitReachedNow`: this very request reached the limit (the moment worth an audit event). */
  | { allowed: false; retryAfterSeconds: number; limitReachedNow: boolean };

export class Limit {
  constructor(
    /** The name audit events, logs and metrics use for this limit. */
    readonly name: LimitName,
    readonly points: number,
    private readonly limiter: RateLimiterAbstract,
    /** Where the counters live (named when they cannot be reached). */
    private readonly store: Store,
    /** Where refusals are counted (src/metrics); none when metrics are off. */
    private readonly metrics?: MetricsRecorder,
  ) {}

  /** How long a counter lives, in seconds. */
  get windowSeconds(): number {
    return this.limiter.duration;
  }

  /**
   * Counts an attempt before it is checked. Counting first (one atomic increment in the store) is
   * what keeps a burst of simultaneous attempts, on any number of instances, within the limit;
   * `reset` or `giveBack` after a success gives points back.
   */
  async attempt(key: string): Promise<Verdict> {
    try {
      const state = await this.limiter.consume(key);
      return {
        allowed: true,
        ...(state.consumedPoints === this.points ? { usedLastPointFor: seconds(state) } : {}),
        ...(state.consumedPoints === 1 ? { firstInWindow: true } : {}),
      };
    } catch (outcome) {
      if (outcome instanceof RateLimiterRes) return this.refusal(this.refused(outcome, this.points + 1));
      throw this.unavailable(outcome);
    }
  }

  /** Whether `key` still has points, without using one. */
  async check(key: string): Promise<Verdict> {
    const state = await this.limiter.get(key).catch((error: unknown) => {
      throw this.unavailable(error);
    });
    if (!state || state.consumedPoints < this.points) return { allowed: true };
    return this.refusal(this.refused(state, -1));
  }

  /** Gives back the point one attempt took (a success that must not wipe the others' count), or `points`. */
  async giveBack(key: string, points = 1): Promise<void> {
    await this.limiter.reward(key, points).catch((error: unknown) => {
      throw this.unavailable(error);
    });
  }

  /** Forgets the key's count (after a success). */
  async reset(key: string): Promise<void> {
    await this.limiter.delete(key).catch((error: unknown) => {
      throw this.unavailable(error);
    });
  }

  /** attempt() and check() refuse what they do not allow: the caller answers 429. */
  private refusal(verdict: Verdict): Verdict {
    this.metrics?.rateLimitRefused(this.name);
    return verdict;
  }

  /** The counters' store did not answer: the request fails closed, answered as an outage. */
  private unavailable(cause: unknown): StoreUnavailableError {
    return new StoreUnavailableError(this.store, { cause });
  }

  private refused(state: RateLimiterRes, reachedAt: number): Verdict {
    return {
      allowed: false,
      retryAfterSeconds: seconds(state),
      limitReachedNow: state.consumedPoints === reachedAt,
    };
  }
}

function seconds(state: RateLimiterRes): number {
  return Math.max(1, Math.ceil(state.msBeforeNext / 1000));
}
