import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, type RefObject } from 'react';

/**
 * The scroller's size; before it is laid out (zero tall) a window's height of rows
 * is drawn rather than none, so the list is never blank while layout catches up.
 */
function observeRectOrWindow(
  instance: Virtualizer<HTMLElement, Element>,
  onRect: (rect: { width: number; height: number }) => void,
) {
  return observeElementRect(instance, (rect) =>
    onRect(rect.height > 0 ? rect : { width: rect.width, height: window.innerHeight }),
  );
}

/**
 * A virtualiser for a list of fixed-height rows (contacts, recent chats): only the
 * rows in view, plus a few, are in the DOM, so a thousand contacts cost what thirty do.
 */
export function useListVirtualizer(
  scroller: RefObject<HTMLElement | null>,
  count: number,
  keyOf: (index: number) => string,
  sizeOf: (index: number) => number,
) {
  // The virtualiser keeps mutable state of its own; nothing here memoises around it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: sizeOf,
    overscan: 12,
    getItemKey: keyOf,
    observeElementRect: observeRectOrWindow,
  });
  const scrollToIndex = useCallback(
    (index: number) => {
      if (index >= 0) virtualizer.scrollToIndex(index, { align: 'auto' });
    },
    [virtualizer],
  );
  return { virtualizer, scrollToIndex };
}
