// The token limits' memory of which (client, address) pairs failed on this instance recently
// (src/ratelimit/token-endpoint.ts), so a client that authenticates correctly costs no store round
// trip. Bounded: a flood of junk cannot push out the entry of a pair an attacker wants forgotten.
import { systemClock, type Clock } from '../clock.js';

/**
 * The keys that failed on this instance within the window. A key with no recent failure here skips
 * the counter read: a client that authenticates correctly, the common case, costs no store round
 * trip. A key that failed only on other instances is refused at its next failure here, which is
 * counted like any other; until then a right secret from it is answered (SECURITY.md weighs this).
 */
export class RecentFailures {
  private readonly until = new Map<string, number>();
  constructor(
    private readonly windowMs: number,
    private readonly max = 10_000,
    private readonly clock: Clock = systemClock,
  ) {}

  add(key: string): void {
    this.until.delete(key);
    if (this.until.size >= this.max) this.dropExpired();
    // Full of live entries: not evicting one, since flooding junk failures would then clear a
    // target's entry and skip its check; `has` answers yes for every key until entries expire.
    if (this.until.size < this.max) this.until.set(key, this.clock.now() + this.windowMs);
  }

  /** Whether any key failed here within the window (else `has` is false for every key, unasked). */
  any(): boolean {
    return this.until.size > 0;
  }

  has(key: string): boolean {
    if (this.until.size >= this.max) return true;
    const until = this.until.get(key);
    const now = this.clock.now();
    if (until !== undefined && until < now) this.until.delete(key);
    return until !== undefined && until >= now;
  }

  private dropExpired(): void {
    const now = this.clock.now();
    for (const [key, until] of this.until) if (until < now) this.until.delete(key);
  }
}
