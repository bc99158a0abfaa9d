import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { app } from 'electron';
import { ContractError, type StartAtLoginDTO } from '../../src-shared/contract';
import type { StartAtLoginHooks } from '../adapters/handlers';

/** Marks the autostart file as Pigeon's own, so it is never confused with a user's. */
const MARKER = 'X-Pigeon-Autostart=true';

export interface StartAtLoginOptions {
  platform: NodeJS.Platform;
  /** Only an installed Pigeon can start at login: a run from sources has no stable path. */
  packaged: boolean;
  /** What the Linux autostart entry runs: the AppImage when Pigeon runs from one. */
  executable: string;
  /** $XDG_CONFIG_HOME, else ~/.config (Linux). */
  configDir: string;
  /** Electron's app (Windows, macOS): only the open-at-login part is used. */
  loginItems: {
    getLoginItemSettings(): { openAtLogin: boolean };
    setLoginItemSettings(settings: { openAtLogin: boolean }): void;
  };
}

/** The options for this process, from Electron's app and the environment. */
export function currentStartAtLoginOptions(env = process.env): StartAtLoginOptions {
  return {
    platform: process.platform,
    packaged: app.isPackaged,
    executable: env.APPIMAGE || process.execPath,
    configDir: env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'),
    loginItems: app,
  };
}

/** A desktop-entry Exec argument, quoted as the freedesktop spec asks. */
function execArgument(file: string): string {
  return `"${file.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;
}

export function autostartEntry(executable: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Pigeon',
    'Comment=LAN messenger speaking the IP Messenger protocol',
    `Exec=${execArgument(executable)}`,
    'Icon=pigeon',
    'Terminal=false',
    'StartupWMClass=pigeon',
    'X-GNOME-Autostart-enabled=true',
    MARKER,
    '',
  ].join('\n');
}

/**
 * Start at sign-in: Electron's login items on Windows and macOS; on Linux, which has
 * none, an XDG autostart entry (~/.config/autostart/pigeon.desktop).
 */
export function createStartAtLogin(options: StartAtLoginOptions): StartAtLoginHooks {
  const file = path.join(options.configDir, 'autostart', 'pigeon.desktop');
  const linux = options.platform === 'linux';
  const supported = options.packaged && ['linux', 'win32', 'darwin'].includes(options.platform);

  async function get(): Promise<StartAtLoginDTO> {
    if (!supported) return { supported, openAtLogin: false };
    if (!linux)
      return { supported, openAtLogin: options.loginItems.getLoginItemSettings().openAtLogin };
    const text = await readFile(file, 'utf8').catch(() => '');
    return { supported, openAtLogin: text.includes(MARKER) };
  }

  async function set(openAtLogin: boolean): Promise<StartAtLoginDTO> {
    // A ContractError, so the window shows this sentence rather than "Something went wrong".
    if (!supported)
      throw new ContractError('failed', 'Only an installed Pigeon can start when you sign in.');
    if (!linux) {
      options.loginItems.setLoginItemSettings({ openAtLogin });
    } else if (openAtLogin) {
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, autostartEntry(options.executable), { mode: 0o644 });
    } else if ((await readFile(file, 'utf8').catch(() => '')).includes(MARKER)) {
      // Only our own entry: a pigeon.desktop the user wrote is theirs to remove.
      await rm(file, { force: true });
    }
    return get();
  }

  return { get, set };
}
