import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../bridge/bridge-context';
import { describeError } from '../bridge/errors';
import { MESSAGE_PAGE_SIZE } from '../bridge/session';
import { useAppStoreApi } from '../store/store-context';

/** After a failed page, scrolling does not ask again for this long (the button still does). */
const RETRY_AFTER_MS = 3000;

type Direction = 'older' | 'newer';

export interface HistoryPaging {
  /** The page before the oldest message loaded; `auto` when scrolling asked for it. */
  loadOlder(auto?: boolean): Promise<void>;
  /** The page after the newest message loaded (after opening at a search hit). */
  loadNewer(auto?: boolean): Promise<void>;
  /** The latest page instead of what is loaded: back to the present. */
  loadLatest(): Promise<void>;
  loadingOlder: boolean;
}

/**
 * Pages of a conversation, one at a time in each direction, never the whole of it.
 * `beforeOlder` runs just before older rows are added, so the log keeps its place.
 */
export function useHistoryPaging(conversationId: string, beforeOlder: () => void): HistoryPaging {
  const { t } = useTranslation();
  const { api } = useBridge();
  const store = useAppStoreApi();
  const busy = useRef<Record<Direction, boolean>>({ older: false, newer: false });
  const failedAt = useRef<Record<Direction, number>>({ older: 0, newer: 0 });
  const [loadingOlder, setLoadingOlder] = useState(false);

  const fail = useCallback(
    (direction: Direction, error: unknown) => {
      failedAt.current[direction] = Date.now();
      store.getState().addNotice({
        code: 'history-page',
        level: 'error',
        message: t('chat.historyFailed', { message: describeError(error) }),
      });
    },
    [store, t],
  );

  const load = useCallback(
    async (direction: Direction, auto: boolean) => {
      const entry = store.getState().messages.get(conversationId);
      if (!entry || busy.current[direction]) return;
      if (auto && Date.now() - failedAt.current[direction] < RETRY_AFTER_MS) return;
      const older = direction === 'older';
      const cursor = older ? entry.ids[0] : entry.ids[entry.ids.length - 1];
      if (cursor === undefined || !(older ? entry.hasOlder : entry.hasNewer)) return;
      busy.current[direction] = true;
      if (older) setLoadingOlder(true);
      try {
        const page = await api.listMessages({
          conversationId,
          ...(older ? { before: cursor } : { after: cursor }),
          limit: MESSAGE_PAGE_SIZE,
        });
        const state = store.getState();
        const now = state.messages.get(conversationId);
        // Replaced meanwhile (back to the latest): this page would no longer join on.
        if (now?.ids[older ? 0 : now.ids.length - 1] !== cursor) return;
        if (older) {
          beforeOlder();
          state.mergeOlderMessages(conversationId, page, MESSAGE_PAGE_SIZE);
        } else {
          // Rows added below move nothing in view: no place to keep.
          state.mergeNewerMessages(conversationId, page, MESSAGE_PAGE_SIZE);
        }
      } catch (error) {
        fail(direction, error);
      } finally {
        busy.current[direction] = false;
        if (older) setLoadingOlder(false);
      }
    },
    [api, store, conversationId, beforeOlder, fail],
  );

  const loadOlder = useCallback((auto = false) => load('older', auto), [load]);
  const loadNewer = useCallback((auto = false) => load('newer', auto), [load]);

  const loadLatest = useCallback(async () => {
    try {
      const page = await api.listMessages({ conversationId, limit: MESSAGE_PAGE_SIZE });
      store.getState().showLatestMessages(conversationId, page, MESSAGE_PAGE_SIZE);
    } catch (error) {
      fail('newer', error);
    }
  }, [api, store, conversationId, fail]);

  return { loadOlder, loadNewer, loadLatest, loadingOlder };
}
