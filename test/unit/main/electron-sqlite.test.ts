import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import * as electronSqlite from '../../../scripts/lib/electron-sqlite.mjs';
import { openStore } from '../../../src-main/core/store';
import { isNativeModuleError } from '../../../src-main/shell/start-problems';
import { useTempDirs } from './temp-dirs';

interface Paths {
  dir: string;
  packageDir: string;
  binding: string;
}
const { electronSqlitePaths, ensureElectronSqlite, prepareElectronSqlite } = electronSqlite as {
  electronSqlitePaths(version: string, base?: string): Paths;
  prepareElectronSqlite(version: string, base?: string): Paths;
  ensureElectronSqlite(
    version: string,
    options?: { base?: string },
  ): { ok: true; binding: string } | { ok: false; reason: string };
};

const root = path.resolve(__dirname, '../../..');
const nodeBuild = path.join(root, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
const tempDir = useTempDirs('pigeon-sqlite-');

describe('the SQLite module npm start gives Electron', () => {
  it('is rebuilt from a copy of the sources, leaving the Node build in node_modules alone', () => {
    const base = tempDir();
    const paths = prepareElectronSqlite('45.0.0', base);
    expect(paths.dir).toBe(path.join(base, '.pigeon-electron', '45.0.0'));
    for (const part of ['package.json', 'binding.gyp', 'lib/database.js', 'src', 'deps']) {
      expect(existsSync(path.join(paths.packageDir, part)), part).toBe(true);
    }
    // The Node build is not copied: what is there afterwards was made for Electron.
    expect(existsSync(path.join(paths.packageDir, 'build'))).toBe(false);
    const project = JSON.parse(readFileSync(path.join(paths.dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(Object.keys(project.dependencies)).toEqual(['better-sqlite3']);
    expect(existsSync(nodeBuild)).toBe(true);
  });

  it('is made once, then reused', () => {
    const base = tempDir();
    const { binding } = electronSqlitePaths('45.0.0', base);
    mkdirSync(path.dirname(binding), { recursive: true });
    writeFileSync(binding, 'built before');
    expect(ensureElectronSqlite('45.0.0', { base })).toEqual({ ok: true, binding });
    expect(readFileSync(binding, 'utf8')).toBe('built before');
  });

  it('is the file the history opens with, when main passes it', () => {
    // The Node build stands in for the Electron one: the option is what is tested.
    const store = openStore(':memory:', { nativeBinding: nodeBuild });
    expect(store.db.version).toBeGreaterThan(0);
    store.close();
    let failure: unknown;
    try {
      openStore(':memory:', { nativeBinding: path.join(tempDir(), 'better_sqlite3.node') });
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(Error);
    expect(isNativeModuleError(failure)).toBe(true);
  });
});
