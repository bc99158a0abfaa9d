import type { BrowserWindowConstructorOptions } from 'electron';
import type { Theme } from '../../src-shared/contract';

export type WindowKind = 'main' | 'chat' | 'settings';

const SIZES: Record<
  WindowKind,
  Pick<BrowserWindowConstructorOptions, 'width' | 'height' | 'minWidth' | 'minHeight'>
> = {
  main: { width: 320, height: 640, minWidth: 280, minHeight: 400 },
  chat: { width: 560, height: 640, minWidth: 380, minHeight: 360 },
  settings: { width: 560, height: 620, minWidth: 380, minHeight: 360 },
};

const BACKGROUND = { light: '#ffffff', dark: '#1f2024' } as const;

/** The colour a window paints before its page does, so opening never flashes white in dark mode. */
export function backgroundFor(theme: Theme, systemPrefersDark: boolean): string {
  const dark = theme === 'dark' || (theme === 'system' && systemPrefersDark);
  return dark ? BACKGROUND.dark : BACKGROUND.light;
}

export interface WindowOptionsInput {
  kind: WindowKind;
  preload: string;
  backgroundColor: string;
  /** Window icon (Linux and Windows; macOS uses the bundle's). */
  icon?: string;
  title?: string;
}

/** Options for every Pigeon window: the security settings are not negotiable. */
export function windowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...SIZES[input.kind],
    title: input.title ?? 'Pigeon',
    show: false,
    backgroundColor: input.backgroundColor,
    ...(input.icon ? { icon: input.icon } : {}),
    autoHideMenuBar: true,
    webPreferences: {
      preload: input.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}
