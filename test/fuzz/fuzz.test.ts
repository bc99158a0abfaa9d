// The fuzz suite CI runs: each target for PIGEON_FUZZ_SECONDS (20 s by default) from the
// corpus, coverage-guided. A finding fails the test and prints the input to replay it
// (`test/fuzz/run.ts` runs the same targets for as long as you like).
import { describe, expect, it } from 'vitest';
import { runTarget, TARGETS } from './harness';

const SECONDS = Number(process.env.PIGEON_FUZZ_SECONDS ?? 20);
const SEED = Number(process.env.PIGEON_FUZZ_SEED ?? Date.now() % 1_000_000);

describe.each(TARGETS)('fuzzing $name', (spec) => {
  it(
    'breaks no invariant, stays within its time per input and its memory',
    async () => {
      const report = await runTarget(spec, { seconds: SECONDS, seed: SEED });
      const line =
        `${spec.name} (seed ${SEED}): ${report.runs} inputs in ${report.seconds.toFixed(1)} s, ` +
        `${report.covered}/${report.edges} edges, corpus ${report.corpus}, ` +
        `slowest ${report.slowestMs.toFixed(1)} ms, RSS peak ${report.rssPeakMb.toFixed(0)} MB`;
      console.log(line);
      const finding = report.finding
        ? `${report.finding.kind}: ${report.finding.message}\ninput (base64): ${report.finding.input.toString('base64')}`
        : undefined;
      expect(finding).toBeUndefined();
      // A harness that stopped running inputs or reaching code would pass silently.
      expect(report.runs).toBeGreaterThan(200);
      expect(report.covered / report.edges).toBeGreaterThan(0.6);
      // The corpus grows past its seeds only when feedback finds new code.
      expect(report.corpus).toBeGreaterThan(spec.seeds().length);
      expect(report.heapGrowthMb).toBeLessThan(256);
    },
    SECONDS * 1000 + 120_000,
  );
});
