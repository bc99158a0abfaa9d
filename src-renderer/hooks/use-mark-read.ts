import { useCallback, useEffect, useRef } from 'react';
import { useBridge } from '../bridge/bridge-context';
import { useAppStore } from '../store/store-context';

/**
 * A chat window that is open and looked at has nothing unread: mark the
 * conversation read when the window opens, gains focus or becomes visible, and
 * when something arrives while it has focus.
 */
export function useMarkRead(conversationId: string): void {
  const { api } = useBridge();
  const ready = useAppStore((state) => state.load.phase === 'ready');
  const unread = useAppStore((state) => state.conversations.get(conversationId)?.unread ?? 0);
  const upsertConversation = useAppStore((state) => state.upsertConversation);
  const inFlight = useRef(false);

  const markRead = useCallback(() => {
    if (inFlight.current || document.visibilityState === 'hidden') return;
    inFlight.current = true;
    api
      .markRead({ conversationId })
      .then(upsertConversation, () => {
        // Nothing to show: the count simply stays until the next focus.
      })
      .finally(() => {
        inFlight.current = false;
      });
  }, [api, conversationId, upsertConversation]);

  useEffect(() => {
    if (!ready) return;
    const onVisibility = () => {
      if (document.visibilityState === 'visible') markRead();
    };
    markRead();
    window.addEventListener('focus', markRead);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('focus', markRead);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [ready, markRead]);

  useEffect(() => {
    if (ready && unread > 0 && document.hasFocus()) markRead();
  }, [ready, unread, markRead]);
}
