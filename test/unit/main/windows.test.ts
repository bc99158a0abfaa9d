import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { BrowserWindow, nativeTheme, resetFakeElectron } from './fake-electron';
import { createRendererLocation } from '../../../src-main/shell/renderer-location';
import { chatRoute, WindowManager } from '../../../src-main/shell/windows';
import type { Theme } from '../../../src-shared/contract';

const root = path.resolve('/opt/pigeon/out');
const preload = path.join(root, 'preload', 'index.cjs');
const index = path.join(root, 'renderer', 'index.html');

function manager(theme: Theme = 'system', devUrl?: URL) {
  return new WindowManager({
    preload,
    renderer: createRendererLocation(index, devUrl),
    theme: () => theme,
  });
}

const fake = (window: unknown) => window as BrowserWindow;

describe('WindowManager', () => {
  beforeEach(() => resetFakeElectron());

  it('creates every window sandboxed and isolated, with the preload, hidden until ready', () => {
    const windows = manager();
    windows.showMain();
    windows.showConversation('bob@pc2');
    expect(BrowserWindow.created).toHaveLength(2);
    for (const window of BrowserWindow.created) {
      const { webPreferences, show } = window.options as {
        webPreferences: Record<string, unknown>;
        show: boolean;
      };
      expect(show).toBe(false);
      expect(webPreferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        webviewTag: false,
        preload,
      });
      expect(window.visible).toBe(false);
      window.emit('ready-to-show');
      expect(window.visible).toBe(true);
    }
  });

  it('sizes the contact list and chat windows', () => {
    const windows = manager();
    const main = fake(windows.showMain());
    const chat = fake(windows.showConversation('bob@pc2'));
    expect(main.options).toMatchObject({ width: 320, height: 640, minWidth: 280, minHeight: 400 });
    expect(chat.options).toMatchObject({ width: 560, height: 640 });
  });

  it('loads the renderer file, a chat at its #/chat/<id> route', () => {
    const windows = manager();
    const main = fake(windows.showMain());
    const chat = fake(windows.showConversation('bob@pc2'));
    expect(main.loadFile).toHaveBeenCalledWith(index, undefined);
    expect(chat.loadFile).toHaveBeenCalledWith(index, { hash: '/chat/bob@pc2' });
  });

  it('opens a chat at a message, and moves an open one to it', () => {
    const windows = manager();
    const chat = fake(windows.showConversation('bob@pc2', 'm 7'));
    expect(chat.loadFile).toHaveBeenLastCalledWith(index, { hash: '/chat/bob@pc2?message=m+7' });
    expect(windows.showConversation('bob@pc2', 'm8')).toBe(chat);
    expect(chat.loadFile).toHaveBeenLastCalledWith(index, { hash: '/chat/bob@pc2?message=m8' });
    expect(BrowserWindow.created).toHaveLength(1);
  });

  it('opens one settings window at #/settings, trusted and told events like the others', () => {
    const windows = manager();
    const settings = fake(windows.showSettings());
    expect(settings.options).toMatchObject({
      width: 560,
      height: 620,
      minWidth: 380,
      minHeight: 360,
    });
    expect(settings.loadFile).toHaveBeenCalledWith(index, { hash: '/settings' });
    expect(windows.showSettings()).toBe(settings);
    expect(BrowserWindow.created).toHaveLength(1);
    expect(windows.isOwnWebContents(settings.webContents as never)).toBe(true);
    expect(windows.liveWebContents()).toContain(settings.webContents);
    // Closed, it is gone from the trusted set, and the next Settings opens a new one.
    settings.close();
    expect(windows.isOwnWebContents(settings.webContents as never)).toBe(false);
    expect(windows.showSettings()).not.toBe(settings);
    expect(BrowserWindow.created).toHaveLength(2);
  });

  it('escapes what would break the route but keeps user@host readable', () => {
    expect(chatRoute('bob@pc2')).toBe('/chat/bob@pc2');
    expect(chatRoute('a b/c#d')).toBe('/chat/a%20b%2Fc%23d');
  });

  it('loads from the dev server when one is given', () => {
    const windows = manager('system', new URL('http://localhost:5173/'));
    const chat = fake(windows.showConversation('bob@pc2'));
    expect(chat.loadURL).toHaveBeenCalledWith('http://localhost:5173/#/chat/bob@pc2');
    expect(chat.loadFile).not.toHaveBeenCalled();
  });

  it('reuses and focuses an open chat window, and opens a new one after it closed', () => {
    const windows = manager();
    const first = fake(windows.showConversation('bob@pc2'));
    first.focused = false;
    const again = windows.showConversation('bob@pc2');
    expect(again).toBe(first);
    expect(first.focused).toBe(true);
    expect(BrowserWindow.created).toHaveLength(1);

    first.close();
    const reopened = windows.showConversation('bob@pc2');
    expect(reopened).not.toBe(first);
    expect(BrowserWindow.created).toHaveLength(2);
  });

  it('hides the contact list on close until the app quits', () => {
    const windows = manager();
    const main = fake(windows.showMain());
    main.emit('ready-to-show');
    main.close();
    expect(main.destroyed).toBe(false);
    expect(main.visible).toBe(false);

    windows.prepareToQuit();
    main.close();
    expect(main.destroyed).toBe(true);
    expect(windows.windows()).toHaveLength(0);
  });

  it('knows its own contents and skips destroyed windows', () => {
    const windows = manager();
    const main = fake(windows.showMain());
    const chat = fake(windows.showConversation('bob@pc2'));
    expect(windows.isOwnWebContents(main.webContents as never)).toBe(true);
    expect(windows.isOwnWebContents({} as never)).toBe(false);
    chat.close();
    expect(windows.liveWebContents()).toEqual([main.webContents]);
  });

  it('reports a conversation focused only when its window is visible and focused', () => {
    const windows = manager();
    const chat = fake(windows.showConversation('bob@pc2'));
    expect(windows.isConversationFocused('bob@pc2')).toBe(false);
    chat.emit('ready-to-show');
    chat.focus();
    expect(windows.isConversationFocused('bob@pc2')).toBe(true);
    expect(windows.isConversationFocused('carol@pc3')).toBe(false);
  });

  it('paints the background by theme', () => {
    nativeTheme.shouldUseDarkColors = true;
    const dark = fake(manager('system').showMain());
    const light = fake(manager('light').showMain());
    expect(dark.options.backgroundColor).not.toBe(light.options.backgroundColor);
    expect(fake(manager('dark').showMain()).options.backgroundColor).toBe(
      dark.options.backgroundColor,
    );
  });
});
