import { BrowserWindow, nativeTheme, type WebContents } from 'electron';
import type { Theme } from '../../src-shared/contract';
import type { RendererLocation } from './renderer-location';
import { hardenWebContents } from './security';
import { backgroundFor, windowOptions, type WindowKind } from './window-options';

export interface WindowManagerOptions {
  preload: string;
  renderer: RendererLocation;
  /** The theme in effect now (from settings, later from `self` events). */
  theme: () => Theme;
  icon?: string;
}

/** The hash route of a conversation's chat window. `@` and `:` stay readable. */
export function chatRoute(conversationId: string): string {
  const encoded = encodeURIComponent(conversationId).replace(/%40/g, '@').replace(/%3A/gi, ':');
  return `/chat/${encoded}`;
}

/** The hash route of the settings window. */
export const SETTINGS_ROUTE = '/settings';

/**
 * Pigeon's windows: one contact list, one chat window per conversation, one settings window.
 * Closing the contact list hides it to the tray; quitting closes for real.
 */
export class WindowManager {
  private main: BrowserWindow | undefined;
  private readonly chats = new Map<string, BrowserWindow>();
  private settings: BrowserWindow | undefined;
  private quitting = false;

  constructor(private readonly options: WindowManagerOptions) {}

  /** Show the contact list, creating it when needed. */
  showMain(): BrowserWindow {
    if (this.main && !this.main.isDestroyed()) {
      reveal(this.main);
      return this.main;
    }
    const window = this.create('main');
    this.main = window;
    window.on('close', (event) => {
      if (this.quitting) return;
      event.preventDefault();
      window.hide();
    });
    window.on('closed', () => {
      if (this.main === window) this.main = undefined;
    });
    this.load(window);
    return window;
  }

  /** Show (open or focus) the chat window of a conversation, at a message when given. */
  showConversation(conversationId: string, messageId?: string): BrowserWindow {
    const route = messageId
      ? `${chatRoute(conversationId)}?${new URLSearchParams({ message: messageId }).toString()}`
      : chatRoute(conversationId);
    const open = this.chats.get(conversationId);
    if (open && !open.isDestroyed()) {
      // Already open: a search hit moves it to the message (the renderer follows the hash).
      if (messageId) this.load(open, route);
      reveal(open);
      return open;
    }
    const window = this.create('chat');
    this.chats.set(conversationId, window);
    window.on('closed', () => {
      if (this.chats.get(conversationId) === window) this.chats.delete(conversationId);
    });
    this.load(window, route);
    return window;
  }

  /** Show the settings window (only one), creating it when needed. */
  showSettings(): BrowserWindow {
    if (this.settings && !this.settings.isDestroyed()) {
      reveal(this.settings);
      return this.settings;
    }
    const window = this.create('settings');
    this.settings = window;
    window.on('closed', () => {
      if (this.settings === window) this.settings = undefined;
    });
    this.load(window, SETTINGS_ROUTE);
    return window;
  }

  /** Whether the user is looking at this conversation right now. */
  isConversationFocused(conversationId: string): boolean {
    const window = this.chats.get(conversationId);
    return !!window && !window.isDestroyed() && window.isVisible() && window.isFocused();
  }

  /** Every live Pigeon window. */
  windows(): BrowserWindow[] {
    const all = [this.main, this.settings, ...this.chats.values()];
    return all.filter((w): w is BrowserWindow => !!w && !w.isDestroyed());
  }

  /** The contents of every live window, for fanning out events. */
  liveWebContents(): WebContents[] {
    return this.windows()
      .map((w) => w.webContents)
      .filter((contents) => !contents.isDestroyed());
  }

  /** Whether these contents belong to one of Pigeon's own windows. */
  isOwnWebContents(contents: WebContents): boolean {
    return this.windows().some((w) => w.webContents === contents);
  }

  /** Repaint window backgrounds after a theme change. */
  applyTheme(): void {
    const color = this.backgroundColor();
    for (const window of this.windows()) window.setBackgroundColor(color);
  }

  /** From now on, closing the contact list really closes it (the app is quitting). */
  prepareToQuit(): void {
    this.quitting = true;
  }

  private create(kind: WindowKind): BrowserWindow {
    const window = new BrowserWindow(
      windowOptions({
        kind,
        preload: this.options.preload,
        backgroundColor: this.backgroundColor(),
        ...(this.options.icon ? { icon: this.options.icon } : {}),
      }),
    );
    hardenWebContents(window.webContents, this.options.renderer);
    window.once('ready-to-show', () => window.show());
    return window;
  }

  private load(window: BrowserWindow, route?: string): void {
    this.options.renderer.load(window, route).catch((error: unknown) => {
      console.error('Pigeon could not load its window:', error);
    });
  }

  private backgroundColor(): string {
    return backgroundFor(this.options.theme(), nativeTheme.shouldUseDarkColors);
  }
}

function reveal(window: BrowserWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
