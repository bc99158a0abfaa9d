#!/usr/bin/env node
// Builds Pigeon: main and preload (Electron, CommonJS), the headless entry (plain Node)
// with esbuild, and the renderer with Vite. `--if-stale` skips the build when out/ is
// newer than every source file, so `npm run headless` starts fast the second time.
// `--desktop` (for packaging) empties out/ first and builds only what the desktop app
// runs, so no headless bundle or test artefact can end up in an installer.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { esbuildEntries, esbuildOptions, HEADLESS_ENTRY, root } from './build-config.mjs';

const sources = [
  'src-main',
  'src-shared',
  'src-renderer',
  'preload',
  'package.json',
  'vite.config.ts',
];
const outputs = [...esbuildEntries().map((e) => e.out), 'out/renderer/index.html'];

function newest(p) {
  const full = path.join(root, p);
  if (!existsSync(full)) return 0;
  const stat = statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(full).map((name) => newest(path.join(p, name))));
}

if (process.argv.includes('--if-stale')) {
  const built = outputs.map((o) =>
    existsSync(path.join(root, o)) ? statSync(path.join(root, o)).mtimeMs : 0,
  );
  if (Math.min(...built) > Math.max(...sources.map(newest))) process.exit(0);
}

const desktopOnly = process.argv.includes('--desktop');
if (desktopOnly) rmSync(path.join(root, 'out'), { recursive: true, force: true });

// The desktop build leaves headless mode out: it must never reach an installer.
const entries = esbuildEntries().filter((e) => !desktopOnly || e !== HEADLESS_ENTRY);
await Promise.all(
  entries.map((e) => build({ ...esbuildOptions, entryPoints: [e.in], outfile: e.out })),
);

const vite = spawnSync(
  process.execPath,
  [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (vite.status !== 0) {
  console.error('Renderer build failed.');
  process.exit(vite.status ?? 1);
}
console.log(`Built out/main, out/preload, ${desktopOnly ? '' : 'out/headless, '}out/renderer.`);
