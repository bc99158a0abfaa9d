#!/usr/bin/env node
// Starts Pigeon with a display: checks for the Electron binary, builds, launches.
// `--check-only` stops after the binary check (exit 0 with its path, or 1).
//
// The binary is found the way the electron package finds it, without calling
// require('electron'): on a machine with no binary that require starts a download.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const MISSING_ELECTRON_MESSAGE =
  'The Electron binary is not installed (it cannot be downloaded on this machine). ' +
  'Run Pigeon without a display instead: npm run headless -- --nick <name>';

/** The Electron executable's path, or undefined when it is not installed. */
export function findElectronBinary(env = process.env) {
  let packageDir;
  try {
    const require = createRequire(path.join(root, 'package.json'));
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  const pathFile = path.join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  let binary;
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    binary = path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || 'electron');
  } else if (relative) {
    binary = path.join(packageDir, 'dist', relative);
  } else {
    return undefined;
  }
  return existsSync(binary) ? binary : undefined;
}

function main(args) {
  const binary = findElectronBinary();
  if (!binary) {
    console.error(MISSING_ELECTRON_MESSAGE);
    return Promise.resolve(1);
  }
  if (args.includes('--check-only')) {
    console.log(binary);
    return Promise.resolve(0);
  }
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) return Promise.resolve(built.status ?? 1);

  const env = { ...process.env };
  // Set by some shells and tools; it would make Electron act as plain Node.
  delete env.ELECTRON_RUN_AS_NODE;
  const child = spawn(binary, [root, ...args], { cwd: root, stdio: 'inherit', env });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (!child.killed) child.kill(signal);
    });
  }
  return new Promise((resolve) => {
    child.on('error', (error) => {
      console.error(`Could not start Electron: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
