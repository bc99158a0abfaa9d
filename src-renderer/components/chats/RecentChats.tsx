import {
  useCallback,
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type MouseEvent,
  type Ref,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { matchesFilter } from '../../store/contact-groups';
import { distinctNames } from '../../format/distinct-names';
import { useDistinctWords } from '../../hooks/use-distinct-words';
import { useListVirtualizer } from '../../hooks/use-list-virtualizer';
import { useGroupNames } from '../../hooks/use-group-name';
import { useListWords } from '../../hooks/use-list-words';
import { useMinuteClock } from '../../hooks/use-minute-clock';
import { useOpenChat } from '../../hooks/use-open-chat';
import { usePreviewWords } from '../../hooks/use-preview-words';
import { useRovingList } from '../../hooks/use-roving-list';
import { recentChatRows } from '../../store/recent-chat-rows';
import { useAppStore } from '../../store/store-context';
import { ContextMenu, placeBelow, type MenuPlace } from '../common/ContextMenu';
import { VirtualListFrame } from '../common/VirtualListFrame';
import type { ContactListHandle } from '../contacts/ContactList';
import { RecentChatItem } from './RecentChatItem';

interface RecentChatsProps {
  filter: string;
  ref?: Ref<ContactListHandle>;
}

const CHAT_ROW_PX = 56;

/**
 * The recent chats (会话): pinned first, then newest first, each with its latest
 * message, time and unread count. Virtualised; keys as in the contact list, and a
 * right-click or Shift+F10 pins or unpins.
 */
export function RecentChats({ filter, ref }: RecentChatsProps) {
  const { t } = useTranslation();
  const { api } = useBridge();
  const words = useListWords();
  const previewWords = usePreviewWords();
  const distinctWords = useDistinctWords();
  const now = useMinuteClock();
  const groupNameOf = useGroupNames();
  const openChat = useOpenChat();
  const conversations = useAppStore((state) => state.conversations);
  const peers = useAppStore((state) => state.peers);
  const remarks = useAppStore((state) => state.remarks);
  const transfers = useAppStore((state) => state.transfers);
  const upsertConversation = useAppStore((state) => state.upsertConversation);
  const addNotice = useAppStore((state) => state.addNotice);
  const [menu, setMenu] = useState<{ conversationId: string; at: MenuPlace } | null>(null);
  const hintId = useId();
  // The list scrolls itself: the virtualiser must find its scroller when it first lays out.
  const scroller = useRef<HTMLDivElement>(null);

  const chats = useMemo(() => {
    const rows = recentChatRows(
      conversations,
      peers,
      remarks,
      transfers,
      { ...previewWords, mine: words.mine },
      groupNameOf,
    );
    // Two chats with one name are told apart by address, an impostor's by its mark.
    const named = distinctNames(
      rows.flatMap((chat) => {
        const peer = peers.get(chat.peerId);
        return peer ? [{ peer, name: chat.name }] : [];
      }),
      distinctWords,
    );
    const all = rows.map((chat) => ({ ...chat, name: named.get(chat.peerId) ?? chat.name }));
    if (filter.trim() === '') return all;
    return all.filter((chat) => {
      const peer = peers.get(chat.peerId);
      return peer ? matchesFilter(peer, filter, remarks.get(peer.id)) : chat.name.includes(filter);
    });
  }, [
    conversations,
    peers,
    remarks,
    transfers,
    previewWords,
    words.mine,
    filter,
    distinctWords,
    groupNameOf,
  ]);
  const order = useMemo(() => chats.map((chat) => chat.conversationId), [chats]);
  const byId = useMemo(
    () => new Map(chats.map((chat, index) => [chat.conversationId, index])),
    [chats],
  );

  const { virtualizer, scrollToIndex } = useListVirtualizer(
    scroller,
    chats.length,
    (index) => chats[index]?.conversationId ?? String(index),
    () => CHAT_ROW_PX,
  );
  const peerOf = useCallback(
    (conversationId: string) => chats[byId.get(conversationId) ?? -1]?.peerId ?? conversationId,
    [chats, byId],
  );
  const roving = useRovingList({
    order,
    reveal: (id) => scrollToIndex(byId.get(id) ?? -1),
    onOpen: (id) => openChat(peerOf(id)),
    onMenu: (id, element) => setMenu({ conversationId: id, at: placeBelow(element) }),
  });
  const { focusItem } = roving;
  const onRowMenu = useCallback((conversationId: string, event: MouseEvent<HTMLElement>) => {
    event.preventDefault();
    setMenu({ conversationId, at: { x: event.clientX, y: event.clientY } });
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      focusFirst: () => focusItem(order[0]),
      openFirst: () => {
        if (order[0] !== undefined) openChat(peerOf(order[0]));
      },
    }),
    [order, focusItem, openChat, peerOf],
  );

  const pin = async (conversationId: string, pinned: boolean) => {
    try {
      upsertConversation(await api.pinConversation({ conversationId, pinned }));
    } catch (error) {
      addNotice({
        code: 'pin',
        level: 'error',
        message: t('chats.pinFailed', { message: describeError(error) }),
      });
    }
  };

  const menuChat = menu ? chats[byId.get(menu.conversationId) ?? -1] : undefined;

  return (
    <>
      <VirtualListFrame
        scroller={scroller}
        label={t('chats.list')}
        className="recent-chats"
        height={virtualizer.getTotalSize()}
        onKeyDown={roving.onKeyDown}
        hint={t('contacts.openHint')}
        hintId={hintId}
        after={
          chats.length === 0 && (
            <div className="empty-state">
              <p className="empty-title">
                {filter.trim()
                  ? t('contacts.noMatch', { filter: filter.trim() })
                  : t('chats.empty')}
              </p>
              {!filter.trim() && <p className="empty-hint">{t('chats.emptyHint')}</p>}
            </div>
          )
        }
      >
        {virtualizer.getVirtualItems().map((item) => {
          const chat = chats[item.index];
          return (
            chat && (
              <RecentChatItem
                key={item.key}
                chat={chat}
                current={chat.conversationId === roving.currentId}
                now={now}
                words={words}
                hintId={hintId}
                top={item.start}
                onOpen={openChat}
                onMenu={onRowMenu}
                onFocusChat={roving.setActiveId}
                register={roving.register}
              />
            )
          );
        })}
      </VirtualListFrame>
      {menu && menuChat && (
        <ContextMenu
          label={t('chats.menu')}
          at={menu.at}
          actions={[
            { label: t('contactMenu.open'), onSelect: () => openChat(menuChat.peerId) },
            menuChat.pinned
              ? {
                  label: t('chats.unpin'),
                  onSelect: () => void pin(menuChat.conversationId, false),
                }
              : { label: t('chats.pin'), onSelect: () => void pin(menuChat.conversationId, true) },
          ]}
          onClose={() => {
            setMenu(null);
            focusItem(menu.conversationId);
          }}
        />
      )}
    </>
  );
}
