import { rememberBounded } from '../bounded';

/**
 * Per-address token bucket: one noisy or hostile host cannot starve the rest.
 * Buckets of quiet addresses are forgotten so the table cannot grow without bound.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond = 2000,
    private readonly burst = 4000,
    private readonly maxAddresses = 4096,
    private readonly now: () => number = Date.now,
  ) {}

  allow(address: string): boolean {
    const now = this.now();
    let bucket = this.buckets.get(address);
    if (!bucket) {
      if (this.buckets.size >= this.maxAddresses) this.forgetQuiet(now);
      bucket = { tokens: this.burst, at: now };
      // Still full after that: the address heard first goes.
      rememberBounded(this.buckets, address, bucket, this.maxAddresses);
    }
    bucket.tokens = Math.min(
      this.burst,
      bucket.tokens + ((now - bucket.at) / 1000) * this.perSecond,
    );
    bucket.at = now;
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  private forgetQuiet(now: number): void {
    for (const [address, bucket] of this.buckets) {
      if (now - bucket.at > 10_000) this.buckets.delete(address);
    }
  }
}
