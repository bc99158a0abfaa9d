// Finds the Electron binary the way the electron package does, and fetches it with
// Electron's own install step (node_modules/electron/install.js) when it is missing.
//
// Never require('electron') here: on a machine with no binary that require starts the
// download with no way for us to report why it failed.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './root.mjs';

/** Copies install.js's console.error lines to fd 3, so we can quote the real error. */
const ERROR_TEE = path.join(root, 'scripts', 'lib', 'electron-install-errors.cjs');

/** node_modules/electron, or undefined when the package is not installed at all. */
export function electronPackageDir() {
  try {
    const require = createRequire(path.join(root, 'package.json'));
    return path.dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
}

export function electronVersion(packageDir = electronPackageDir()) {
  if (!packageDir) return 'unknown';
  return JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')).version;
}

/** The Electron executable's path, or undefined when it is not installed. */
export function findElectronBinary(env = process.env) {
  const packageDir = electronPackageDir();
  if (!packageDir) return undefined;
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

const PROXY_VARIABLES = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'];

/**
 * The environment for the install step. @electron/get honours HTTP(S)_PROXY only when
 * ELECTRON_GET_USE_PROXY is set: a user who set a proxy meant it for this download too.
 */
export function installEnvironment(env = process.env) {
  const next = { ...env };
  if (!next.ELECTRON_GET_USE_PROXY && PROXY_VARIABLES.some((name) => next[name])) {
    next.ELECTRON_GET_USE_PROXY = 'true';
  }
  return next;
}

/**
 * Runs Electron's install step with the terminal attached (its progress bar needs a
 * TTY). Resolves { ok: true } or { ok: false, reason } with the error it printed.
 */
export function installElectron(env = process.env) {
  const packageDir = electronPackageDir();
  if (!packageDir) {
    return Promise.resolve({ ok: false, reason: 'the electron package is not installed' });
  }
  const installer = path.join(packageDir, 'install.js');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--require', ERROR_TEE, installer], {
      cwd: root,
      env: installEnvironment(env),
      stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
    });
    let printed = '';
    child.stdio[3]?.on('data', (chunk) => {
      printed += chunk.toString();
    });
    const stop = (signal) => child.kill(signal);
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, stop);
    const done = (result) => {
      for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, stop);
      resolve(result);
    };
    child.on('error', (error) => done({ ok: false, reason: error.message }));
    child.on('close', (code, signal) => {
      if (code === 0) return done({ ok: true });
      // The first line of a stack is "Name: message", the part a user can act on.
      const firstLine = printed.split('\n').find((line) => line.trim());
      done({
        ok: false,
        reason: firstLine?.trim() ?? `the install step ended with ${signal ?? `exit code ${code}`}`,
      });
    });
  });
}

/**
 * The environment Electron runs Pigeon from sources in (npm start, npm run dev): the
 * SQLite module built for Electron, when there is one (PIGEON_SQLITE_BINDING), and no
 * ELECTRON_RUN_AS_NODE, which some shells and tools set and which would make Electron
 * act as plain Node.
 */
export function electronRunEnvironment(env, sqliteBinding) {
  const next = { ...env };
  delete next.ELECTRON_RUN_AS_NODE;
  if (sqliteBinding) next.PIGEON_SQLITE_BINDING = sqliteBinding;
  return next;
}

/** What to print when the binary could not be had: why, how to retry, the way around. */
export function downloadFailedMessage(reason, version = electronVersion()) {
  return [
    `Pigeon could not download Electron ${version}, the desktop runtime it needs:`,
    `  ${reason}`,
    'To retry, run `npm start` again. Behind a proxy set HTTPS_PROXY; to download from a',
    'mirror set ELECTRON_MIRROR (for example https://npmmirror.com/mirrors/electron/).',
    'Without Electron, run Pigeon headless and use it in a browser:',
    '  npm run headless -- --nick <name>',
  ].join('\n');
}
