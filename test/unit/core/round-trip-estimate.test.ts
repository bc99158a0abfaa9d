import { describe, expect, it } from 'vitest';
import { RoundTripEstimate } from '../../../src-main/core/pipeline/round-trip-estimate';
import { PeerRoundTrips } from '../../../src-main/core/pipeline/peer-round-trips';

const bounds = { initialMs: 200, floorMs: 50, ceilingMs: 1000 };

describe('RoundTripEstimate', () => {
  it('starts at the initial wait, within the ceiling', () => {
    expect(new RoundTripEstimate(bounds).timeoutMs).toBe(200);
    expect(new RoundTripEstimate({ ...bounds, ceilingMs: 60 }).timeoutMs).toBe(60);
  });

  it('takes the first round trip as the mean and half of it as the deviation, then smooths by 1/8 and 1/4', () => {
    const estimate = new RoundTripEstimate(bounds);
    estimate.sample(100);
    expect(estimate.measured).toEqual({ smoothedMs: 100, deviationMs: 50 });
    expect(estimate.timeoutMs).toBe(100 + 4 * 50);
    estimate.sample(200);
    // deviation 3/4·50 + 1/4·|100 − 200| = 62.5; mean 7/8·100 + 1/8·200 = 112.5
    expect(estimate.measured).toEqual({ smoothedMs: 112.5, deviationMs: 62.5 });
    expect(estimate.timeoutMs).toBe(112.5 + 4 * 62.5);
  });

  it('never waits less than the floor nor more than the ceiling', () => {
    const quick = new RoundTripEstimate(bounds);
    quick.sample(0.3);
    expect(quick.timeoutMs).toBe(50);
    const slow = new RoundTripEstimate(bounds);
    slow.sample(900);
    expect(slow.timeoutMs).toBe(1000);
  });

  it('ignores round trips that cannot be (negative, not a number)', () => {
    const estimate = new RoundTripEstimate(bounds);
    estimate.sample(-5);
    estimate.sample(Number.NaN);
    expect(estimate.measured).toBeUndefined();
    expect(estimate.timeoutMs).toBe(200);
  });

  it('keeps a backed-off wait for later messages until a new round trip is measured', () => {
    const estimate = new RoundTripEstimate(bounds);
    estimate.sample(10);
    expect(estimate.timeoutMs).toBe(50);
    estimate.expired(50);
    expect(estimate.timeoutMs).toBe(100);
    estimate.expired(100);
    expect(estimate.timeoutMs).toBe(200);
    // An older message's shorter wait running out does not shrink it.
    estimate.expired(50);
    expect(estimate.timeoutMs).toBe(200);
    estimate.expired(800);
    expect(estimate.timeoutMs).toBe(1000);
    estimate.sample(10);
    expect(estimate.timeoutMs).toBe(50);
  });

  it('doubles a wait for the next retry, within the ceiling', () => {
    const estimate = new RoundTripEstimate(bounds);
    expect(estimate.nextWait(50)).toBe(100);
    expect(estimate.nextWait(700)).toBe(1000);
  });
});

describe('PeerRoundTrips', () => {
  it('keeps one estimate per peer and forgets the least recently used past its bound', () => {
    const trips = new PeerRoundTrips(bounds, 2);
    trips.of('a').sample(10);
    trips.of('b').sample(300);
    trips.of('a');
    trips.of('c');
    expect(trips.size).toBe(2);
    expect(trips.of('a').measured?.smoothedMs).toBe(10);
    // b was used least recently, so it was the one forgotten.
    expect(trips.of('b').measured).toBeUndefined();
  });
});
