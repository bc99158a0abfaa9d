import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';

export interface RovingListOptions {
  /** The focusable items' ids, in the order they are shown. */
  order: readonly string[];
  /** Bring an item's row into the drawn range (a virtualised list draws only some). */
  reveal(id: string): void;
  onOpen(id: string): void;
  /** Shift+F10 or the ContextMenu key: the item's menu, placed by the item. */
  onMenu(id: string, element: HTMLElement): void;
  /** Which item is in the tab order before any was focused: a chat log starts at its end. */
  start?: 'first' | 'last';
}

/**
 * One item of a list in the tab order (roving tabindex); arrows, Home, End and Page
 * keys move, Enter opens. Works with a virtualised list: an item that is not drawn
 * yet is scrolled to and focused as soon as it mounts.
 */
export function useRovingList({ order, reveal, onOpen, onMenu, start }: RovingListOptions) {
  const [activeId, setActiveId] = useState<string | null>(null);
  const items = useRef(new Map<string, HTMLElement>());
  const pendingFocus = useRef<string | null>(null);
  const positions = useMemo(() => new Map(order.map((id, index) => [id, index])), [order]);
  const fallback = start === 'last' ? order[order.length - 1] : order[0];
  const currentId = activeId !== null && positions.has(activeId) ? activeId : fallback;

  const register = useCallback((id: string, element: HTMLElement | null) => {
    if (!element) {
      items.current.delete(id);
      return;
    }
    items.current.set(id, element);
    if (pendingFocus.current === id) {
      pendingFocus.current = null;
      element.focus();
    }
  }, []);

  const focusItem = useCallback(
    (id: string | undefined) => {
      if (id === undefined) return;
      setActiveId(id);
      const element = items.current.get(id);
      if (element) {
        reveal(id);
        element.focus();
      } else {
        pendingFocus.current = id;
        reveal(id);
      }
    },
    [reveal],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    const id = (event.target as HTMLElement).dataset.itemId;
    if (id === undefined) return;
    const index = positions.get(id) ?? 0;
    const last = order.length - 1;
    const moves: Record<string, number | undefined> = {
      ArrowDown: Math.min(index + 1, last),
      ArrowUp: Math.max(index - 1, 0),
      Home: 0,
      End: last,
      PageDown: Math.min(index + 10, last),
      PageUp: Math.max(index - 10, 0),
    };
    if (event.key === 'Enter') {
      event.preventDefault();
      onOpen(id);
    } else if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault();
      onMenu(id, event.target as HTMLElement);
    } else if (moves[event.key] !== undefined) {
      event.preventDefault();
      focusItem(order[moves[event.key] as number]);
    }
  };

  return { currentId, register, focusItem, setActiveId, onKeyDown };
}
