import { promises as fsPromises } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { createHandlers, windowlessHooks } from '../../../src-main/adapters/handlers';
import type { MessengerCore } from '../../../src-main/core/messenger-api';
import { persistProfile, readSettings, saveSettings } from '../../../src-main/core/settings-file';
import type { PigeonEvent } from '../../../src-shared/contract';

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

/** Just enough of a core to emit the events persistProfile listens to. */
function fakeCore() {
  const listeners: ((event: PigeonEvent) => void)[] = [];
  const core = {
    onEvent: (listener: (event: PigeonEvent) => void) => {
      listeners.push(listener);
      return () => undefined;
    },
  } as unknown as MessengerCore;
  const emit = (event: unknown) => listeners.forEach((l) => l(event as PigeonEvent));
  return { core, emit };
}

describe('settings recover per field', () => {
  it('keeps the host list when the port is out of range, and names the port', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'settings.json');
    await writeFile(file, JSON.stringify({ port: 70000, hosts: ['10.0.0.2'], nickname: 'Wang' }));
    const result = await readSettings(dir);
    expect(result.settings).toEqual({ hosts: ['10.0.0.2'], nickname: 'Wang' });
    expect(result.problem).toMatch(/port/);
    expect(result.problem).not.toMatch(/hosts|nickname/);
    // Nothing is set aside: the file is still the user's.
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('still sets aside a file that is not JSON', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'settings.json'), 'port = 70000');
    const result = await readSettings(dir);
    expect(result.settings).toEqual({});
    expect(result.problem).toMatch(/damaged/);
    expect((await readdir(dir)).some((name) => name.startsWith('settings.json.damaged-'))).toBe(
      true,
    );
  });
});

describe('settings saves that fail', () => {
  it('reject in plain words instead of reporting success', async () => {
    const dir = await tempDir();
    // A file where the data folder should be: every save fails.
    const blocked = path.join(dir, 'not-a-folder');
    await writeFile(blocked, '');
    const { core, emit } = fakeCore();
    const persister = persistProfile(core, blocked, {});
    emit({ type: 'self', self: { nickname: 'New', group: '', status: 'online' } });
    await expect(persister.saved()).rejects.toThrow(/^Could not save the settings: /);
    await persister.stop();
  });

  it('make the updateProfile request fail with a ContractError', async () => {
    const dir = await tempDir();
    const full = Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    const write = vi.spyOn(fsPromises, 'writeFile').mockRejectedValue(full);
    const { core, emit } = fakeCore();
    const self = { nickname: 'New', group: '', status: 'online' };
    (core as { updateProfile: unknown }).updateProfile = () => {
      emit({ type: 'self', self });
      return self;
    };
    const persister = persistProfile(core, dir, {});
    const handlers = createHandlers(core, { ...windowlessHooks, settings: persister });
    const failed = await handlers
      .updateProfile({ nickname: 'New' })
      .catch((error: unknown) => error);
    expect(failed).toMatchObject({ name: 'ContractError', code: 'failed' });
    expect((failed as Error).message).toBe('Could not save the settings: disk full.');
    // A command that saved nothing is not blamed for the earlier failed save.
    (core as { markRead: unknown }).markRead = () => ({ id: 'c', unread: 0 });
    await expect(handlers.markRead({ conversationId: 'c' })).resolves.toMatchObject({ id: 'c' });
    await persister.stop();
    write.mockRestore();
  });

  it('resolve once the change is on disk', async () => {
    const dir = await tempDir();
    const { core, emit } = fakeCore();
    const persister = persistProfile(core, dir, {});
    emit({ type: 'self', self: { nickname: 'New', group: '', status: 'online' } });
    await persister.saved();
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      nickname: 'New',
    });
    await persister.stop();
  });
});

describe('settings saves that change nothing', () => {
  it('write nothing, and a change asked again after a failed save is written again', async () => {
    const dir = await tempDir();
    const { core, emit } = fakeCore();
    const self = { nickname: 'Same', group: '', status: 'online' };
    const persister = persistProfile(core, dir, { nickname: 'Same', group: '', status: 'online' });
    const before = persister.mark();
    emit({ type: 'self', self });
    expect(persister.mark()).toBe(before);

    const full = Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
    const write = vi.spyOn(fsPromises, 'writeFile').mockRejectedValueOnce(full);
    emit({ type: 'self', self: { ...self, nickname: 'New' } });
    await expect(persister.saved()).rejects.toThrow(/disk full/);
    write.mockRestore();
    const again = persister.mark();
    emit({ type: 'self', self: { ...self, nickname: 'New' } });
    expect(persister.mark()).toBe(again + 1);
    await persister.saved();
    expect(JSON.parse(await readFile(path.join(dir, 'settings.json'), 'utf8'))).toMatchObject({
      nickname: 'New',
    });
    await persister.stop();
  });
});
