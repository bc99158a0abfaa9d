import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { showBrowserNotification } from '../alerts/browser-notifications';
import { playMessageSound } from '../alerts/message-sound';
import { newlyUnread, totalUnread } from '../alerts/new-messages';
import { useBridge } from '../bridge/bridge-context';
import { messagePreview } from '../format/message-preview';
import { useAppStore, useAppStoreApi } from '../store/store-context';
import { usePreviewWords } from './use-preview-words';

const BLINK_MS = 1000;

/**
 * The main window's alerts for new messages: a chime (unless turned off) and, in a
 * browser tab, a notification while the tab is not in front and a title that blinks
 * with the unread count (the desktop app notifies and blinks its tray from main).
 */
export function useMessageAlerts(): void {
  const { t } = useTranslation();
  const bridge = useBridge();
  const store = useAppStoreApi();
  const words = usePreviewWords();
  const unread = useAppStore((state) => totalUnread(state.conversations));
  const inBrowser = bridge.mode === 'websocket';

  useEffect(
    () =>
      store.subscribe((state, previous) => {
        // The first snapshot (and one after a reconnect) is history, not news.
        if (previous.load.phase !== 'ready') return;
        const news = newlyUnread(previous.conversations, state.conversations);
        if (news.length === 0) return;
        if (state.self?.sounds !== false) playMessageSound();
        if (!inBrowser || state.self?.notifications === false) return;
        if (!document.hidden && document.hasFocus()) return;
        for (const conversation of news) {
          const peer = state.peers.get(conversation.peerId);
          const message = conversation.lastMessage;
          showBrowserNotification(
            peer?.nickname ?? conversation.peerId,
            message ? messagePreview(message, undefined, words) : '',
            conversation.id,
            () => void bridge.openChat(conversation.peerId).catch(() => undefined),
          );
        }
      }),
    [store, bridge, inBrowser, words],
  );

  useEffect(() => {
    if (!inBrowser) return undefined;
    const plain = t('app.name');
    if (unread === 0) {
      document.title = plain;
      return undefined;
    }
    const counted = t('prefs.unreadTitle', { count: unread });
    document.title = counted;
    let on = true;
    const timer = setInterval(() => {
      // Blink only while the tab is in the background: in front, the count stays put.
      on = document.hidden ? !on : true;
      document.title = on ? counted : plain;
    }, BLINK_MS);
    return () => {
      clearInterval(timer);
      document.title = plain;
    };
  }, [inBrowser, unread, t]);
}
