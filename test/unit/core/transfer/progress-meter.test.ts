import { describe, expect, it } from 'vitest';
import {
  ProgressMeter,
  type ProgressSnapshot,
} from '../../../../src-main/core/transfer/progress-meter';

function meter(total?: number) {
  let now = 0;
  const seen: ProgressSnapshot[] = [];
  const m = new ProgressMeter({
    ...(total === undefined ? {} : { total }),
    now: () => now,
    onProgress: (s) => seen.push(s),
  });
  return { m, seen, at: (ms: number) => (now = ms) };
}

describe('ProgressMeter', () => {
  it('calls back at most every 100 ms however often bytes arrive', () => {
    const { m, seen, at } = meter(10_000_000);
    for (let ms = 0; ms <= 1000; ms += 1) {
      at(ms);
      m.update(ms * 1000);
    }
    expect(seen.length).toBeGreaterThanOrEqual(10);
    expect(seen.length).toBeLessThanOrEqual(11);
    for (let i = 1; i < seen.length; i++) {
      expect(
        (seen[i] as ProgressSnapshot).elapsedMs - (seen[i - 1] as ProgressSnapshot).elapsedMs,
      ).toBeGreaterThanOrEqual(100);
    }
  });

  it('measures speed and time left', () => {
    const { m, at } = meter(10_000_000);
    for (let ms = 0; ms <= 2000; ms += 50) {
      at(ms);
      m.update(ms * 1000); // 1 MB/s
    }
    const s = m.snapshot();
    expect(s.bytes).toBe(2_000_000);
    expect(s.bytesPerSecond).toBeCloseTo(1_000_000, -3);
    expect(s.etaSeconds).toBeCloseTo(8, 1);
  });

  it('gives no speed or time left before half a second has passed', () => {
    const { m, at } = meter(10_000_000);
    at(5);
    m.update(1024 * 1024); // a first block handed to the socket at once
    expect(m.snapshot().bytesPerSecond).toBe(0);
    expect(m.snapshot().etaSeconds).toBeUndefined();
    at(600);
    m.update(2 * 1024 * 1024);
    expect(m.snapshot().bytesPerSecond).toBeGreaterThan(0);
    expect(m.snapshot().etaSeconds).toBeDefined();
  });

  it('follows a change of speed within the window, and shows a stall', () => {
    const { m, at } = meter();
    let bytes = 0;
    for (let ms = 50; ms <= 10_000; ms += 50) {
      at(ms);
      bytes += ms <= 5000 ? 50_000 : 5_000; // 1 MB/s, then 100 kB/s
      m.update(bytes);
    }
    expect(m.snapshot().bytesPerSecond).toBeCloseTo(100_000, -4);
    at(20_000);
    m.update(bytes);
    expect(m.snapshot().bytesPerSecond).toBeLessThan(10_000);
    expect(m.snapshot().etaSeconds).toBeUndefined(); // no total
  });

  it('flushes the final figure regardless of the throttle', () => {
    const { m, seen, at } = meter(300);
    at(0);
    m.update(100);
    at(10);
    m.update(300);
    expect(seen.map((s) => s.bytes)).toEqual([100]);
    expect(m.flush().bytes).toBe(300);
    expect(seen.map((s) => s.bytes)).toEqual([100, 300]);
    expect(seen[1]?.etaSeconds).toBe(0);
  });

  it('adds deltas', () => {
    const { m } = meter();
    m.add(5);
    m.add(7);
    expect(m.snapshot().bytes).toBe(12);
  });
});
