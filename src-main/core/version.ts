import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Put in by scripts/build.mjs (esbuild `define`) from package.json's version. */
declare const __PIGEON_VERSION__: string;

/** For runs the build did not make (vitest, tsx): the package.json Pigeon is run from. */
function versionFromPackageJson(): string {
  let dir = process.cwd();
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (pkg.name === 'pigeon' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // No readable package.json here: look one folder up.
    }
    const parent = path.dirname(dir);
    if (parent === dir) return '0.0.0';
    dir = parent;
  }
}

/** Pigeon's release: package.json's version, the one place it is written. */
export const PIGEON_APP_VERSION: string =
  typeof __PIGEON_VERSION__ === 'string' ? __PIGEON_VERSION__ : versionFromPackageJson();
