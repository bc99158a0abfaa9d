import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHitDTO } from '../../../src-shared/contract';
import { groupNoticeLine } from '../../format/group-notice';
import { formatFull, formatStamp } from '../../format/time';
import { highlightParts } from '../../format/highlight';
import { messagePreview } from '../../format/message-preview';
import { isSealedAway } from '../../format/sealed';
import { usePreviewWords } from '../../hooks/use-preview-words';
import { useAppStore } from '../../store/store-context';
import { Avatar } from '../common/Avatar';

interface SearchResultProps {
  hit: SearchHitDTO;
  query: string;
  peer: { id: string; name: string };
  now: number;
  hintId: string;
  onOpen(hit: SearchHitDTO): void;
}

/**
 * One message found: who the conversation is with, when, and the snippet with the
 * matched words marked. Peer text stays text: the marks are React elements around
 * plain strings, never HTML.
 */
export const SearchResult = memo(function SearchResult({
  hit,
  query,
  peer,
  now,
  hintId,
  onOpen,
}: SearchResultProps) {
  const { t, i18n } = useTranslation();
  const { message } = hit;
  const words = { yesterday: (time: string) => t('time.yesterday', { time }) };
  const previewWords = usePreviewWords();
  const transfer = useAppStore((state) =>
    message.transferId === undefined ? undefined : state.transfers.get(message.transferId),
  );
  // A hit with no text of its own (files only) or still sealed is described instead.
  const described = isSealedAway(message) || hit.snippet.trim() === '';
  // A group's notice reads in the window's language, as it does in the chat.
  const notice = message.state === 'notice' ? groupNoticeLine(t, message.text) : '';
  const parts = notice
    ? highlightParts(notice, query)
    : described
      ? [{ text: messagePreview(message, transfer, previewWords), match: false }]
      : highlightParts(hit.snippet, query);
  return (
    <li className="search-item">
      <button
        type="button"
        className="search-hit"
        data-message-id={message.id}
        aria-describedby={hintId}
        onClick={() => onOpen(hit)}
      >
        <Avatar id={peer.id} name={peer.name} size="small" />
        <span className="search-hit-main">
          <span className="search-hit-line">
            <span className="search-hit-name">{peer.name}</span>
            <time
              className="search-hit-time"
              dateTime={new Date(message.at).toISOString()}
              title={formatFull(message.at, i18n.language)}
            >
              {formatStamp(message.at, now, i18n.language, words)}
            </time>
          </span>
          <span className="search-hit-snippet">
            {message.direction === 'out' && (
              <span className="search-hit-you">{t('search.you')}: </span>
            )}
            {parts.map((part, index) =>
              part.match ? (
                <mark key={index} className="search-mark">
                  {part.text}
                </mark>
              ) : (
                <span key={index}>{part.text}</span>
              ),
            )}
          </span>
        </span>
      </button>
    </li>
  );
});
