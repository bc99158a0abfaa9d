import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DeliveryTracker,
  type PendingDelivery,
} from '../../../src-main/core/pipeline/delivery-tracker';

// Retries toward another Pigeon follow its measured round trip; toward any other
// client they keep IP Messenger's fixed interval. Either way a message is given up
// (maxRetries + 1) × retryIntervalMs after it was first sent.

const delivery = (packetNo: number, toPigeon = true, peerId = 'bob@pc'): PendingDelivery => ({
  messageId: `m${packetNo}`,
  peerId,
  packetNo,
  bytes: Buffer.from(`packet ${packetNo}`),
  to: { address: '10.0.0.2', port: 2425 },
  toPigeon,
});

/** A tracker on fake time, recording when each datagram left (ms since the test began). */
function setup(timing = { retryIntervalMs: 1000, maxRetries: 4 }) {
  const start = Date.now();
  const sentAt: Array<{ packetNo: string; at: number }> = [];
  const failed: string[] = [];
  const tracker = new DeliveryTracker({
    transmit: (bytes) =>
      sentAt.push({ packetNo: bytes.toString().split(' ')[1]!, at: Date.now() - start }),
    onFailed: (d) => failed.push(d.messageId),
    ...timing,
    now: () => Date.now(),
  });
  const timesOf = (packetNo: number): number[] =>
    sentAt.filter((s) => s.packetNo === String(packetNo)).map((s) => s.at - first(packetNo));
  const first = (packetNo: number): number =>
    sentAt.find((s) => s.packetNo === String(packetNo))!.at;
  /** Sends one message, acknowledged after `ms` (its first copy: the estimate learns it). */
  const answeredAfter = (packetNo: number, ms: number): void => {
    tracker.send(delivery(packetNo));
    vi.advanceTimersByTime(ms);
    expect(tracker.acknowledge(packetNo, 'bob@pc')).toBe(`m${packetNo}`);
  };
  return { tracker, failed, timesOf, answeredAfter };
}

