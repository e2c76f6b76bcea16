// The per-instance memory of (client, address) pairs that failed lately decides which token
// requests read the counter first. An attacker must not be able to flush a pair out of it by
// flooding it with failures of made-up pairs: a full memory checks every pair instead.
import { RecentFailures } from '../../src/ratelimit/recent-failures.js';
import { ManualClock } from '../support/clock.js';

const WINDOW_MS = 15 * 60 * 1000;
const clock = new ManualClock();
const pastTheWindow = () => clock.advance(WINDOW_MS + 1);

describe('recent token-endpoint failures', () => {
  it('remembers a failed pair for the window only', () => {
    const recent = new RecentFailures(WINDOW_MS, 10, clock);
    recent.add('target');
    expect([recent.has('target'), recent.has('someone-else')]).toEqual([true, false]);
    clock.advance(WINDOW_MS - 1);
    expect(recent.has('target')).toBe(true);
    clock.advance(2);
    expect(recent.has('target')).toBe(false);
  });

  it('cannot be flushed: when full of live entries it answers yes for every pair', () => {
    const recent = new RecentFailures(60_000, 3, clock);
    recent.add('target');
    for (const junk of ['junk-1', 'junk-2', 'junk-3', 'junk-4']) recent.add(junk);
    expect(recent.has('target')).toBe(true);
    expect(recent.has('never-failed')).toBe(true);
  });

  it('makes room again as entries expire', () => {
    const recent = new RecentFailures(WINDOW_MS, 2, clock);
    recent.add('old-1');
    recent.add('old-2');
    pastTheWindow();
    recent.add('new');
    expect([recent.has('new'), recent.has('never-failed')]).toEqual([true, false]);
  });
});
