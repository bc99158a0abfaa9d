import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isGroupId } from '../../../src-shared/contract/group-ids';
import { useGroupNames } from '../../hooks/use-group-name';
import type { SearchHitDTO } from '../../../src-shared/contract';
import { useBridge } from '../../bridge/bridge-context';
import { describeError } from '../../bridge/errors';
import { displayName } from '../../format/display-name';
import { useMessageSearch, MAX_QUERY_CHARS } from '../../hooks/use-message-search';
import { useMinuteClock } from '../../hooks/use-minute-clock';
import { useAppStore } from '../../store/store-context';
import { CloseIcon, SearchIcon } from '../common/icons';
import { SearchResults } from './SearchResults';
import { IconButton } from '../common/IconButton';

/**
 * Search all history from the main window: the searchbox, then the messages found,
 * newest first. Opening one opens its conversation at that message.
 */
export function SearchPanel({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const bridge = useBridge();
  const peers = useAppStore((state) => state.peers);
  const conversations = useAppStore((state) => state.conversations);
  const addNotice = useAppStore((state) => state.addNotice);
  const [typed, setTyped] = useState('');
  const [composing, setComposing] = useState(false);
  const view = useMessageSearch(typed, composing);
  const now = useMinuteClock();
  const box = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const hintId = useId();

  useEffect(() => box.current?.focus(), []);

  const groupNameOf = useGroupNames();
  const peerOf = useCallback(
    (conversationId: string) => {
      const peerId = conversations.get(conversationId)?.peerId ?? conversationId;
      const peer = peers.get(peerId);
      if (!peer && isGroupId(peerId)) return { id: peerId, name: groupNameOf(peerId) };
      return { id: peerId, name: peer ? displayName(peer) : peerId };
    },
    [peers, conversations, groupNameOf],
  );

  const open = useCallback(
    async (hit: SearchHitDTO) => {
      const { conversationId, id: messageId } = hit.message;
      try {
        await bridge.openChat(peerOf(conversationId).id, { conversationId, messageId });
      } catch (error) {
        addNotice({
          code: 'open-chat',
          level: 'error',
          message: t('contacts.openFailed', { message: describeError(error) }),
        });
      }
    },
    [bridge, peerOf, addNotice, t],
  );
  const openHit = useCallback((hit: SearchHitDTO) => void open(hit), [open]);

  const hits = () => [...(list.current?.querySelectorAll<HTMLElement>('.search-hit') ?? [])];

  const onBoxKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      hits()[0]?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (typed) setTyped('');
      else onClose();
    }
  };

  const onListKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const all = hits();
    const index = all.indexOf(event.target as HTMLElement);
    if (index < 0) return;
    const moves: Record<string, number> = {
      ArrowDown: Math.min(index + 1, all.length - 1),
      ArrowUp: index - 1,
      Home: 0,
      End: all.length - 1,
    };
    const next = moves[event.key];
    if (event.key === 'Escape') {
      event.preventDefault();
      box.current?.focus();
    } else if (next !== undefined) {
      event.preventDefault();
      // Up from the first result goes back to the box.
      (next < 0 ? box.current : all[next])?.focus();
    }
  };

  return (
    <>
      <div className="contact-toolbar search-toolbar">
        <div className="search-field">
          <SearchIcon className="search-icon" />
          <input
            ref={box}
            type="search"
            className="input search-input"
            aria-label={t('search.box')}
            placeholder={t('search.placeholder')}
            value={typed}
            maxLength={MAX_QUERY_CHARS}
            autoComplete="off"
            spellCheck={false}
            onChange={(event) => setTyped(event.target.value)}
            onKeyDown={onBoxKeyDown}
            onCompositionStart={() => setComposing(true)}
            onCompositionEnd={() => setComposing(false)}
          />
        </div>
        <IconButton label={t('search.close')} onClick={onClose}>
          <CloseIcon />
        </IconButton>
      </div>
      <main className="contact-scroll search-scroll">
        <SearchResults
          view={view}
          listRef={list}
          hintId={hintId}
          now={now}
          peerOf={peerOf}
          onOpen={openHit}
          onKeyDown={onListKeyDown}
        />
        <p id={hintId} className="visually-hidden">
          {t('search.hint')}
        </p>
      </main>
    </>
  );
}
