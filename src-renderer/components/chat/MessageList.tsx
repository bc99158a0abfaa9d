import { useCallback, useEffect, useMemo, useRef, useState, type MouseEvent } from 'react';
import type { MessageDTO } from '../../../src-shared/contract';
import { useTranslation } from 'react-i18next';
import { stampsFor } from '../../format/time';
import { useAnchoredLog } from '../../hooks/use-anchored-log';
import { useDeliveryActions } from '../../hooks/use-delivery-actions';
import { useFirstUnread } from '../../hooks/use-first-unread';
import { useHistoryPaging } from '../../hooks/use-history-paging';
import { useJumpToHit } from '../../hooks/use-jump-to-hit';
import { useMinuteClock } from '../../hooks/use-minute-clock';
import { emptyConversationMessages } from '../../store/conversation-messages';
import { useAppStore, useAppStoreApi } from '../../store/store-context';
import { useRovingList } from '../../hooks/use-roving-list';
import { placeBelow, type MenuPlace } from '../common/ContextMenu';
import { ArrowDownIcon } from '../common/icons';
import { BackToLatest } from './BackToLatest';
import { EarlierMessages } from './EarlierMessages';
import { MessageItem } from './MessageItem';
import { MessageMenu, type MessageMenuProps } from './MessageMenu';

interface MessageListProps {
  conversationId: string;
  me: { id: string; name: string };
  peer: { id: string; name: string };
  /** In a group, who wrote an incoming message (by its authorId). */
  authorOf?: ((authorId: string) => { id: string; name: string }) | undefined;
  /** The message the window was opened at (a search hit). */
  targetMessageId?: string | undefined;
  /** Counts messages sent from this window: each brings the log back to the latest. */
  sentCount: number;
}

/**
 * The conversation as a log, virtualised so a long history stays fast. It stays
 * at the bottom while the reader is there; otherwise a button offers the new
 * messages. Older pages load as the reader nears the top; after opening at a
 * search hit, newer pages load as they near the bottom, until the latest.
 */
