import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const script = path.resolve(__dirname, '../../../scripts/start.mjs');
const temporary: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pigeon-start-'));
  temporary.push(dir);
  return dir;
}

function checkOnly(distPath: string) {
  return spawnSync(process.execPath, [script, '--check-only'], {
    encoding: 'utf8',
    env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: distPath },
  });
}

describe('scripts/start.mjs', () => {
  afterEach(() => {
    for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

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
