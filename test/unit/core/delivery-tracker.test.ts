import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DeliveryTracker,
  type PendingDelivery,
} from '../../../src-main/core/pipeline/delivery-tracker';

const delivery = (packetNo: number, peerId = 'u@h'): PendingDelivery => ({
  messageId: `m${packetNo}`,
  peerId,
  packetNo,
  bytes: Buffer.from(`packet ${packetNo}`),
  to: { address: '10.0.0.2', port: 2425 },
});

describe('DeliveryTracker', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends at once, retries every interval with the same bytes, then fails after maxRetries', () => {
    const transmit = vi.fn();
    const onFailed = vi.fn();
    const tracker = new DeliveryTracker({
      transmit,
      onFailed,
      retryIntervalMs: 1000,
      maxRetries: 4,
    });
    tracker.send(delivery(7));
    expect(transmit).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999);
    expect(transmit).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(transmit).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(3000);
    expect(transmit).toHaveBeenCalledTimes(5);
    expect(
      transmit.mock.calls.every(([bytes]) => (bytes as Buffer).toString() === 'packet 7'),
    ).toBe(true);
    expect(onFailed).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(onFailed).toHaveBeenCalledWith(expect.objectContaining({ messageId: 'm7' }));
    expect(tracker.size).toBe(0);
    expect(tracker.isPending('m7')).toBe(false);
    vi.advanceTimersByTime(10_000);
    expect(transmit).toHaveBeenCalledTimes(5);
  });

  it('stops retrying on the acknowledgement from the right peer only', () => {
    const transmit = vi.fn();
    const onFailed = vi.fn();
    const tracker = new DeliveryTracker({
      transmit,
      onFailed,
      retryIntervalMs: 1000,
      maxRetries: 4,
    });
    tracker.send(delivery(8, 'alice@pc'));
    vi.advanceTimersByTime(1000);
    expect(tracker.acknowledge(8, 'mallory@pc')).toBeUndefined();
    expect(tracker.acknowledge(9, 'alice@pc')).toBeUndefined();
    expect(tracker.isPending('m8')).toBe(true);
    expect(tracker.acknowledge(8, 'alice@pc')).toBe('m8');
    expect(tracker.isPending('m8')).toBe(false);
    expect(tracker.acknowledge(8, 'alice@pc')).toBeUndefined();
    vi.advanceTimersByTime(10_000);
    expect(transmit).toHaveBeenCalledTimes(2);
    expect(onFailed).not.toHaveBeenCalled();
  });

  it('clear() stops every timer without reporting failures', () => {
    const transmit = vi.fn();
    const onFailed = vi.fn();
    const tracker = new DeliveryTracker({
      transmit,
      onFailed,
      retryIntervalMs: 100,
      maxRetries: 1,
    });
    tracker.send(delivery(1));
    tracker.send(delivery(2));
    tracker.clear();
    vi.advanceTimersByTime(10_000);
    expect(transmit).toHaveBeenCalledTimes(2);
    expect(onFailed).not.toHaveBeenCalled();
  });

  it('withdraw() stops one message quietly, and only that one', () => {
    const transmit = vi.fn();
    const onFailed = vi.fn();
    const tracker = new DeliveryTracker({
      transmit,
      onFailed,
      retryIntervalMs: 100,
      maxRetries: 2,
    });
    tracker.send(delivery(1));
    tracker.send(delivery(2));
    expect(tracker.withdraw('m1')).toBe(true);
    expect(tracker.withdraw('m1')).toBe(false);
    expect(tracker.isPending('m1')).toBe(false);
    vi.advanceTimersByTime(10_000);
    // m2 alone went on: its first send and two retries; only it failed.
    expect(transmit).toHaveBeenCalledTimes(2 + 2);
    expect(onFailed.mock.calls.map(([d]) => (d as PendingDelivery).messageId)).toEqual(['m2']);
  });
});
