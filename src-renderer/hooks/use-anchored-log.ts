import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useRef, useState } from 'react';

/** Within this many pixels of the end counts as "at the bottom". */
const SLACK_PX = 32;
/** A guess for a one-line message; rows are measured once drawn. */
const ESTIMATED_ROW_PX = 64;

function scrollElementTo(element: HTMLElement, top: number): void {
  element.scrollTop = top;
}

/** Stands for "seen nothing yet" when the first unread row is the first row. */
const BEFORE_ALL = '\u0000before-all';

/** How many keys follow `key` (0 when it is not among them). */
function rowsAfter(keys: readonly string[], key: string | undefined): number {
  if (key === BEFORE_ALL) return keys.length;
  if (key === undefined) return 0;
  const index = keys.lastIndexOf(key);
  return index === -1 ? 0 : keys.length - 1 - index;
}

/** Where the reader is after a scroll: within a screen of either edge (time to load more). */
export interface LogEdges {
  nearStart: boolean;
  nearEnd: boolean;
}

/**
 * A virtualised log anchored at its end: while the reader is at the bottom, new
 * rows (and rows growing as they are measured) keep it there; once they scroll
 * up they are left alone and `hasUnseen` says something new arrived. Rows added
 * above (older messages) keep the reader's place, via `keepPlace`; `atTop` says
 * when to offer them.
 */
export function useAnchoredLog(
  keys: readonly string[],
  /**
   * Keep to the end while the reader is there. Off while the rows are not the
   * latest (opened at a search hit): rows added below must not pull the reader down.
   */
  follow: boolean,
) {
  const scroller = useRef<HTMLDivElement>(null);
  const stuck = useRef(true);
  const placeFromEnd = useRef<number | null>(null);
  const firstKey = keys[0];
  const lastKey = keys[keys.length - 1];
  const [atBottom, setAtBottom] = useState(true);
  const [atTop, setAtTop] = useState(false);
  const [seenKey, setSeenKey] = useState(lastKey);
  // Rows paged in below while not following are history, not news.
  if (!follow && seenKey !== lastKey) setSeenKey(lastKey);

  // The virtualiser keeps mutable state of its own; nothing here memoises around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 8,
    getItemKey: (index) => keys[index] ?? index,
  });
  const totalSize = virtualizer.getTotalSize();

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (placeFromEnd.current !== null) {
      scrollElementTo(element, element.scrollHeight - placeFromEnd.current);
      placeFromEnd.current = null;
    } else if (stuck.current && follow) {
      scrollElementTo(element, element.scrollHeight);
    }
  }, [totalSize, firstKey, lastKey, follow]);

  // Asked to stay away from the end (a search hit, the first unread) while every row
  // fits: nothing is below, so the reader is at the end and is offered no way back to it.
  // Should rows come that no longer fit, where the reader is decides again.
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || stuck.current) return;
    const { scrollTop, scrollHeight, clientHeight } = element;
    if (scrollHeight - clientHeight <= SLACK_PX) {
      if (!atBottom) {
        setAtBottom(true);
        setSeenKey(lastKey);
      }
    } else if (atBottom) {
      setAtBottom(scrollHeight - scrollTop - clientHeight <= SLACK_PX);
    }
  }, [atBottom, totalSize, lastKey]);

  const onScroll = useCallback((): LogEdges => {
    const element = scroller.current;
    if (!element) return { nearStart: false, nearEnd: false };
    const { scrollTop, scrollHeight, clientHeight } = element;
    const fromEnd = scrollHeight - scrollTop - clientHeight;
    const bottom = fromEnd <= SLACK_PX;
    stuck.current = bottom;
    setAtBottom(bottom);
    setAtTop(scrollTop <= SLACK_PX);
    if (bottom) setSeenKey(lastKey);
    // A screen ahead, so the reader rarely waits at the edge for more.
    return { nearStart: scrollTop <= clientHeight, nearEnd: fromEnd <= clientHeight };
  }, [lastKey]);

  const jumpToBottom = useCallback(() => {
    stuck.current = true;
    setAtBottom(true);
    setSeenKey(lastKey);
    const element = scroller.current;
    if (element) scrollElementTo(element, element.scrollHeight);
  }, [lastKey]);

  /** Call just before rows are added above. */
  const keepPlace = useCallback(() => {
    const element = scroller.current;
    if (element) placeFromEnd.current = element.scrollHeight - element.scrollTop;
  }, []);

  /**
   * Open at the first unread row of a long backlog: it comes into view, and what is
   * below it counts as not yet seen (the "back to the latest" button counts it).
   */
  const revealUnread = useCallback(
    (index: number) => {
      stuck.current = false;
      setAtBottom(false);
      setSeenKey(index > 0 ? keys[index - 1] : BEFORE_ALL);
      virtualizer.scrollToIndex(index, { align: 'start' });
    },
    [virtualizer, keys],
  );

  /** Bring a row into the middle of the view, and stay there (not at the end). */
  const revealIndex = useCallback(
    (index: number) => {
      stuck.current = false;
      setAtBottom(false);
      virtualizer.scrollToIndex(index, { align: 'center' });
    },
    [virtualizer],
  );

  return {
    scroller,
    virtualizer,
    totalSize,
    onScroll,
    jumpToBottom,
    keepPlace,
    revealIndex,
    revealUnread,
    /** The reader is away from the end (scrolled up): offer a way back. */
    awayFromEnd: !atBottom,
    hasUnseen: !atBottom && lastKey !== seenKey,
    /** Rows that came below while the reader was away from the end. */
    unseenCount: atBottom ? 0 : rowsAfter(keys, seenKey),
    /** The reader scrolled to the start (or nothing scrolls): time to offer older rows. */
    atTop: atTop || totalSize === 0,
  };
}
