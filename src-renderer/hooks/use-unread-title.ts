import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/bridge-context';

const BLINK_MS = 1000;

/**
 * The window's title carries the unread count, as QQ's does: the taskbar shows it,
 * and Electron's window takes the page's title. In a browser tab left in the
 * background it blinks, so the count is seen among other tabs (the desktop app
 * blinks its tray from main instead).
 */
export function useUnreadTitle(unread: number): void {
  const { t } = useTranslation();
  const inBrowser = useBridge().mode === 'websocket';
  useEffect(() => {
    const plain = t('app.name');
    const counted = t('chats.titleUnread', { count: unread });
    document.title = unread > 0 ? counted : plain;
    if (unread === 0 || !inBrowser) return undefined;
    let on = true;
    const timer = setInterval(() => {
      // Blink only while the tab is in the background: in front, the count stays put.
      on = document.hidden ? !on : true;
      document.title = on ? counted : plain;
    }, BLINK_MS);
    return () => clearInterval(timer);
  }, [t, unread, inBrowser]);
}
