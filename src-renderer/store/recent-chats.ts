import type { ConversationDTO } from '../../src-shared/contract';

/**
 * The recent chats, as QQ lists them: pinned ones first, then newest first. A
 * conversation with nothing in it yet is not a recent chat unless the user pinned it.
 */
export function recentChats(conversations: Iterable<ConversationDTO>): ConversationDTO[] {
  const chats: ConversationDTO[] = [];
  for (const conversation of conversations) {
    if (conversation.lastMessage || conversation.pinned || conversation.unread > 0)
      chats.push(conversation);
  }
  return chats.sort(
    (a, b) =>
      Number(b.pinned === true) - Number(a.pinned === true) ||
      (b.lastMessage?.at ?? 0) - (a.lastMessage?.at ?? 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Every unread message, for the tab, the window title and the tray. */
export function totalUnread(conversations: Iterable<ConversationDTO>): number {
  let total = 0;
  for (const conversation of conversations) total += Math.max(0, conversation.unread);
  return total;
}
