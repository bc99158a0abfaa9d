#!/usr/bin/env node
// `npm run bench [name…]`: runs bench/*.bench.ts, each inside a private lab sandbox
// (they build their own namespace hosts, so this needs root). Each prints its figure
// beside its raw-socket baseline and the ratio; record results in docs/benchmarks.md.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv.slice(2);
const benches = readdirSync(path.join(root, 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)));
if (benches.length === 0) {
  console.error(`No benchmark matches ${wanted.join(' ')}`);
  process.exit(2);
}
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const result = spawnSync(
    path.join(root, 'test/lab/sandbox.sh'),
    [process.execPath, '--import', 'tsx', path.join('bench', bench)],
    { cwd: root, stdio: 'inherit' },
  );
  if (result.status === 125) {
    console.error(
      'Benchmarks build their own network namespaces: run them as root with iproute2 installed.',
    );
    process.exit(1);
  }
  if (result.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);
