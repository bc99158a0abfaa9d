// The SQLite module for `npm start`. Electron's ABI differs from Node's, and the
// better-sqlite3 in node_modules stays built for Node (tests, headless mode). So start
// keeps an Electron build aside, in node_modules/.pigeon-electron/<Electron version>/,
// made once with @electron/rebuild, and tells main where it is (PIGEON_SQLITE_BINDING).
// `npm run dist` does not use it: electron-builder rebuilds node_modules for packaging.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { root } from './root.mjs';

const require = createRequire(path.join(root, 'package.json'));

export function electronSqlitePaths(electronVersion, base = path.join(root, 'node_modules')) {
  const dir = path.join(base, '.pigeon-electron', electronVersion);
  const packageDir = path.join(dir, 'node_modules', 'better-sqlite3');
  return {
    dir,
    packageDir,
    binding: path.join(packageDir, 'build', 'Release', 'better_sqlite3.node'),
  };
}

/** Copies better-sqlite3's sources (not its Node build) into a project of its own. */
export function prepareElectronSqlite(electronVersion, base) {
  const paths = electronSqlitePaths(electronVersion, base);
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  const { version } = JSON.parse(readFileSync(path.join(source, 'package.json'), 'utf8'));
  rmSync(paths.dir, { recursive: true, force: true });
  mkdirSync(path.dirname(paths.packageDir), { recursive: true });
  cpSync(source, paths.packageDir, {
    recursive: true,
    filter: (file) => path.relative(source, file).split(path.sep)[0] !== 'build',
  });
  writeFileSync(
    path.join(paths.dir, 'package.json'),
    JSON.stringify({
      name: 'pigeon-electron-sqlite',
      private: true,
      dependencies: { 'better-sqlite3': version },
    }),
  );
  return paths;
}

/**
 * The Electron build of better_sqlite3.node: made on first start (a prebuilt download or
 * a compile, with @electron/rebuild's own progress), then reused. Resolves
 * { ok: true, binding } or { ok: false, reason }.
 */
export function ensureElectronSqlite(electronVersion, options = {}) {
  const existing = electronSqlitePaths(electronVersion, options.base);
  if (existsSync(existing.binding)) return { ok: true, binding: existing.binding };
  console.log(`Building the SQLite module for Electron ${electronVersion} (once)…`);
  const paths = prepareElectronSqlite(electronVersion, options.base);
  const cli = path.join(
    path.dirname(require.resolve('@electron/rebuild/package.json')),
    'lib',
    'cli.js',
  );
  const rebuilt = spawnSync(
    process.execPath,
    [
      cli,
      '--version',
      electronVersion,
      '--module-dir',
      paths.dir,
      '--only',
      'better-sqlite3',
      '--force',
    ],
    { cwd: paths.dir, stdio: 'inherit', env: options.env ?? process.env },
  );
  if (rebuilt.status === 0 && existsSync(paths.binding))
    return { ok: true, binding: paths.binding };
  return {
    ok: false,
    reason:
      rebuilt.error?.message ??
      `@electron/rebuild ended with ${rebuilt.signal ?? `exit code ${rebuilt.status}`}` +
        (rebuilt.status === 0 ? ' but made no better_sqlite3.node' : ''),
  };
}
