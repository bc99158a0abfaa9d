import { describe, expect, it } from 'vitest';
import { countFromEnv } from '../../../bench/support/env-count';

describe('a count a bench reads from the environment', () => {
  it('takes a whole number, and the default when the variable is unset or empty', () => {
    expect(countFromEnv('BENCH_MESSAGES', 5000, {}, { BENCH_MESSAGES: '20000' })).toBe(20_000);
    expect(countFromEnv('BENCH_MESSAGES', 5000, {}, {})).toBe(5000);
    expect(countFromEnv('BENCH_MESSAGES', 5000, {}, { BENCH_MESSAGES: ' ' })).toBe(5000);
    expect(countFromEnv('BENCH_WARMUP', 10_000, { min: 0 }, { BENCH_WARMUP: '0' })).toBe(0);
  });

  it('refuses anything else by the variable’s name instead of running on NaN', () => {
    for (const text of ['abc', '1.5', '0', '-3', '1e400'])
      expect(() => countFromEnv('BENCH_MESSAGES', 5000, {}, { BENCH_MESSAGES: text })).toThrow(
        `BENCH_MESSAGES must be a whole number of at least 1, not "${text}".`,
      );
  });
});
