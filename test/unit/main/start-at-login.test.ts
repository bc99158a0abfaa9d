import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { app, resetFakeElectron } from './fake-electron';
import { createHandlers, windowlessHooks } from '../../../src-main/adapters/handlers';
import {
  autostartEntry,
  createStartAtLogin,
  currentStartAtLoginOptions,
} from '../../../src-main/shell/start-at-login';
import type { MessengerCore } from '../../../src-main/core/messenger-api';

let configDir: string;

function linuxOptions(packaged = true) {
  return {
    platform: 'linux' as const,
    packaged,
    executable: '/opt/Pigeon/pigeon',
    configDir,
    loginItems: app,
  };
}

describe('start at login', () => {
  beforeEach(() => {
    resetFakeElectron();
    configDir = mkdtempSync(path.join(os.tmpdir(), 'pigeon-autostart-'));
  });
  afterEach(() => rmSync(configDir, { recursive: true, force: true }));

  it("uses Electron's login item on Windows and macOS", async () => {
    for (const platform of ['win32', 'darwin'] as const) {
      resetFakeElectron();
      const login = createStartAtLogin({ ...linuxOptions(), platform });
      expect(await login.get()).toEqual({ supported: true, openAtLogin: false });
      expect(await login.set(true)).toEqual({ supported: true, openAtLogin: true });
      expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: true });
      expect(await login.set(false)).toEqual({ supported: true, openAtLogin: false });
      expect(app.setLoginItemSettings).toHaveBeenLastCalledWith({ openAtLogin: false });
    }
  });

  it('writes and removes an XDG autostart entry on Linux', async () => {
    const login = createStartAtLogin(linuxOptions());
    const file = path.join(configDir, 'autostart', 'pigeon.desktop');
    expect(await login.get()).toEqual({ supported: true, openAtLogin: false });

    expect(await login.set(true)).toEqual({ supported: true, openAtLogin: true });
    const entry = readFileSync(file, 'utf8');
    expect(entry).toContain('[Desktop Entry]');
    expect(entry).toContain('Exec="/opt/Pigeon/pigeon"');
    expect(entry).toContain('StartupWMClass=pigeon');
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();

    expect(await login.set(false)).toEqual({ supported: true, openAtLogin: false });
    expect(existsSync(file)).toBe(false);
  });

  it('leaves a pigeon.desktop the user wrote alone', async () => {
    const file = path.join(configDir, 'autostart', 'pigeon.desktop');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '[Desktop Entry]\nExec=my-own-pigeon\n');
    const login = createStartAtLogin(linuxOptions());
    expect(await login.get()).toEqual({ supported: true, openAtLogin: false });
    await login.set(false);
    expect(readFileSync(file, 'utf8')).toContain('my-own-pigeon');
  });

  it('quotes the executable as desktop entries require', () => {
    expect(autostartEntry('/home/a b/Pigeon "x" $1.AppImage')).toContain(
      'Exec="/home/a b/Pigeon \\"x\\" \\$1.AppImage"',
    );
  });

  it('is not offered when Pigeon runs from sources', async () => {
    const login = createStartAtLogin(linuxOptions(false));
    expect(await login.get()).toEqual({ supported: false, openAtLogin: false });
    await expect(login.set(true)).rejects.toThrow('Only an installed Pigeon');
    expect(existsSync(path.join(configDir, 'autostart'))).toBe(false);
  });

  it('tells the window why, not "Something went wrong", when run from sources', async () => {
    const login = createStartAtLogin(linuxOptions(false));
    await expect(login.set(true)).rejects.toMatchObject({
      name: 'ContractError',
      code: 'failed',
      message: 'Only an installed Pigeon can start when you sign in.',
    });
  });

  it('runs the AppImage, not its mounted binary, and honours XDG_CONFIG_HOME', () => {
    app.isPackaged = false;
    const options = currentStartAtLoginOptions({
      APPIMAGE: '/home/ann/Apps/Pigeon.AppImage',
      XDG_CONFIG_HOME: '/home/ann/.cfg',
    });
    expect(options).toMatchObject({
      packaged: false,
      executable: '/home/ann/Apps/Pigeon.AppImage',
      configDir: '/home/ann/.cfg',
    });
  });

  it('is answered as unsupported by headless mode, and refused there', async () => {
    const handlers = createHandlers({} as MessengerCore, windowlessHooks);
    expect(await handlers.getStartAtLogin(undefined)).toEqual({
      supported: false,
      openAtLogin: false,
    });
    await expect(handlers.setStartAtLogin({ openAtLogin: true })).rejects.toThrow(
      'Only the desktop app',
    );
    await expect(handlers.setStartAtLogin({ openAtLogin: 'yes' })).rejects.toThrow(
      'Invalid setStartAtLogin request',
    );
  });
});
