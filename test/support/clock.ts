// A clock a test moves by hand (src/clock.ts): time-dependent rules then run without waiting.
import type { Clock } from '../../src/clock.js';

export class ManualClock implements Clock {
  constructor(private time = Date.now()) {}

  now(): number {
    return this.time;
  }

  /** Sets the time (milliseconds since the epoch). */
  set(time: number): void {
    this.time = time;
  }

  /** Moves the time forward by `ms`. */
  advance(ms: number): void {
    this.time += ms;
  }
}
