import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../src-main/core/net/rate-limiter';

describe('RateLimiter', () => {
  it('allows a burst, then the steady rate, per address', () => {
    let now = 0;
    const limiter = new RateLimiter(10, 20, 100, () => now);
    const allowed = Array.from({ length: 30 }, () => limiter.allow('10.0.0.1')).filter(
      Boolean,
    ).length;
    expect(allowed).toBe(20);
    expect(limiter.allow('10.0.0.2')).toBe(true);
    now = 1000;
    const refilled = Array.from({ length: 30 }, () => limiter.allow('10.0.0.1')).filter(
      Boolean,
    ).length;
    expect(refilled).toBe(10);
  });

  it('keeps its table bounded under a spoofed-address flood', () => {
    const limiter = new RateLimiter(10, 20, 50, () => 0);
    for (let i = 0; i < 5000; i++) limiter.allow(`10.0.${i >> 8}.${i & 255}`);
    expect(
      (limiter as unknown as { buckets: Map<string, unknown> }).buckets.size,
    ).toBeLessThanOrEqual(50);
  });
});
