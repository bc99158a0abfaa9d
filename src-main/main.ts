/**
 * Pigeon's Electron entry (bundled to out/main/index.cjs). Connects the core to the
 * windows, the tray, notifications and the IPC adapter, and says goodbye to the
 * LAN (BR_EXIT) before the process ends.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { app, BrowserWindow, dialog, nativeTheme, session, shell } from 'electron';
import type { Theme } from '../src-shared/contract';
import { createMessengerCore } from './core/messenger';
import type { MessengerCore } from './core/messenger-api';
import { persistProfile, readSettings } from './core/settings-file';
import { restoreChoices } from './core/restore-choices';
import type { PigeonStore } from './core/store';
import { openHistory } from './core/store/history-file';
import { loadOrCreateIdentity } from './core/keys/identity-file';
import { safeStorageWrapper } from './shell/safe-storage-wrapper';
import { writePicture } from './adapters/picture-file';
import { createIpcAdapter, type IpcAdapter } from './ipc/ipc-adapter';
import { assetPath, resolveAppPaths } from './shell/app-paths';
import { bindAddressSwitch } from './shell/bind-switch';
import { clipboardPng } from './shell/clipboard-picture';
import { runProgram } from './shell/run-program';
import { createScreenshotTaker } from './shell/screenshot';
import { MessageNotifier } from './shell/notifications';
import { createRendererLocation, devServerUrl } from './shell/renderer-location';
import { installSessionSecurity } from './shell/security';
import { ShellState } from './shell/shell-state';
import { claimSingleInstance } from './shell/single-instance';
import { createStartAtLogin, currentStartAtLoginOptions } from './shell/start-at-login';
import {
  isNativeModuleError,
  messageOf,
  nativeModuleProblem,
  portProblem,
} from './shell/start-problems';
import { PigeonTray } from './shell/tray';
import { WindowManager } from './shell/windows';

/** How long quitting waits for the core to say goodbye before giving up. */
const STOP_TIMEOUT_MS = 3000;

interface Running {
  core: MessengerCore;
  ipc: IpcAdapter;
  notifier: MessageNotifier;
  tray?: PigeonTray;
  /** Stops forwarding core events to the shell and saving the profile. */
  unsubscribe: () => void;
  /** The history file, closed after the core has stopped. */
  store: PigeonStore;
}

let running: Running | undefined;
let windows: WindowManager | undefined;

function defaultNickname(): string {
  try {
    return os.userInfo().username || 'Pigeon';
  } catch {
    return 'Pigeon';
  }
}

