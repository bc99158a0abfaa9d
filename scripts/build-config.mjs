// What scripts/build.mjs and scripts/dev.mjs both build with esbuild: the options and
// the entries (main and preload for Electron, the headless entry for plain Node).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib/root.mjs';
import { versionDefine } from './lib/version-define.mjs';

export { root };

export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  // The version is written once, in package.json.
  define: versionDefine(),
  // Native and Electron modules stay outside the bundle.
  external: ['electron', 'better-sqlite3', 'bufferutil', 'utf-8-validate'],
};

export const ELECTRON_ENTRIES = [
  { in: 'src-main/main.ts', out: 'out/main/index.cjs' },
  { in: 'preload/index.ts', out: 'out/preload/index.cjs' },
];
export const HEADLESS_ENTRY = { in: 'src-main/headless/index.ts', out: 'out/headless/index.cjs' };

/** Every entry whose source exists. */
export function esbuildEntries() {
  return [...ELECTRON_ENTRIES, HEADLESS_ENTRY].filter((e) => existsSync(path.join(root, e.in)));
}
