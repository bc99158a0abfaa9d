import { useEffect, useState } from 'react';
import type { SearchHitDTO } from '../../src-shared/contract';
import { useBridge } from '../bridge/bridge-context';
import { describeError } from '../bridge/errors';

/** Typing pauses this long before a search goes out. */
export const SEARCH_DEBOUNCE_MS = 250;
/** Hits asked for at a time: enough to find something, few enough to list at once. */
export const SEARCH_LIMIT = 50;
/** As the contract allows. */
export const MAX_QUERY_CHARS = 200;

interface Finished {
  query: string;
  hits?: SearchHitDTO[];
  error?: string;
}

export type SearchView =
  | { phase: 'idle' }
  /** `previous`: the last results, shown until the new ones come. */
  | { phase: 'searching'; query: string; previous: { query: string; hits: SearchHitDTO[] } }
  | { phase: 'done'; query: string; hits: SearchHitDTO[] }
  | { phase: 'failed'; query: string; error: string };

/**
 * Search all history for what is typed, once typing pauses (and never in the
 * middle of an IME composition: pinyin letters are not what the user means).
 * Only the answer to the latest query is shown, whatever order answers come in.
 */
export function useMessageSearch(typed: string, composing: boolean): SearchView {
  const { api } = useBridge();
  const [finished, setFinished] = useState<Finished | null>(null);
  const query = typed.trim().slice(0, MAX_QUERY_CHARS);

  useEffect(() => {
    if (!query || composing) return;
    let current = true;
    const timer = setTimeout(() => {
      api.searchMessages({ query, limit: SEARCH_LIMIT }).then(
        (hits) => {
          if (current) setFinished({ query, hits });
        },
        (error: unknown) => {
          if (current) setFinished({ query, error: describeError(error) });
        },
      );
    }, SEARCH_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query, composing]);

  if (!query) return { phase: 'idle' };
  if (finished?.query !== query) {
    const previous = { query: finished?.query ?? '', hits: finished?.hits ?? [] };
    return { phase: 'searching', query, previous };
  }
  if (finished.error !== undefined) return { phase: 'failed', query, error: finished.error };
  return { phase: 'done', query, hits: finished.hits ?? [] };
}