describe('quick retry toward another Pigeon', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('starts at 200 ms before any round trip is known, doubles each wait, and gives up at 5 s as before', () => {
    const { tracker, failed, timesOf } = setup();
    tracker.send(delivery(1));
    vi.advanceTimersByTime(4999);
    expect(timesOf(1)).toEqual([0, 200, 600, 1400, 2400, 3400, 4400]);
    expect(failed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(failed).toEqual(['m1']);
    vi.advanceTimersByTime(10_000);
    expect(timesOf(1)).toHaveLength(7);
  });

  it('retries after the measured round trip plus four deviations', () => {
    const { tracker, timesOf, answeredAfter } = setup();
    answeredAfter(1, 30);
    tracker.send(delivery(2));
    vi.advanceTimersByTime(400);
    // 30 + 4 · 15 = 90, then 180 more.
    expect(timesOf(2)).toEqual([0, 90, 270]);
  });

  it('clamps the first retry to the floor on a fast link and to the interval on a slow one', () => {
    const fast = setup();
    fast.answeredAfter(1, 1);
    fast.tracker.send(delivery(2));
    vi.advanceTimersByTime(160);
    expect(fast.timesOf(2)).toEqual([0, 50, 150]);

    // 150 + 4 · 75 = 450, over an interval of 300.
    const slow = setup({ retryIntervalMs: 300, maxRetries: 4 });
    slow.answeredAfter(1, 150);
    slow.tracker.send(delivery(2));
    vi.advanceTimersByTime(700);
    expect(slow.timesOf(2)).toEqual([0, 300, 600]);
  });

  it("learns nothing from a retransmitted message's acknowledgement (Karn), and keeps the backed-off wait", () => {
    const { tracker, timesOf, answeredAfter } = setup();
    answeredAfter(1, 10);
    // Sent at 0, again at 50 (the floor); acknowledged at 70: which copy is answered is unknown.
    tracker.send(delivery(2));
    vi.advanceTimersByTime(70);
    expect(timesOf(2)).toEqual([0, 50]);
    tracker.acknowledge(2, 'bob@pc');
    // Not learnt as 70 ms (that would give 70 + 4 · 35 = 210): backed off to twice 50.
    tracker.send(delivery(3));
    vi.advanceTimersByTime(150);
    expect(timesOf(3)).toEqual([0, 100]);
    tracker.acknowledge(3, 'bob@pc');
    // A message sent once measures again, and the backoff ends.
    answeredAfter(4, 10);
    tracker.send(delivery(5));
    vi.advanceTimersByTime(60);
    expect(timesOf(5)).toEqual([0, 50]);
  });

  it('keeps each peer its own round trip', () => {
    const { tracker, timesOf, answeredAfter } = setup();
    answeredAfter(1, 100);
    tracker.send(delivery(2, true, 'carol@pc'));
    vi.advanceTimersByTime(250);
    expect(timesOf(2)).toEqual([0, 200]);
  });

  it('gives up at (maxRetries + 1) × retryIntervalMs whatever the round trip', () => {
    for (const rtt of [1, 30, 300, 2000]) {
      const { tracker, failed, answeredAfter } = setup({ retryIntervalMs: 1000, maxRetries: 4 });
      if (rtt < 2000) answeredAfter(1, rtt);
      tracker.send(delivery(2));
      vi.advanceTimersByTime(4999);
      expect(failed).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(failed).toEqual(['m2']);
    }
    const lab = setup({ retryIntervalMs: 60, maxRetries: 4 });
    lab.tracker.send(delivery(1));
    vi.advanceTimersByTime(299);
    expect(lab.timesOf(1)).toEqual([0, 60, 120, 180, 240]);
    expect(lab.failed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(lab.failed).toEqual(['m1']);
  });
});

describe('other clients (IP Messenger, iptux, FeiQ)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keep the fixed 1 s interval, 4 retries, failed at 5 s', () => {
    const { tracker, failed, timesOf } = setup();
    tracker.send(delivery(1, false, 'iptux@pc'));
    vi.advanceTimersByTime(4999);
    expect(timesOf(1)).toEqual([0, 1000, 2000, 3000, 4000]);
    expect(failed).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(failed).toEqual(['m1']);
  });

  it('are not hurried by what was learnt from quick acknowledgements', () => {
    const { tracker, timesOf } = setup();
    tracker.send(delivery(1, false, 'iptux@pc'));
    vi.advanceTimersByTime(5);
    tracker.acknowledge(1, 'iptux@pc');
    tracker.send(delivery(2, false, 'iptux@pc'));
    vi.advanceTimersByTime(1500);
    expect(timesOf(2)).toEqual([0, 1000]);
  });
});

describe('a later message retried while an earlier one is unacknowledged', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('does not slow the peer down: it may only wait in the peer’s reorder hold', () => {
    const { tracker, timesOf } = setup();
    tracker.send(delivery(1)); // the oldest, waiting 200 ms (nothing measured yet)
    tracker.send(delivery(2));
    vi.advanceTimersByTime(10);
    tracker.acknowledge(2, 'bob@pc'); // measured: 10 ms, so the timeout is the floor
    tracker.send(delivery(3));
    vi.advanceTimersByTime(55);
    expect(timesOf(3)).toEqual([0, 50]);
    // 3 ran out behind 1: the next message still starts at 50 ms, not twice it.
    tracker.withdraw('m1');
    tracker.acknowledge(3, 'bob@pc');
    tracker.send(delivery(4));
    vi.advanceTimersByTime(60);
    expect(timesOf(4)).toEqual([0, 50]);
  });
});

describe('a message acknowledged after an earlier one was retried', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('is not measured: it may have waited in the reorder hold for that retry', () => {
    const { tracker, timesOf, answeredAfter } = setup();
    answeredAfter(1, 10); // timeout: the 50 ms floor
    tracker.send(delivery(2));
    vi.advanceTimersByTime(30);
    tracker.send(delivery(3)); // sent once, behind 2
    vi.advanceTimersByTime(20); // 2 is retried (lost): the timeout backs off to 100 ms
    vi.advanceTimersByTime(10);
    tracker.acknowledge(2, 'bob@pc');
    vi.advanceTimersByTime(1);
    tracker.acknowledge(3, 'bob@pc'); // 31 ms after its only copy, released by 2's retry
    // Measured, 3 would have ended the backoff (next timeout 50 ms); it stays at 100 ms.
    tracker.send(delivery(4));
    vi.advanceTimersByTime(110);
    expect(timesOf(4)).toEqual([0, 100]);
  });
});
