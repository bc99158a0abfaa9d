#!/usr/bin/env node
// `npm start`: Pigeon's desktop app. Downloads the Electron binary on first start (through
// Electron's own install step, so ELECTRON_MIRROR and proxy variables apply and its
// progress shows), makes the SQLite module for Electron once, builds, launches. If there is no display or the download fails, it
// says why and points to headless mode.
// `--check-only` stops after looking for the binary (exit 0 with its path, or 1); it
// never downloads.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from './lib/root.mjs';
import {
  downloadFailedMessage,
  electronRunEnvironment,
  electronVersion,
  findElectronBinary,
  installElectron,
} from './lib/electron-binary.mjs';
import { ensureElectronSqlite } from './lib/electron-sqlite.mjs';

const HEADLESS_HINT = 'Run Pigeon headless instead: npm run headless -- --nick <name>';

const MISSING_ELECTRON_MESSAGE =
  'The Electron binary is not installed yet (`npm start` downloads it). ' + HEADLESS_HINT;
const NO_DISPLAY_MESSAGE =
  'There is no display here (neither DISPLAY nor WAYLAND_DISPLAY is set), so the desktop ' +
  'app cannot open. ' +
  HEADLESS_HINT;

/** Linux needs an X or Wayland display; checked first so no download happens in vain. */
function hasDisplay(env = process.env) {
  return process.platform !== 'linux' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

async function ensureElectron() {
  const found = findElectronBinary();
  if (found) return found;
  console.log(
    `Electron ${electronVersion()} is not installed yet: downloading it once (about 100 MB)…`,
  );
  const installed = await installElectron();
  const binary = installed.ok ? findElectronBinary() : undefined;
  if (!binary) {
    const reason = installed.ok
      ? 'the install step finished, but no Electron binary is where it said it would be'
      : installed.reason;
    console.error(`\n${downloadFailedMessage(reason)}`);
  }
  return binary;
}

/** The Electron build of the SQLite module (made once), or undefined after saying why. */
function electronSqlite() {
  const made = ensureElectronSqlite(electronVersion());
  if (made.ok) return made.binding;
  console.error(
    [
      '',
      `Pigeon could not build its SQLite module for Electron ${electronVersion()}:`,
      `  ${made.reason}`,
      'It needs a prebuilt module or, to compile one, Electron headers from the internet',
      '(or ELECTRON_REBUILD_DIST_URL), python3, make and a C++ compiler.',
      'To retry, run `npm start` again. ' + HEADLESS_HINT,
    ].join('\n'),
  );
  return undefined;
}

function launch(binary, sqliteBinding, args) {
  const env = electronRunEnvironment(process.env, sqliteBinding);
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

async function main(args) {
  if (args.includes('--check-only')) {
    const binary = findElectronBinary();
    if (binary) console.log(binary);
    else console.error(MISSING_ELECTRON_MESSAGE);
    return binary ? 0 : 1;
  }
  if (!hasDisplay()) {
    console.error(NO_DISPLAY_MESSAGE);
    return 1;
  }
  const binary = await ensureElectron();
  if (!binary) return 1;
  const sqliteBinding = electronSqlite();
  if (!sqliteBinding) return 1;
  const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
    cwd: root,
    stdio: 'inherit',
  });
  if (built.status !== 0) return built.status ?? 1;
  return launch(binary, sqliteBinding, args);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
