import type { Language } from '../../preload/contract';

/** The few words the shell itself shows (tray menu, tooltips, notifications). */
export interface ShellLabels {
  open: string;
  online: string;
  away: string;
  quit: string;
  tooltip(unread: number): string;
  startFailedTitle: string;
}

const LABELS: Record<Language, ShellLabels> = {
  en: {
    open: 'Open Pigeon',
    online: 'Online',
    away: 'Away',
    quit: 'Quit',
    tooltip: (unread) => (unread > 0 ? `Pigeon — ${unread} unread` : 'Pigeon'),
    startFailedTitle: 'Pigeon could not connect to the network',
  },
  'zh-CN': {
    open: '打开 Pigeon',
    online: '在线',
    away: '离开',
    quit: '退出',
    tooltip: (unread) => (unread > 0 ? `Pigeon — ${unread} 条未读` : 'Pigeon'),
    startFailedTitle: 'Pigeon 无法连接网络',
  },
};

export function labelsFor(language: Language | undefined): ShellLabels {
  return LABELS[language ?? 'en'] ?? LABELS.en;
}
