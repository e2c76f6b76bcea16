// What time it is, for every rule that depends on it (TOTP steps, "signed in recently" checks,
// the token limits' memory of recent failures). Passed in from the entry point, so in-process tests
// can move time forward instead of waiting for it, as Authelia's clock.Provider does.

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
