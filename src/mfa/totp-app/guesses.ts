// The guessing budget and the consecutive-failure lock of an account's authenticator apps, for one
// code checked against several apps at once. Each is one conditional UPDATE over all of the apps
// (never one query per app), so any number of simultaneous requests on any number of instances
// checks no more codes against an app than its budget holds (SECURITY.md, "The guessing bound").
//
// A code checked against k apps could match any of them: k times the chance of a guess against one.
// It costs each of those apps one point, so each app's own bound holds and the account's is at most
// k times it (SECURITY.md derives both). Charging k points each would keep the account's bound at
// one app's, but then 4 typos would lock all 5 apps, before a sign-in's own start-over at 5.
import type { Database } from '../../database/client.js';

/** A point of the guessing budget, taken before a code is checked. */
export interface Guess {
  /** The window it was counted in, so giving it back never lands in a later window. */
  windowStart: Date;
  /** True when it spent the window: a wrong code with it locks the authenticator. */
  last: boolean;
}

export interface GuessLimits {
  /** Consecutive wrong codes, across every IP, before an app locks (NIST SP 800-63B §5.2.2: at most 100). */
  maxConsecutiveFailures: number;
  /** At most `guesses` points per window of `windowMs` per app; a wrong code keeps what it took. */
  guessBudget: { guesses: number; windowMs: number };
}

export class Guesses {
  constructor(
    private readonly db: Database,
    private readonly limits: GuessLimits,
  ) {}

  /**
   * Takes `cost` points on each app for one code check: in the open window if it has room, else in
   * a new window opened at `now` when the last one is over (two requests racing to open one: the
   * loser counts in the winner's). Returns the apps that got their points; the others are spent
   * (or locked, or gone since they were read) and must not be checked.
   */
  async take(ids: string[], cost: number, now: number): Promise<Map<string, Guess>> {
    const { guesses, windowMs } = this.limits.guessBudget;
    const over = new Date(now - windowMs);
    const points = new Map<string, Guess>();
    if (cost > guesses) return points;
    let rest = ids;
    for (let attempt = 0; attempt < 2 && rest.length; attempt++) {
      const taken = await this.db.authenticator.updateManyAndReturn({
        where: {
          id: { in: rest },
          lockedAt: null,
          guessWindowStart: { gt: over },
          guessesInWindow: { lte: guesses - cost },
        },
        data: { guessesInWindow: { increment: cost } },
        select: { id: true, guessWindowStart: true, guessesInWindow: true },
      });
      for (const row of taken)
        points.set(row.id, { windowStart: row.guessWindowStart!, last: row.guessesInWindow >= guesses });
      rest = rest.filter((id) => !points.has(id));
      if (!rest.length || attempt === 1) break;
      const windowStart = new Date(now);
      const opened = await this.db.authenticator.updateManyAndReturn({
        where: {
          id: { in: rest },
          lockedAt: null,
          OR: [{ guessWindowStart: null }, { guessWindowStart: { lte: over } }],
        },
        data: { guessWindowStart: windowStart, guessesInWindow: cost },
        select: { id: true },
      });
      for (const row of opened) points.set(row.id, { windowStart, last: cost >= guesses });
      rest = rest.filter((id) => !points.has(id));
    }
    return points;
  }

  /** Checks that were not guesses after all (a right code, a replay): their points go back. */
  async giveBack(taken: readonly (readonly [string, Guess])[], cost: number): Promise<void> {
    if (!taken.length) return;
    await this.db.authenticator.updateMany({
      where: {
        OR: taken.map(([id, guess]) => ({ id, guessWindowStart: guess.windowStart, guessesInWindow: { gte: cost } })),
      },
      data: { guessesInWindow: { decrement: cost } },
    });
  }

  /**
   * One more consecutive wrong code on each app it was checked against (their points are kept);
   * locks those that reached the consecutive limit or spent their budget. Returns the apps still
   * unlocked and those this call locked.
   */
  async wrong(points: Map<string, Guess>, now: number): Promise<{ open: string[]; lockedNow: string[] }> {
    const counted = await this.db.authenticator.updateManyAndReturn({
      where: { id: { in: [...points.keys()] }, lockedAt: null },
      data: { failedCodes: { increment: 1 } },
      select: { id: true, failedCodes: true },
    });
    const due = counted
      .filter((row) => row.failedCodes >= this.limits.maxConsecutiveFailures || points.get(row.id)!.last)
      .map((row) => row.id);
    const lockedNow = await this.lock(due, now);
    return { open: counted.map((row) => row.id).filter((id) => !due.includes(id)), lockedNow };
  }

  /** A right code: the consecutive count of every other unlocked app of the account starts again too. */
  async right(others: string[]): Promise<void> {
    if (!others.length) return;
    await this.db.authenticator.updateMany({
      where: { id: { in: others }, lockedAt: null, failedCodes: { gt: 0 } },
      data: { failedCodes: 0 },
    });
  }

  /** Locks the apps; returns those this call locked (each worth an audit event). */
  async lock(ids: string[], now: number): Promise<string[]> {
    if (!ids.length) return [];
    const locked = await this.db.authenticator.updateManyAndReturn({
      where: { id: { in: ids }, lockedAt: null },
      data: { lockedAt: new Date(now) },
      select: { id: true },
    });
    return locked.map((row) => row.id);
  }
}
