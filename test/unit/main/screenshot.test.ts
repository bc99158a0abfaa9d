import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createHandlers, windowlessHooks } from '../../../src-main/adapters/handlers';
import { createScreenshotTaker } from '../../../src-main/shell/screenshot';
import { createFakeCore } from './fake-core';
import { useTempDirs } from './temp-dirs';

const tempDir = useTempDirs('pigeon-shot-');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const enoent = () => Object.assign(new Error('spawn ENOENT'), { code: 'ENOENT' });

/** A system with only `installed` tools; each run of one does what `act` says with its file. */
function system(installed: string[], act: (file: string) => void = (f) => writeFileSync(f, PNG)) {
  const ran: string[] = [];
  const run = async (command: string, args: readonly string[]) => {
    if (!installed.includes(command)) throw enoent();
    ran.push(`${command} ${args.slice(0, -1).join(' ')}`.trim());
    act(args[args.length - 1]!);
    return 0;
  };
  return { ran, run };
}

const noClipboard = {
  clipboardPng: async () => new Uint8Array(0),
  openSnipping: async () => undefined,
};

describe('screenshots with the system tool', () => {
  it('uses the first installed Linux tool and keeps its picture in a private folder', async () => {
    const folder = path.join(tempDir(), 'screenshots');
    const { ran, run } = system(['scrot', 'import']);
    const take = createScreenshotTaker({ platform: 'linux', folder, run, ...noClipboard });
    const shot = await take();
    expect(ran).toEqual(['scrot -s -o']);
    expect(shot && readFileSync(shot)).toEqual(PNG);
    expect(path.basename(shot!)).toMatch(/^Screenshot .*\.png$/);
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    // The tool's own file is gone: only the picture to send is left.
    expect(readdirSync(folder)).toEqual([path.basename(shot!)]);
  });

  it('answers nothing when the user cancels (the tool wrote no picture)', async () => {
    const folder = tempDir();
    const { run } = system(['gnome-screenshot'], () => undefined);
    const take = createScreenshotTaker({ platform: 'linux', folder, run, ...noClipboard });
    expect(await take()).toBeUndefined();
    const { run: junk } = system(['gnome-screenshot'], (f) => writeFileSync(f, 'not a picture'));
    const again = createScreenshotTaker({ platform: 'linux', folder, run: junk, ...noClipboard });
    expect(await again()).toBeUndefined();
    expect(readdirSync(folder)).toEqual([]);
  });

  it('says which tools to install when there is none', async () => {
    const { run } = system([]);
    const take = createScreenshotTaker({
      platform: 'linux',
      folder: tempDir(),
      run,
      ...noClipboard,
    });
    await expect(take()).rejects.toThrow(
      /No screenshot tool was found: install one of gnome-screenshot, spectacle/,
    );
  });

  it('uses screencapture on macOS, and refuses systems it does not know', async () => {
    const { ran, run } = system(['screencapture']);
    const mac = createScreenshotTaker({
      platform: 'darwin',
      folder: tempDir(),
      run,
      ...noClipboard,
    });
    expect(await mac()).toBeDefined();
    expect(ran).toEqual(['screencapture -i -x']);
    const other = createScreenshotTaker({
      platform: 'aix',
      folder: tempDir(),
      run,
      ...noClipboard,
    });
    await expect(other()).rejects.toThrow('not supported');
  });

  it('on Windows takes the new picture the snipping overlay puts on the clipboard', async () => {
    let clipboard: Uint8Array = Buffer.from('old picture');
    let clock = 0;
    let opened = 0;
    const take = createScreenshotTaker({
      platform: 'win32',
      folder: tempDir(),
      run: async () => 0,
      clipboardPng: async () => clipboard,
      openSnipping: async () => {
        opened += 1;
      },
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
        if (clock >= 900) clipboard = PNG;
      },
    });
    const shot = await take();
    expect(opened).toBe(1);
    expect(shot && readFileSync(shot)).toEqual(PNG);
    // Nothing new on the clipboard: it stops waiting after two minutes.
    const gaveUp = await take();
    expect(gaveUp).toBeUndefined();
    expect(clock).toBeGreaterThanOrEqual(120_000);
  });
});

describe('the takeScreenshot channel', () => {
  it('answers the picture, nothing when cancelled, and needs the desktop app', async () => {
    const core = createFakeCore();
    let answer: string | undefined = '/data/screenshots/a.png';
    const desktop = createHandlers(core, {
      ...windowlessHooks,
      takeScreenshot: async () => answer,
    });
    expect(await desktop.takeScreenshot({})).toEqual({ path: '/data/screenshots/a.png' });
    answer = undefined;
    expect(await desktop.takeScreenshot(undefined)).toEqual({});
    await expect(desktop.takeScreenshot({ region: 'all' })).rejects.toThrow();
    const headless = createHandlers(core, windowlessHooks);
    await expect(headless.takeScreenshot({})).rejects.toThrow(
      'Screenshots need the Pigeon desktop app.',
    );
  });
});
