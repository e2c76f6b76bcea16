// Clocks for tests (src/clock.ts): time-dependent rules then run without waiting for real time.
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

/**
 * This test file's time: the clock of every server startTwofold starts and of every AuthenticatorApp.
 * It is real time plus however far the file has let time pass, so waiting for the next 30 s TOTP step
 * takes no time at all. oidc-provider keeps its own (real) time: only Twofold's rules (TOTP steps,
 * the account page's recent-sign-in check, the token limits' memory) see this one. Once a file runs a
 * real Twofold process (spawnTwofold), which only real time moves, waiting for time is real again.
 */
class TestTime implements Clock {
  private ahead = 0;
  private real = false;

  now(): number {
    return Date.now() + this.ahead;
  }

  /** Lets `ms` of time pass: at once for in-process servers, for real once a process runs. */
  async pass(ms: number): Promise<void> {
    if (this.real) await new Promise((resolve) => setTimeout(resolve, ms));
    else this.ahead += ms;
  }

  /** From now on time passes for real (a real server process reads the system clock). */
  keepReal(): void {
    if (this.ahead) throw new Error('this file moved its test time ahead: a real server process cannot follow');
    this.real = true;
  }
}

export const testTime = new TestTime();
