/**
 * A stand-in for the parts of Electron Pigeon's shell uses, for
 * `vi.mock('electron', () => import('./fake-electron'))`. Tests import this same
 * module to inspect what the code under test did.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

export interface FakeEvent {
  url: string;
  isMainFrame: boolean;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(url = '', isMainFrame = true): FakeEvent {
  return {
    url,
    isMainFrame,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  destroyed = false;
  url = '';
  windowOpenHandler: WindowOpenHandler | undefined;
  readonly send = vi.fn();
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getURL(): string {
    return this.url;
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  destroyed = false;
  visible = false;
  focused = false;
  minimized = false;
  readonly loadFile = vi.fn(async (file: string, options?: { hash?: string }) => {
    this.webContents.url = `file://${file}${options?.hash ? `#${options.hash}` : ''}`;
  });
  readonly loadURL = vi.fn(async (url: string) => {
    this.webContents.url = url;
  });
  readonly setBackgroundColor = vi.fn();

  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isVisible(): boolean {
    return this.visible;
  }
  isFocused(): boolean {
    return this.focused;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Close as Electron does: 'close' (preventable), then 'closed' and destruction. */
  close(): void {
    const event = fakeEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

type InvokeListener = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, InvokeListener>(),
  handle: vi.fn((channel: string, listener: InvokeListener) => {
    if (ipcMain.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    ipcMain.handlers.set(channel, listener);
  }),
  removeHandler: vi.fn((channel: string) => {
    ipcMain.handlers.delete(channel);
  }),
};

export const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined),
});

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

/** getPathForFile: a fake File carries its path in `fakePath`; anything else throws, as in Electron. */
export const webUtils = {
  getPathForFile: vi.fn((file: unknown): string => {
    const path = (file as { fakePath?: unknown } | null)?.fakePath;
    if (typeof path !== 'string') throw new TypeError('Not a File');
    return path;
  }),
};

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export const nativeTheme = { shouldUseDarkColors: false, themeSource: 'system' };

export interface FakeImage {
  path: string;
}
export const nativeImage = {
  createFromPath: vi.fn((path: string): FakeImage => ({ path })),
};

export interface MenuItemTemplate {
  label?: string;
  type?: string;
  checked?: boolean;
  click?: () => void;
}
export const Menu = {
  buildFromTemplate: vi.fn((template: MenuItemTemplate[]) => ({ items: template })),
};

export class Tray extends EventEmitter {
  static created: Tray[] = [];
  image: FakeImage;
  readonly images: FakeImage[] = [];
  menu: { items: MenuItemTemplate[] } | undefined;
  tooltip = '';
  destroyed = false;
  constructor(image: FakeImage) {
    super();
    this.image = image;
    Tray.created.push(this);
  }
  setImage(image: FakeImage): void {
    this.image = image;
    this.images.push(image);
  }
  setContextMenu(menu: { items: MenuItemTemplate[] }): void {
    this.menu = menu;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export class Notification extends EventEmitter {
  static created: Notification[] = [];
  static supported = true;
  static isSupported(): boolean {
    return Notification.supported;
  }
  shown = false;
  closed = false;
  constructor(readonly options: { title: string; body: string; icon?: string }) {
    super();
    Notification.created.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
}

/** Electron's app: only what the shell's modules ask of it. */
export const app = {
  isPackaged: true,
  loginItem: { openAtLogin: false },
  getLoginItemSettings: vi.fn(() => ({ ...app.loginItem })),
  setLoginItemSettings: vi.fn((settings: { openAtLogin?: boolean }) => {
    app.loginItem.openAtLogin = settings.openAtLogin ?? false;
  }),
};

/** Forget everything the fakes recorded (call in beforeEach). */
export function resetFakeElectron(): void {
  BrowserWindow.created = [];
  Tray.created = [];
  Notification.created = [];
  Notification.supported = true;
  ipcMain.handlers.clear();
  ipcRenderer.removeAllListeners();
  contextBridge.exposed.clear();
  nativeTheme.shouldUseDarkColors = false;
  app.isPackaged = true;
  app.loginItem = { openAtLogin: false };
  vi.clearAllMocks();
}
