import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../../..');

interface DevTarget {
  mode: 'electron' | 'headless';
  entries: { in: string; out: string }[];
  command: string;
  args: string[];
}

async function devTarget(args: string[], electronBinary?: string): Promise<DevTarget> {
  const script = (await import(path.join(root, 'scripts/dev.mjs'))) as {
    devTarget(args: string[], electronBinary?: string): DevTarget;
  };
  return script.devTarget(args, electronBinary);
}

describe('what npm run dev runs', () => {
  it('Electron with main and preload watched, when its binary is there', async () => {
    const target = await devTarget(['--nick', 'Ann'], '/opt/electron/electron');
    expect(target.mode).toBe('electron');
    expect(target.command).toBe('/opt/electron/electron');
    expect(target.args).toEqual([root, '--nick', 'Ann']);
    expect(target.entries.map((e) => e.in)).toEqual(['src-main/main.ts', 'preload/index.ts']);
  });

  it('headless mode with its entry watched, without a binary or when asked', async () => {
    for (const target of [
      await devTarget(['--nick', 'Ann']),
      await devTarget(['--headless', '--nick', 'Ann'], '/opt/electron/electron'),
    ]) {
      expect(target.mode).toBe('headless');
      expect(target.command).toBe(process.execPath);
      expect(target.args).toEqual([path.join(root, 'out/headless/index.cjs'), '--nick', 'Ann']);
      expect(target.entries.map((e) => e.in)).toEqual(['src-main/headless/index.ts']);
    }
  });
});
