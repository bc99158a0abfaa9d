// esbuild in watch mode over some of the build's entries (scripts/build-config.mjs).
import { context } from 'esbuild';
import { esbuildOptions } from '../build-config.mjs';

/**
 * Build `entries` now and again whenever a file they include changes. `onBuilt` is
 * called after every build that succeeded, the first one included; a failed build
 * leaves the last good output in place (esbuild has printed why). Resolves once the
 * first build is done; `ok` says whether it succeeded.
 */
export async function watchBuild(entries, onBuilt, overrides = {}) {
  let settleFirst;
  const firstBuild = new Promise((resolve) => (settleFirst = resolve));
  let builds = 0;
  const rebuilt = {
    name: 'pigeon-dev-rebuilt',
    setup(build) {
      build.onEnd((result) => {
        const ok = result.errors.length === 0;
        if (ok) onBuilt({ initial: builds === 0 });
        if (ok) builds += 1;
        settleFirst(ok);
      });
    },
  };
  const options = { ...esbuildOptions, ...overrides };
  // One context for all entries: one change, one build, one restart.
  const ctx = await context({
    ...options,
    entryPoints: entries.map((e) => ({ in: e.in, out: e.out.replace(/\.cjs$/, '') })),
    outdir: options.absWorkingDir,
    outExtension: { '.js': '.cjs' },
    plugins: [rebuilt],
  });
  await ctx.watch();
  const ok = await firstBuild;
  return { ok, dispose: () => ctx.dispose() };
}
