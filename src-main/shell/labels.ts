import type { Language } from '../../src-shared/contract';

/** The few words the shell itself shows (tray menu, tooltips, notifications). */
export interface ShellLabels {
  open: string;
  online: string;
  away: string;
  busy: string;
  invisible: string;
  quit: string;
  tooltip(unread: number): string;
  /** A notification's body for a sealed message: its text stays hidden until opened. */
  sealed: string;
  /** A notification's words for files offered in a message. */
  offer: {
    files(count: number, firstName: string): string;
    folder(name: string): string;
    picture: string;
    unknown: string;
  };
}

const LABELS: Record<Language, ShellLabels> = {
  en: {
    open: 'Open Pigeon',
    online: 'Online',
    away: 'Away',
    busy: 'Busy',
    invisible: 'Invisible',
    quit: 'Quit',
    tooltip: (unread) => (unread > 0 ? `Pigeon — ${unread} unread` : 'Pigeon'),
    sealed: 'Sealed message',
    offer: {
      files: (count, name) =>
        count === 1 ? `Sent you a file: ${name}` : `Sent you ${count} files`,
      folder: (name) => `Sent you a folder: ${name}`,
      picture: 'Sent you a picture',
      unknown: 'Sent you files',
    },
  },
  'zh-CN': {
    open: '打开 Pigeon',
    online: '在线',
    away: '离开',
    busy: '忙碌',
    invisible: '隐身',
    quit: '退出',
    tooltip: (unread) => (unread > 0 ? `Pigeon — ${unread} 条未读` : 'Pigeon'),
    sealed: '密封消息',
    offer: {
      files: (count, name) => (count === 1 ? `发来文件：${name}` : `发来 ${count} 个文件`),
      folder: (name) => `发来文件夹：${name}`,
      picture: '发来一张图片',
      unknown: '发来文件',
    },
  },
};

export function labelsFor(language: Language | undefined): ShellLabels {
  return LABELS[language ?? 'en'] ?? LABELS.en;
}
