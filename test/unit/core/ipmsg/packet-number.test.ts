import { describe, expect, it } from 'vitest';
import { PacketNumberer } from '../../../../src-main/core/ipmsg';

/** A clock the test moves by hand, in milliseconds. */
function manualClock(ms: number) {
  const clock = { ms, now: () => clock.ms };
  return clock;
}

describe('PacketNumberer', () => {
  it('starts from the clock in seconds', () => {
    const clock = manualClock(1_700_000_000_999);
    expect(new PacketNumberer(clock.now).next()).toBe(1_700_000_000);
  });

  it('counts up while the clock stands still', () => {
    const clock = manualClock(1_700_000_000_000);
    const numbers = new PacketNumberer(clock.now);
    const seen = Array.from({ length: 1000 }, () => numbers.next());
    expect(seen[0]).toBe(1_700_000_000);
    expect(seen[999]).toBe(1_700_000_999);
  });

  it('jumps forward when the clock has passed the counter', () => {
    const clock = manualClock(1_700_000_000_000);
    const numbers = new PacketNumberer(clock.now);
    numbers.next();
    numbers.next();
    clock.ms += 60_000;
    expect(numbers.next()).toBe(1_700_000_060);
  });

  it('keeps increasing when the clock goes back', () => {
    const clock = manualClock(1_700_000_000_000);
    const numbers = new PacketNumberer(clock.now);
    const first = numbers.next();
    clock.ms -= 3_600_000;
    expect(numbers.next()).toBe(first + 1);
  });

  it('is above the last number of a previous run started earlier (iptux freshness rule)', () => {
    const clock = manualClock(1_700_000_000_000);
    const earlier = new PacketNumberer(clock.now);
    let last = 0;
    for (let i = 0; i < 5; i++) last = earlier.next();
    clock.ms += 10_000; // restarted ten seconds later
    expect(new PacketNumberer(clock.now).next()).toBeGreaterThan(last);
  });

  it('stays within uint32: after 0xFFFFFFFF it restarts from 1, skipping 0', () => {
    const clock = manualClock((0xffffffff - 1) * 1000);
    const numbers = new PacketNumberer(clock.now);
    expect(numbers.next()).toBe(0xfffffffe);
    expect(numbers.next()).toBe(0xffffffff);
    expect(numbers.next()).toBe(1);
    // The clock, still just below 2^32 s, does not pull the counter back up.
    expect(numbers.next()).toBe(2);
    clock.ms = (2 ** 32 + 500) * 1000; // the clock wrapped too and is ahead: jump to it
    expect(numbers.next()).toBe(500);
    expect(numbers.next()).toBe(501);
  });

  it('does not go back to the clock after a counter that ran ahead and wrapped', () => {
    const clock = manualClock(0xffffffff * 1000);
    const numbers = new PacketNumberer(clock.now);
    expect(numbers.next()).toBe(0xffffffff);
    clock.ms = 1_700_000_000_000;
    expect([numbers.next(), numbers.next()]).toEqual([1, 2]);
  });

  it('reads the clock modulo 2^32 seconds after the year 2106', () => {
    const clock = manualClock((2 ** 32 + 500) * 1000);
    expect(new PacketNumberer(clock.now).next()).toBe(500);
    expect(new PacketNumberer(() => 2 ** 32 * 1000).next()).toBe(1);
  });

  it('survives a broken clock', () => {
    for (const ms of [Number.NaN, -5, Number.POSITIVE_INFINITY]) {
      const numbers = new PacketNumberer(() => ms);
      expect([numbers.next(), numbers.next()]).toEqual([1, 2]);
    }
  });

  it('uses the real clock by default', () => {
    const before = Math.floor(Date.now() / 1000);
    const n = new PacketNumberer().next();
    expect(n).toBeGreaterThanOrEqual(before);
    expect(n).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 1);
  });
});

describe('PacketNumberer with chance (issue 12: numbers not guessable)', () => {
  it('starts at the offset above the clock and rises by the drawn steps', () => {
    const steps = [7, 1, 64];
    let i = 0;
    const numbers = new PacketNumberer(() => 1_700_000_000_000, 0, {
      offset: 5000,
      step: () => steps[i++ % steps.length] as number,
    });
    expect([numbers.next(), numbers.next(), numbers.next()]).toEqual([
      1_700_005_000, 1_700_005_001, 1_700_005_065,
    ]);
  });

  it('in production neither starts at the clock nor counts by one', async () => {
    const { unpredictableNumbering } =
      await import('../../../../src-main/core/ipmsg/unpredictable-numbering');
    const now = 1_700_000_000_000;
    const runs = Array.from({ length: 20 }, () => {
      const numbers = new PacketNumberer(() => now, 0, unpredictableNumbering());
      return Array.from({ length: 50 }, () => numbers.next());
    });
    const firsts = new Set(runs.map((run) => run[0]));
    // Twenty runs started in the same second do not share a first number.
    expect(firsts.size).toBeGreaterThan(15);
    expect(firsts.has(now / 1000)).toBe(false);
    for (const run of runs) {
      const gaps = run.slice(1).map((n, k) => n - (run[k] as number));
      expect(gaps.every((gap) => gap >= 1 && gap <= 64)).toBe(true);
      expect(new Set(gaps).size).toBeGreaterThan(5);
    }
  });
});
