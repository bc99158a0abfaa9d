import {
  useCallback,
  useId,
  useImperativeHandle,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type Ref,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { usePreviewWords } from '../../hooks/use-preview-words';
import { groupContacts, unreadByPeer } from '../../store/contact-groups';
import { previewsByPeer } from '../../store/contact-previews';
import { useAppStore } from '../../store/store-context';
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

/**
 * Contacts grouped by their group name. One item is in the tab order; arrows,
 * Home and End move between items, Enter or a double-click opens the chat.
 */
export function ContactList({ filter, ref }: ContactListProps) {
  const { t, i18n } = useTranslation();
  const bridge = useBridge();
  const peers = useAppStore((state) => state.peers);
  const conversations = useAppStore((state) => state.conversations);
  const addNotice = useAppStore((state) => state.addNotice);
  const [activeId, setActiveId] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLElement>());
  const hintId = useId();

  const collator = useMemo(() => new Intl.Collator(i18n.language), [i18n.language]);
  const groups = useMemo(
    () => groupContacts(peers.values(), filter, collator),
    [peers, filter, collator],
  );
  const unread = useMemo(() => unreadByPeer(conversations), [conversations]);
  const transfers = useAppStore((state) => state.transfers);
  const previewWords = usePreviewWords();
  const previews = useMemo(
    () =>
      previewsByPeer(conversations, transfers, previewWords, (text) => t('preview.you', { text })),
    [conversations, transfers, previewWords, t],
  );
  const order = useMemo(
    () => groups.flatMap((group) => group.peers.map((peer) => peer.id)),
    [groups],
  );
  const currentId = activeId !== null && order.includes(activeId) ? activeId : order[0];

  const register = useCallback((peerId: string, element: HTMLElement | null) => {
    if (element) items.current.set(peerId, element);
    else items.current.delete(peerId);
  }, []);

  const focusPeer = useCallback((peerId: string | undefined) => {
    if (peerId === undefined) return;
    setActiveId(peerId);
    items.current.get(peerId)?.focus();
  }, []);

  const open = useCallback(
    async (peerId: string) => {
      try {
        await bridge.openChat(peerId);
      } catch (error) {
        addNotice({
          code: 'open-chat',
          level: 'error',
          message: t('contacts.openFailed', { message: describeError(error) }),
        });
      }
    },
    [bridge, addNotice, t],
  );
  const openPeer = useCallback((peerId: string) => void open(peerId), [open]);

  useImperativeHandle(
    ref,
    () => ({
      focusFirst: () => focusPeer(order[0]),
      openFirst: () => {
        if (order[0] !== undefined) openPeer(order[0]);
      },
    }),
    [order, focusPeer, openPeer],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const peerId = (event.target as HTMLElement).dataset.peerId;
    if (peerId === undefined) return;
    const index = order.indexOf(peerId);
    const moves: Record<string, number | undefined> = {
      ArrowDown: Math.min(index + 1, order.length - 1),
      ArrowUp: Math.max(index - 1, 0),
      Home: 0,
      End: order.length - 1,
      PageDown: Math.min(index + 10, order.length - 1),
      PageUp: Math.max(index - 10, 0),
    };
    if (event.key === 'Enter') {
      event.preventDefault();
      openPeer(peerId);
    } else if (moves[event.key] !== undefined) {
      event.preventDefault();
      focusPeer(order[moves[event.key] as number]);
    }
  };

  return (
    <>
      <div
        role="list"
        aria-label={t('contacts.list')}
        className="contact-list"
        onKeyDown={onKeyDown}
      >
        {groups.map((group) => (
          <div key={group.key} className="contact-group">
            <ContactGroupHeader group={group} />
            {group.peers.map((peer) => (
              <ContactItem
                key={peer.id}
                peer={peer}
                unread={unread.get(peer.id) ?? 0}
                preview={previews.get(peer.id)}
                current={peer.id === currentId}
                hintId={hintId}
                onOpen={openPeer}
                onFocusPeer={setActiveId}
                register={register}
              />
            ))}
          </div>
        ))}
      </div>
      <p id={hintId} className="visually-hidden">
        {t('contacts.openHint')}
      </p>
      {order.length === 0 && <ContactsEmpty filter={filter} nobodyYet={peers.size === 0} />}
    </>
  );
}
