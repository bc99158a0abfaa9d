// The fuzz engine itself: it must reach a bug that only coverage feedback and the
// comparison words lead to, and report it as a crash with its input.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fuzz } from './engine/fuzz-loop';
import { loadInstrumented } from './engine/instrument';

const PLANTED = join(dirname(fileURLToPath(import.meta.url)), 'engine', 'planted-target.ts');

describe('the coverage-guided loop', () => {
  it('finds a bug behind nested checks that blind random inputs would not', async () => {
    const { module, feedback } = await loadInstrumented(PLANTED);
    const report = fuzz({
      target: module,
      feedback,
      seeds: [Buffer.from('hello')],
      seconds: 60,
      maxLength: 64,
      perInputMs: 50,
      seed: 3,
    });
    expect(report.finding?.kind).toBe('crash');
    expect(report.finding?.message).toContain('planted bug reached');
    expect(report.finding?.input.subarray(0, 7).toString('latin1')).toBe('PGNBUG!');
    expect(report.covered).toBeGreaterThanOrEqual(5);
  }, 90_000);
});
