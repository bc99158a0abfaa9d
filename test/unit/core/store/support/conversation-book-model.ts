import type { ConversationDTO, MessageDTO } from '../../../../../src-shared/contract';

/** One-to-one conversations, keyed by the peer's id; unread counts and last message. */
export class ConversationBook {
  private readonly conversations = new Map<string, ConversationDTO>();

  get(id: string): ConversationDTO | undefined {
    return this.conversations.get(id);
  }

  all(): ConversationDTO[] {
    return [...this.conversations.values()];
  }

  ensure(peerId: string): ConversationDTO {
    let conversation = this.conversations.get(peerId);
    if (!conversation) {
      conversation = { id: peerId, peerId, unread: 0 };
      this.conversations.set(peerId, conversation);
    }
    return conversation;
  }

  /** A message was added or changed; returns the conversation as it now is. */
  noteMessage(message: MessageDTO, isNew: boolean): ConversationDTO {
    const conversation = this.ensure(message.conversationId);
    const last = conversation.lastMessage;
    if (!last || last.id === message.id || message.at >= last.at)
      conversation.lastMessage = message;
    if (isNew && message.direction === 'in') conversation.unread += 1;
    return { ...conversation };
  }

  markRead(id: string): ConversationDTO {
    const conversation = this.ensure(id);
    conversation.unread = 0;
    return { ...conversation };
  }
}
