// A peer chooses every offered file name, so sanitising one must cost time linear in its
// length: a quadratic trim once stalled the main loop for seconds on 65,000 dots.
import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../../src-main/core/transfer/safe-name';
import { minCpuMicros } from '../cpu-time';

describe('safeFileName on hostile lengths', () => {
  it('sanitises 65,000 dots before a name in well under 50 ms of CPU', () => {
    const name = `${'.'.repeat(65_000)}x.png`;
    const tail = `x${'.'.repeat(65_000)}`;
    expect(safeFileName(name).endsWith('.png')).toBe(true);
    expect(safeFileName(tail)).toBe('x');
    expect(minCpuMicros(() => safeFileName(name))).toBeLessThan(50_000);
    expect(minCpuMicros(() => safeFileName(tail))).toBeLessThan(50_000);
    expect(minCpuMicros(() => safeFileName(`${' . '.repeat(20_000)}\u3000y`))).toBeLessThan(50_000);
  });
});
