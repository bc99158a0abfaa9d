// Loads a fuzz target with coverage: esbuild bundles the target and the product code it
// imports into one CommonJS file, and Jazzer.js's Babel plugins (the same ones its own
// fuzzer uses) add an edge counter to every branch and a hook to every comparison with a
// literal. Jazzer.js's libFuzzer binary needs glibc 2.38 and Debian bookworm has 2.36, so
// the loop that reads these counters is Pigeon's own (fuzz-loop.ts); see docs/fuzzing.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { installFeedback, type Feedback } from './feedback';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const CACHE = join(ROOT, 'node_modules', '.cache', 'pigeon-fuzz');
const requireHere = createRequire(import.meta.url);

interface BabelPluginFactory {
  (...args: never[]): unknown;
}
interface Babel {
  transformSync(
    code: string,
    options: { plugins: unknown[]; sourceType: 'script'; compact: boolean; babelrc: false },
  ): { code?: string | null } | null;
}

const babel = requireHere('@babel/core') as Babel;
const { codeCoverage } = requireHere('@jazzer.js/instrumentor/dist/plugins/codeCoverage.js') as {
  codeCoverage: (ids: { nextEdgeId(): number }) => BabelPluginFactory;
};
const { compareHooks } = requireHere('@jazzer.js/instrumentor/dist/plugins/compareHooks.js') as {
  compareHooks: BabelPluginFactory;
};

/** What a target module exports: one input in, an exception only for a broken invariant. */
export interface FuzzTargetModule {
  fuzz(data: Buffer): void;
}

export interface InstrumentedTarget {
  module: FuzzTargetModule;
  feedback: Feedback;
}

/**
 * Bundles `entry` (a file under test/fuzz/targets) with its imports; packages stay
 * outside the bundle and uninstrumented, so coverage counts Pigeon's code only.
 */
export async function loadInstrumented(entry: string): Promise<InstrumentedTarget> {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  const source = bundle.outputFiles[0]?.text;
  if (source === undefined) throw new Error(`esbuild produced nothing for ${entry}`);
  let edges = 0;
  const instrumented = babel.transformSync(source, {
    plugins: [codeCoverage({ nextEdgeId: () => edges++ }), compareHooks],
    sourceType: 'script',
    compact: false,
    babelrc: false,
  })?.code;
  if (!instrumented) throw new Error(`Babel produced nothing for ${entry}`);

  const feedback = installFeedback(edges);
  // Written inside the repository so the bundle's require('iconv-lite') resolves.
  const name = relative(ROOT, entry).replace(/[\\/]/g, '_').replace(/\.ts$/, '.cjs');
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, name);
  writeFileSync(file, instrumented);
  const loaded = createRequire(file)(file) as Partial<FuzzTargetModule>;
  if (typeof loaded.fuzz !== 'function') throw new Error(`${entry} exports no fuzz(data)`);
  return { module: loaded as FuzzTargetModule, feedback };
}
