import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from './temp-dirs';

const script = path.resolve(__dirname, '../../../scripts/start.mjs');
const tempDir = useTempDirs('pigeon-start-');

function checkOnly(distPath: string) {
  return spawnSync(process.execPath, [script, '--check-only'], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: distPath },
  });
}

describe('scripts/start.mjs', () => {
  it('explains how to run headless and exits 1 when the Electron binary is missing', () => {
    const result = checkOnly(tempDir());
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('The Electron binary is not installed yet');
    expect(result.stderr).toContain('npm run headless -- --nick <name>');
  });

  it('finds an installed binary and prints its path', () => {
    const dir = tempDir();
    // Where the electron package says its binary lives (path.txt), as start.mjs reads it.
    const pathFile = path.resolve(__dirname, '../../../node_modules/electron/path.txt');
    const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
    const binary = path.join(dir, relative);
    mkdirSync(path.dirname(binary), { recursive: true });
    writeFileSync(binary, '');
    chmodSync(binary, 0o755);
    const result = checkOnly(dir);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim()).toBe(binary);
  });
});