export function MessageList({
  conversationId,
  me,
  peer,
  authorOf,
  targetMessageId,
  sentCount,
}: MessageListProps) {
  const { t, i18n } = useTranslation();
  const store = useAppStoreApi();
  const entry = useAppStore(
    (state) => state.messages.get(conversationId) ?? emptyConversationMessages,
  );
  const now = useMinuteClock();
  const actions = useDeliveryActions();
  const { ids, byId, hasOlder, hasNewer } = entry;

  const stamps = useMemo(() => {
    const words = { yesterday: (time: string) => t('time.yesterday', { time }) };
    const times = ids.map((id) => byId.get(id)?.at ?? 0);
    return stampsFor(times, now, i18n.language, words);
  }, [ids, byId, now, i18n.language, t]);

  const log = useAnchoredLog(ids, !hasNewer);
  const paging = useHistoryPaging(conversationId, log.keepPlace);
  const { scroller, virtualizer, totalSize, jumpToBottom, atTop } = log;
  const highlightedId = useJumpToHit(targetMessageId, ids, log.revealIndex);
  const firstUnreadId = useFirstUnread(conversationId, ids, byId);
  useOpenAtFirstUnread(targetMessageId ? undefined : firstUnreadId, ids, log.revealUnread);
  const focusLog = useCallback(() => scroller.current?.focus(), [scroller]);
  const [menu, setMenu] = useState<MessageMenuProps['menu']>(null);
  const { name: peerName } = peer;
  const { name: myName } = me;
  const menuAt = useCallback(
    (message: MessageDTO, at: MenuPlace) => {
      const author = message.direction === 'out' ? myName : peerName;
      setMenu({ message, author, at, openedAt: Date.now() });
    },
    [myName, peerName],
  );
  const openMenu = useCallback(
    (message: MessageDTO, event: MouseEvent) => {
      event.preventDefault();
      menuAt(message, { x: event.clientX, y: event.clientY });
    },
    [menuAt],
  );
  const closeMenu = useCallback(() => setMenu(null), []);
  // The keyboard's way to the same menu: Tab into the log's messages, arrows move,
  // Shift+F10, the menu key or Enter opens it under the message.
  const menuIds = useMemo(
    () => ids.filter((id) => byId.get(id)?.state !== 'recalled'),
    [ids, byId],
  );
  const { revealIndex } = log;
  const menuFromKeyboard = (id: string, element?: HTMLElement) => {
    const message = byId.get(id);
    const item = element ?? scroller.current?.querySelector<HTMLElement>(`[data-item-id="${id}"]`);
    if (message && item) menuAt(message, placeBelow(item));
  };
  const roving = useRovingList({
    order: menuIds,
    // A drawn message scrolls itself into view on focus; only one not drawn needs the log.
    reveal: (id) => {
      if (!scroller.current?.querySelector(`[data-item-id="${id}"]`)) revealIndex(ids.indexOf(id));
    },
    onOpen: (id) => menuFromKeyboard(id),
    onMenu: (id, element) => menuFromKeyboard(id, element),
    start: 'last',
  });

  const onScroll = () => {
    const { nearStart, nearEnd } = log.onScroll();
    if (nearStart) void paging.loadOlder(true);
    if (nearEnd) void paging.loadNewer(true);
  };

  const { loadLatest } = paging;
  const backToLatest = useCallback(async () => {
    await loadLatest();
    jumpToBottom();
  }, [loadLatest, jumpToBottom]);

  const handledSends = useRef(0);
  useEffect(() => {
    if (sentCount === handledSends.current) return;
    handledSends.current = sentCount;
    // Only while reading old history: otherwise the message is already at the end.
    if (store.getState().messages.get(conversationId)?.hasNewer) void backToLatest();
  }, [sentCount, store, conversationId, backToLatest]);

  return (
    <div className="message-pane">
      {hasOlder && atTop && (
        <EarlierMessages
          loading={paging.loadingOlder}
          load={() => paging.loadOlder()}
          moveFocus={focusLog}
        />
      )}
      <div
        ref={scroller}
        className="message-log"
        role="log"
        aria-label={t('chat.conversation')}
        // Rows come and go while scrolling; new messages are announced separately.
        aria-live="off"
        tabIndex={0}
        onScroll={onScroll}
        onKeyDown={roving.onKeyDown}
      >
        {ids.length === 0 ? (
          <p className="message-empty">{t('chat.empty')}</p>
        ) : (
          <div className="message-track" style={{ height: totalSize }}>
            {virtualizer.getVirtualItems().map((row) => {
              const message = byId.get(ids[row.index] ?? '');
              if (!message) return null;
              return (
                <div
                  key={row.key}
                  ref={virtualizer.measureElement}
                  data-index={row.index}
                  className="message-row"
                  style={{ transform: `translateY(${row.start}px)` }}
                >
                  <MessageItem
                    message={message}
                    stamp={stamps[row.index]}
                    author={
                      message.direction === 'out'
                        ? me
                        : message.authorId && authorOf
                          ? authorOf(message.authorId)
                          : peer
                    }
                    highlighted={message.id === highlightedId}
                    continued={
                      stamps[row.index] === undefined &&
                      sameAuthor(byId.get(ids[row.index - 1] ?? ''), message)
                    }
                    onResend={actions.onResend}
                    onCancel={actions.onCancel}
                    onMenu={openMenu}
                    firstUnread={message.id === firstUnreadId}
                    current={message.id === roving.currentId}
                    register={roving.register}
                    onFocusItem={roving.setActiveId}
                  />
                </div>
              );
            })}
          </div>
        )}
      </div>
      <MessageMenu menu={menu} onClose={closeMenu} />
      {hasNewer ? (
        <button type="button" className="jump-button" onClick={() => void backToLatest()}>
          <ArrowDownIcon />
          {t('chat.latestMessages')}
        </button>
      ) : (
        log.awayFromEnd && <BackToLatest newCount={log.unseenCount} onClick={jumpToBottom} />
      )}
    </div>
  );
}

type Authored = { direction: string; state: string; authorId?: string | undefined };

/**
 * Two messages in a row by one author share an avatar (in a group, by who wrote them).
 * A notice is a line of its own with no name: the message after it names its author.
 */
function sameAuthor(previous: Authored | undefined, message: Authored): boolean {
  if (previous?.state === 'notice' || message.state === 'notice') return false;
  return previous?.direction === message.direction && previous.authorId === message.authorId;
}

/** Rows that fit a chat window without scrolling, about: a backlog longer opens at its first unread. */
const ROWS_IN_VIEW = 8;

/** A long backlog opens at its first unread message, once, instead of at the end. */
function useOpenAtFirstUnread(
  firstUnreadId: string | undefined,
  ids: readonly string[],
  revealUnread: (index: number) => void,
): void {
  const done = useRef(false);
  useEffect(() => {
    if (done.current || firstUnreadId === undefined) return;
    done.current = true;
    const index = ids.indexOf(firstUnreadId);
    if (index !== -1 && ids.length - index > ROWS_IN_VIEW) revealUnread(index);
  }, [firstUnreadId, ids, revealUnread]);
}