async function startPigeon(): Promise<void> {
  const paths = resolveAppPaths(__dirname);
  const dataDir = app.getPath('userData');
  // Pasted pictures only wait there to be offered (an offered picture is copied into the
  // history's images); offers do not outlive a run, so what is left is litter.
  await rm(path.join(dataDir, 'pasted'), { recursive: true, force: true }).catch(() => undefined);
  const { settings: stored, problem: settingsProblem } = await readSettings(dataDir);
  let theme: Theme = stored.theme ?? 'system';
  nativeTheme.themeSource = theme;

  const renderer = createRendererLocation(
    paths.rendererIndex,
    devServerUrl(process.env, app.isPackaged),
  );
  installSessionSecurity(session.defaultSession, renderer);

  let store: PigeonStore;
  try {
    store = openHistory(
      dataDir,
      (problem) => dialog.showErrorBox('Pigeon', problem),
      // From sources, `npm start` passes the Electron build of the SQLite module it made.
      app.isPackaged ? undefined : process.env.PIGEON_SQLITE_BINDING || undefined,
    );
  } catch (error) {
    if (isNativeModuleError(error)) {
      // The build is broken, not the history: say which, in the log and on screen.
      const problem = nativeModuleProblem(error, app.isPackaged);
      console.error(`${problem.title}: ${problem.message}`);
      dialog.showErrorBox(problem.title, problem.message);
      app.exit(1);
      return;
    }
    // Locked by another Pigeon, made by a newer version, unreadable: say so, touch nothing.
    dialog.showErrorBox('Pigeon cannot open its history', messageOf(error));
    app.exit(1);
    return;
  }

  let identity;
  try {
    identity = loadOrCreateIdentity(dataDir, safeStorageWrapper);
  } catch (error) {
    // Never a new key in silence: every contact would see this Pigeon's key change.
    dialog.showErrorBox('Pigeon cannot read its identity key', messageOf(error));
    store.close();
    app.exit(1);
    return;
  }

  const core = createMessengerCore(
    {
      identity,
      nickname: stored.nickname ?? defaultNickname(),
      downloadDir: stored.downloadDir ?? path.join(app.getPath('downloads'), 'Pigeon'),
      // Pictures belong with the history, not among the user's downloads.
      imagesDir: path.join(dataDir, 'images'),
      avatarsDir: path.join(dataDir, 'avatars'),
      keyFolder: dataDir,
      group: stored.group,
      port: stored.port,
      language: stored.language,
      theme,
      sendKey: stored.sendKey,
      hosts: stored.hosts,
      broadcastAddresses: stored.broadcastAddresses,
      bindAddress: bindAddressSwitch(app.commandLine.getSwitchValue('bind')),
    },
    store,
  );
  const persister = persistProfile(core, dataDir, stored);
  const appIcon = assetPath(paths, 'icon-256.png');
  windows = new WindowManager({
    preload: paths.preload,
    renderer,
    theme: () => theme,
    icon: appIcon,
  });
  const shown = windows;
  const trusted = {
    isOwnWebContents: (contents: Electron.WebContents) => shown.isOwnWebContents(contents),
    isOwnPage: (url: string) => renderer.isOwnPage(url),
    liveWebContents: () => shown.liveWebContents(),
  };
  // Handlers exist before any window loads, so a window's first request is answered.
  const ipc = createIpcAdapter({
    core,
    windows: trusted,
    showConversation: (id, messageId) => shown.showConversation(id, messageId),
    showSettings: () => shown.showSettings(),
    showPath: (path) => {
      shell.showItemInFolder(path);
      return true;
    },
    chooseDirectory: async () => {
      const parent = BrowserWindow.getFocusedWindow();
      const options: Electron.OpenDialogOptions = {
        properties: ['openDirectory', 'createDirectory'],
      };
      const picked = parent
        ? await dialog.showOpenDialog(parent, options)
        : await dialog.showOpenDialog(options);
      return picked.canceled ? undefined : picked.filePaths[0];
    },
    // A pasted picture has no file: it gets one in the user's own data folder (a
    // screenshot may be private; the system's temp folder is shared on Linux).
    stagePicture: (name, bytes) => writePicture(path.join(dataDir, 'pasted'), name, bytes),
    startAtLogin: createStartAtLogin(currentStartAtLoginOptions()),
    takeScreenshot: createScreenshotTaker({
      platform: process.platform,
      folder: path.join(dataDir, 'screenshots'),
      run: runProgram,
      clipboardPng,
      openSnipping: () => shell.openExternal('ms-screenclip:'),
    }),
    settings: persister,
  });

  const state = new ShellState();
  const notifier = new MessageNotifier({
    state,
    isConversationFocused: (id) => shown.isConversationFocused(id),
    showConversation: (id) => shown.showConversation(id),
    icon: appIcon,
  });
  let tray: PigeonTray | undefined;
  const stopForwarding = core.onEvent((event) => {
    state.apply(event);
    if (event.type === 'self') {
      if (event.self.theme !== theme) {
        theme = event.self.theme;
        nativeTheme.themeSource = theme;
        shown.applyTheme();
      }
    }
    notifier.onEvent(event);
    tray?.refresh();
  });
  // Known before start, so quitting while the core starts still stops it.
  const current: Running = {
    core,
    ipc,
    notifier,
    unsubscribe: () => {
      stopForwarding();
      void persister.stop();
    },
    store,
  };
  running = current;

  // Before starting, so that a failed start cannot lose them at the next save.
  restoreChoices(core, stored);
  try {
    await core.start();
  } catch (error) {
    // Usually another messenger holds the port. The core also emits a notice; the window
    // still opens so the user can read it (and pick another port in the settings).
    const { self } = core.snapshot();
    const problem = portProblem(error, self.port, stored.language ?? self.language);
    console.error(`${problem.title}: ${problem.message}`);
    dialog.showErrorBox(problem.title, problem.message);
  }
  state.seed(core.snapshot());

  shown.showMain();
  if (settingsProblem) {
    void dialog.showMessageBox({ type: 'warning', title: 'Pigeon', message: settingsProblem });
  }
  try {
    tray = new PigeonTray({
      state,
      icons: { normal: assetPath(paths, 'tray.png'), blank: assetPath(paths, 'tray-blank.png') },
      showMain: () => shown.showMain(),
      showConversation: (id) => shown.showConversation(id),
      setStatus: (status) => core.updateProfile({ status }),
      quit: () => app.quit(),
    });
    current.tray = tray;
  } catch (error) {
    console.error('Pigeon could not create its tray icon:', error);
  }
}

async function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  await Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function shutdown(): Promise<void> {
  windows?.prepareToQuit();
  const current = running;
  if (!current) return;
  current.tray?.dispose();
  current.notifier.dispose();
  try {
    await withTimeout(current.core.stop(), STOP_TIMEOUT_MS);
  } catch (error) {
    console.error('Pigeon could not say goodbye to the network:', error);
  }
  // After stop, so a last profile change is still saved and windows see the final events.
  current.unsubscribe();
  current.ipc.dispose();
  current.store.close();
}

function main(): void {
  // Every renderer sandboxed, whatever a window's options say.
  app.enableSandbox();
  if (process.platform === 'win32') app.setAppUserModelId('app.pigeon.messenger');

  // Another Pigeon is running: it shows its window (second-instance); this one leaves.
  if (!claimSingleInstance(app, () => windows?.showMain())) return;
  app.on('activate', () => windows?.showMain());
  // The tray keeps Pigeon running with no window open; Quit is in its menu.
  app.on('window-all-closed', () => undefined);

  let stopped = false;
  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    if (stopping) return;
    stopping = true;
    void shutdown().finally(() => {
      stopped = true;
      app.quit();
    });
  });

  app
    .whenReady()
    .then(startPigeon)
    .catch((error: unknown) => {
      console.error('Pigeon failed to start:', error);
      dialog.showErrorBox('Pigeon', messageOf(error));
      stopped = true;
      app.exit(1);
    });
}

main();
