// The long run: `nice -n 19 npx tsx test/fuzz/run.ts [--runs N] [--seconds S] [--seed K]
// [target…]`. Prints one line per target; writes a finding to test-results/fuzz/ and
// exits 1 when a target breaks an invariant.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTarget, TARGETS } from './harness';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: 'string' },
    seconds: { type: 'string', default: '60' },
    seed: { type: 'string', default: '1' },
  },
});

const chosen = positionals.length ? TARGETS.filter((t) => positionals.includes(t.name)) : TARGETS;
let failed = false;
let total = 0;
for (const spec of chosen) {
  const report = await runTarget(spec, {
    seconds: Number(values.seconds),
    ...(values.runs === undefined ? {} : { runs: Number(values.runs) }),
    seed: Number(values.seed),
  });
  total += report.runs;
  console.log(
    `${spec.name}: ${report.runs} inputs in ${report.seconds.toFixed(1)} s, ` +
      `${report.covered}/${report.edges} edges, corpus ${report.corpus}, ` +
      `slowest ${report.slowestMs.toFixed(2)} ms, RSS peak ${report.rssPeakMb.toFixed(0)} MB, ` +
      `heap growth ${report.heapGrowthMb.toFixed(1)} MB` +
      (report.finding ? `, FINDING (${report.finding.kind})` : ''),
  );
  if (process.env.PIGEON_FUZZ_KEEP_SLOWEST === '1') {
    mkdirSync(join('test-results', 'fuzz'), { recursive: true });
    writeFileSync(join('test-results', 'fuzz', `${spec.name}-slowest.bin`), report.slowestInput);
  }
  if (report.finding) {
    failed = true;
    const dir = join('test-results', 'fuzz');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, `${spec.name}-${report.finding.kind}.bin`);
    writeFileSync(file, report.finding.input);
    console.log(
      `  ${report.finding.message.split('\n').slice(0, 4).join('\n  ')}\n  input: ${file}`,
    );
  }
}
console.log(`total: ${total} inputs${failed ? ', FINDINGS' : ', 0 findings'}`);
process.exit(failed ? 1 : 0);
