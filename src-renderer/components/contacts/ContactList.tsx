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
import type { PeerDTO } from '../../../src-shared/contract';
import { contactName } from '../../format/display-name';
import { distinctNames } from '../../format/distinct-names';
import { useDistinctWords } from '../../hooks/use-distinct-words';
import { useListVirtualizer } from '../../hooks/use-list-virtualizer';
import { useListWords } from '../../hooks/use-list-words';
import { useOpenChat } from '../../hooks/use-open-chat';
import { useRovingList } from '../../hooks/use-roving-list';
import { groupContacts, unreadByPeer, type ContactGroup } from '../../store/contact-groups';
import { useAppStore } from '../../store/store-context';
import { placeBelow, type MenuPlace } from '../common/ContextMenu';
import { VirtualListFrame } from '../common/VirtualListFrame';
import { ContactActions } from './ContactActions';
import { ContactGroupHeader } from './ContactGroupHeader';
import { ContactItem } from './ContactItem';
import { ContactsEmpty } from './ContactsEmpty';

/** What the filter box may ask of the list. */
export interface ContactListHandle {
  focusFirst(): void;
  openFirst(): void;
}

interface ContactListProps {
  filter: string;
  ref?: Ref<ContactListHandle>;
}

type Row = { kind: 'group'; group: ContactGroup } | { kind: 'peer'; peer: PeerDTO; name: string };

const GROUP_ROW_PX = 30;
const CONTACT_ROW_PX = 44;

/**
 * Contacts grouped by their group name, the user's own group first; groups fold
 * away. Virtualised. One item is in the tab order; arrows, Home and End move, Enter
 * or a double-click opens the chat, a right-click or Shift+F10 opens its menu.
 */
export function ContactList({ filter, ref }: ContactListProps) {
  const { t, i18n } = useTranslation();
  const words = useListWords();
  const peers = useAppStore((state) => state.peers);
  const remarks = useAppStore((state) => state.remarks);
  const ownGroup = useAppStore((state) => state.self?.group ?? '');
  const conversations = useAppStore((state) => state.conversations);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [menu, setMenu] = useState<{ peerId: string; at: MenuPlace } | null>(null);
  const hintId = useId();
  // The list scrolls itself: the virtualiser must find its scroller when it first lays out.
  const scroller = useRef<HTMLDivElement>(null);
  const openChat = useOpenChat();

  const distinctWords = useDistinctWords();
  const collator = useMemo(() => new Intl.Collator(i18n.language), [i18n.language]);
  const groups = useMemo(
    () => groupContacts(peers.values(), filter, collator, { remarks, ownGroup }),
    [peers, filter, collator, remarks, ownGroup],
  );
  const unread = useMemo(() => unreadByPeer(conversations), [conversations]);
  // While filtering every match shows, folded group or not.
  const folding = filter.trim() === '';
  // Two contacts with one name are told apart by address, an impostor by its mark.
  const names = useMemo(
    () =>
      distinctNames(
        groups.flatMap((group) =>
          group.peers.map((peer) => ({ peer, name: contactName(peer, remarks) })),
        ),
        distinctWords,
      ),
    [groups, remarks, distinctWords],
  );
  const rows = useMemo(() => {
    const list: Row[] = [];
    for (const group of groups) {
      list.push({ kind: 'group', group });
      if (folding && collapsed.has(group.key)) continue;
      for (const peer of group.peers)
        list.push({ kind: 'peer', peer, name: names.get(peer.id) ?? contactName(peer, remarks) });
    }
    return list;
  }, [groups, collapsed, folding, remarks, names]);
  const order = useMemo(
    () => rows.flatMap((row) => (row.kind === 'peer' ? [row.peer.id] : [])),
    [rows],
  );
  const rowIndex = useMemo(
    () => new Map(rows.map((row, index) => [row.kind === 'peer' ? row.peer.id : '', index])),
    [rows],
  );

  const { virtualizer, scrollToIndex } = useListVirtualizer(
    scroller,
    rows.length,
    (index) => {
      const row = rows[index];
      return row?.kind === 'group' ? `group:${row.group.key}` : `peer:${row?.peer.id ?? index}`;
    },
    (index) => (rows[index]?.kind === 'group' ? GROUP_ROW_PX : CONTACT_ROW_PX),
  );

  const openMenu = useCallback((peerId: string, at: MenuPlace) => setMenu({ peerId, at }), []);
  const roving = useRovingList({
    order,
    reveal: (id) => scrollToIndex(rowIndex.get(id) ?? -1),
    onOpen: openChat,
    onMenu: (id, element) => openMenu(id, placeBelow(element)),
  });
  const { focusItem } = roving;
  const onRowMenu = useCallback(
    (peerId: string, event: MouseEvent<HTMLElement>) => {
      event.preventDefault();
      openMenu(peerId, { x: event.clientX, y: event.clientY });
    },
    [openMenu],
  );
  const toggleGroup = useCallback((key: string) => {
    setCollapsed((before) => {
      const next = new Set(before);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  }, []);

  useImperativeHandle(
    ref,
    () => ({
      focusFirst: () => focusItem(order[0]),
      openFirst: () => {
        if (order[0] !== undefined) openChat(order[0]);
      },
    }),
    [order, focusItem, openChat],
  );

  return (
    <>
      <VirtualListFrame
        scroller={scroller}
        label={t('contacts.list')}
        className="contact-list"
        height={virtualizer.getTotalSize()}
        onKeyDown={roving.onKeyDown}
        hint={t('contacts.openHint')}
        hintId={hintId}
        after={
          groups.length === 0 && <ContactsEmpty filter={filter} nobodyYet={peers.size === 0} />
        }
      >
        {virtualizer.getVirtualItems().map((item) => {
          const row = rows[item.index];
          if (!row) return null;
          return row.kind === 'group' ? (
            <ContactGroupHeader
              key={item.key}
              group={row.group}
              collapsed={folding && collapsed.has(row.group.key)}
              words={words}
              top={item.start}
              onToggle={toggleGroup}
            />
          ) : (
            <ContactItem
              key={item.key}
              peer={row.peer}
              name={row.name}
              unread={unread.get(row.peer.id) ?? 0}
              current={row.peer.id === roving.currentId}
              words={words}
              hintId={hintId}
              top={item.start}
              onOpen={openChat}
              onMenu={onRowMenu}
              onFocusPeer={roving.setActiveId}
              register={roving.register}
            />
          );
        })}
      </VirtualListFrame>
      <ContactActions
        menu={menu}
        onMenuClosed={(peerId) => {
          setMenu(null);
          focusItem(peerId);
        }}
      />
    </>
  );
}
