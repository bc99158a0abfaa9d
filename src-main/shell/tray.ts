import { Menu, Tray, nativeImage, type NativeImage } from 'electron';
import type { SelfStatus } from '../../src-shared/contract';
import { labelsFor } from './labels';
import type { ShellState } from './shell-state';

export interface TrayOptions {
  state: ShellState;
  /** PNG paths: the normal icon and the blank frame it alternates with while blinking. */
  icons: { normal: string; blank: string };
  showMain(): void;
  showConversation(conversationId: string): void;
  setStatus(status: SelfStatus): void;
  quit(): void;
  blinkIntervalMs?: number;
}

/** The statuses the tray offers, in the order of the main window's menu. */
const STATUSES: readonly SelfStatus[] = ['online', 'away', 'busy', 'invisible'];

/**
 * The tray icon: a menu (open, online/away/busy/invisible, quit), double-click for the contact
 * list, and a blinking icon while any conversation has unread messages.
 */
export class PigeonTray {
  private readonly tray: Tray;
  private readonly normal: NativeImage;
  private readonly blank: NativeImage;
  private blinkTimer: NodeJS.Timeout | undefined;
  private showingBlank = false;
  private menuKey = '';
  private tooltip = '';

  constructor(private readonly options: TrayOptions) {
    this.normal = nativeImage.createFromPath(options.icons.normal);
    this.blank = nativeImage.createFromPath(options.icons.blank);
    this.tray = new Tray(this.normal);
    this.tray.on('double-click', () => options.showMain());
    // A single click on a blinking icon opens what is waiting, as QQ does.
    this.tray.on('click', () => {
      const waiting = options.state.firstUnread();
      if (waiting) options.showConversation(waiting);
    });
    this.refresh();
  }

  get isBlinking(): boolean {
    return this.blinkTimer !== undefined;
  }

  /** Bring menu, tooltip and blinking in line with the state; call after every event. */
  refresh(): void {
    const { state } = this.options;
    const self = state.self;
    const labels = labelsFor(self?.language);
    const status = self?.status ?? 'online';
    const key = `${self?.language ?? 'en'}|${status}`;
    if (key !== this.menuKey) {
      this.menuKey = key;
      this.tray.setContextMenu(
        Menu.buildFromTemplate([
          { label: labels.open, click: () => this.options.showMain() },
          { type: 'separator' },
          ...STATUSES.map((choice) => ({
            label: labels[choice],
            type: 'radio' as const,
            checked: status === choice,
            click: () => this.options.setStatus(choice),
          })),
          { type: 'separator' },
          { label: labels.quit, click: () => this.options.quit() },
        ]),
      );
    }
    const unread = state.totalUnread();
    const tooltip = labels.tooltip(unread);
    if (tooltip !== this.tooltip) {
      this.tooltip = tooltip;
      this.tray.setToolTip(tooltip);
    }
    if (unread > 0) this.startBlinking();
    else this.stopBlinking();
  }

  dispose(): void {
    this.stopBlinking();
    this.tray.destroy();
  }

  private startBlinking(): void {
    if (this.blinkTimer) return;
    this.blinkTimer = setInterval(() => {
      this.showingBlank = !this.showingBlank;
      this.tray.setImage(this.showingBlank ? this.blank : this.normal);
    }, this.options.blinkIntervalMs ?? 500);
  }

  private stopBlinking(): void {
    if (!this.blinkTimer) return;
    clearInterval(this.blinkTimer);
    this.blinkTimer = undefined;
    if (this.showingBlank) {
      this.showingBlank = false;
      this.tray.setImage(this.normal);
    }
  }
}
