import type { ConversationDTO } from '../../src-shared/contract';

/**
 * Conversations whose unread count rose with a message from the peer between two
 * states of the store: the news that deserves a sound or a notification.
 */
export function newlyUnread(
  before: ReadonlyMap<string, ConversationDTO>,
  after: ReadonlyMap<string, ConversationDTO>,
): ConversationDTO[] {
  if (before === after) return [];
  const news: ConversationDTO[] = [];
  for (const [id, conversation] of after) {
    const was = before.get(id)?.unread ?? 0;
    const last = conversation.lastMessage;
    // A group's own news (who joined, a new name) is shown, never rung.
    if (conversation.unread > was && last?.direction === 'in' && last.state !== 'notice') {
      news.push(conversation);
    }
  }
  return news;
}
