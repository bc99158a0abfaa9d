import { useState } from 'react';
import type { MessageDTO } from '../../src-shared/contract';
import { useAppStoreApi } from '../store/store-context';

/**
 * The first message that was unread when the window opened, for the "first unread"
 * marker: the conversation's unread count is read once, before the window marks it
 * read, and counted back over the received messages once they are loaded.
 */
export function useFirstUnread(
  conversationId: string,
  ids: readonly string[],
  byId: ReadonlyMap<string, MessageDTO>,
): string | undefined {
  const store = useAppStoreApi();
  const [unreadAtOpen] = useState(
    () => store.getState().conversations.get(conversationId)?.unread ?? 0,
  );
  const [found, setFound] = useState<{ id: string | undefined } | null>(
    unreadAtOpen > 0 ? null : { id: undefined },
  );
  // Worked out once, as soon as the messages are there; later arrivals are not backlog.
  if (found === null && ids.length > 0) setFound({ id: firstUnread(ids, byId, unreadAtOpen) });
  return found?.id;
}

/** The `unread`-th received message from the end (the oldest of the unread ones). */
export function firstUnread(
  ids: readonly string[],
  byId: ReadonlyMap<string, MessageDTO>,
  unread: number,
): string | undefined {
  let counted = 0;
  let oldest: string | undefined;
  for (let index = ids.length - 1; index >= 0 && counted < unread; index -= 1) {
    const id = ids[index] as string;
    if (byId.get(id)?.direction !== 'in') continue;
    counted += 1;
    oldest = id;
  }
  return oldest;
}
