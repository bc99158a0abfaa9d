import path from 'node:path';

/** Where the built pieces of Pigeon live, relative to the bundled main script. */
export interface AppPaths {
  /** out/preload/index.cjs */
  preload: string;
  /** out/renderer/index.html */
  rendererIndex: string;
  /** assets/ (icons): shipped beside out/ in the package. */
  assets: string;
}

/** `mainDir` is the folder of out/main/index.cjs (its `__dirname`). */
export function resolveAppPaths(mainDir: string): AppPaths {
  const out = path.resolve(mainDir, '..');
  return {
    preload: path.join(out, 'preload', 'index.cjs'),
    rendererIndex: path.join(out, 'renderer', 'index.html'),
    assets: path.join(out, '..', 'assets'),
  };
}

export function assetPath(paths: AppPaths, file: string): string {
  return path.join(paths.assets, file);
}
