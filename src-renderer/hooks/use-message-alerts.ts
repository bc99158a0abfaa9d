import { useEffect } from 'react';
import { showBrowserNotification } from '../alerts/browser-notifications';
import { playMessageSound } from '../alerts/message-sound';
import { newlyUnread } from '../alerts/new-messages';
import { mentions } from '../../src-shared/contract/mentions';
import { useBridge } from '../bridge/bridge-context';
import { messagePreview } from '../format/message-preview';
import { useAppStoreApi } from '../store/store-context';
import { useGroupNames } from './use-group-name';
import { usePreviewWords } from './use-preview-words';

/**
 * The main window's alerts for new messages: a chime (unless turned off) and, in a
 * browser tab, a notification while the tab is not in front (the desktop app notifies
 * from main). The title's unread count is useUnreadTitle's.
 */
export function useMessageAlerts(): void {
  const bridge = useBridge();
  const store = useAppStoreApi();
  const words = usePreviewWords();
  const groupNameOf = useGroupNames();
  const inBrowser = bridge.mode === 'websocket';

  useEffect(
    () =>
      store.subscribe((state, previous) => {
        // The first snapshot (and one after a reconnect) is history, not news.
        if (previous.load.phase !== 'ready') return;
        // A muted group makes no sound and shows no notification, unless it mentions us.
        const nickname = state.self?.nickname ?? '';
        const news = newlyUnread(previous.conversations, state.conversations).filter(
          (conversation) =>
            state.groups.get(conversation.id)?.muted !== true ||
            mentions(conversation.lastMessage?.text ?? '', nickname),
        );
        if (news.length === 0) return;
        if (state.self?.sounds !== false) playMessageSound();
        if (!inBrowser || state.self?.notifications === false) return;
        if (!document.hidden && document.hasFocus()) return;
        for (const conversation of news) {
          const peer = state.peers.get(conversation.peerId);
          const message = conversation.lastMessage;
          showBrowserNotification(
            peer?.nickname ??
              (state.groups.has(conversation.id)
                ? groupNameOf(conversation.id)
                : conversation.peerId),
            message ? messagePreview(message, undefined, words) : '',
            conversation.id,
            () => void bridge.openChat(conversation.peerId).catch(() => undefined),
          );
        }
      }),
    [store, bridge, inBrowser, words, groupNameOf],
  );
}
