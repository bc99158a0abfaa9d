import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The window's title carries the unread count, as QQ's does: the taskbar shows it,
 * and Electron's window takes the page's title.
 */
export function useUnreadTitle(unread: number): void {
  const { t } = useTranslation();
  useEffect(() => {
    document.title = unread > 0 ? t('chats.titleUnread', { count: unread }) : t('app.name');
  }, [t, unread]);
}
