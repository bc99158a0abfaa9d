import type { KeyboardEvent, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { SearchHitDTO } from '../../../src-shared/contract';
import type { SearchView } from '../../hooks/use-message-search';
import { SearchResult } from './SearchResult';

interface SearchResultsProps {
  view: SearchView;
  listRef: RefObject<HTMLUListElement | null>;
  hintId: string;
  now: number;
  peerOf(conversationId: string): { id: string; name: string };
  onOpen(hit: SearchHitDTO): void;
  onKeyDown(event: KeyboardEvent<HTMLUListElement>): void;
}

/** What the search found, or why there is nothing to show; the count is read out. */
export function SearchResults({
  view,
  listRef,
  hintId,
  now,
  peerOf,
  onOpen,
  onKeyDown,
}: SearchResultsProps) {
  const { t } = useTranslation();
  if (view.phase === 'idle') return null;
  if (view.phase === 'failed') {
    return (
      <p className="search-message" role="alert">
        {t('search.failed', { message: view.error })}
      </p>
    );
  }
  // While a new search runs the last results stay, dimmed, rather than flicker away.
  const { query, hits } = view.phase === 'done' ? view : view.previous;
  const status =
    view.phase === 'searching'
      ? t('search.searching')
      : hits.length === 0
        ? t('search.none', { query: view.query })
        : t('search.found', { count: hits.length });
  return (
    <>
      <p
        className={hits.length === 0 ? 'search-message' : 'search-count'}
        role="status"
        aria-live="polite"
      >
        {status}
      </p>
      {hits.length > 0 && (
        <ul
          ref={listRef}
          role="list"
          className={view.phase === 'searching' ? 'search-results stale' : 'search-results'}
          aria-label={t('search.results')}
          aria-busy={view.phase === 'searching'}
          onKeyDown={onKeyDown}
        >
          {hits.map((hit) => (
            <SearchResult
              key={hit.message.id}
              hit={hit}
              query={query}
              peer={peerOf(hit.message.conversationId)}
              now={now}
              hintId={hintId}
              onOpen={onOpen}
            />
          ))}
        </ul>
      )}
    </>
  );
}
