import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSettings, saveSettings } from '../../../src-main/core/settings-file';

const made: string[] = [];
const tempDir = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pigeon-settings-'));
  made.push(dir);
  return dir;
};
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('settings file', () => {
  it('starts empty, and round-trips what was saved', async () => {
    const dir = await tempDir();
    expect(await readSettings(dir)).toEqual({ settings: {} });
    await saveSettings(dir, {
      nickname: '小王',
      group: '测试',
      language: 'en',
      hosts: ['10.0.0.2'],
    });
    expect((await readSettings(dir)).settings).toEqual({
      nickname: '小王',
      group: '测试',
      language: 'en',
      hosts: ['10.0.0.2'],
    });
  });

  it('keeps a damaged file aside instead of overwriting it, and says so', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'settings.json'), '{"nickname": 42, broken');
    const result = await readSettings(dir);
    expect(result.settings).toEqual({});
    expect(result.problem).toMatch(/damaged/);
    const files = await readdir(dir);
    const aside = files.find((f) => f.startsWith('settings.json.damaged-'));
    expect(aside).toBeDefined();
    expect(await readFile(path.join(dir, aside!), 'utf8')).toBe('{"nickname": 42, broken');
  });

  it('refuses to save invalid settings', async () => {
    const dir = await tempDir();
    await expect(saveSettings(dir, { port: 70000 })).rejects.toThrow();
  });
});
