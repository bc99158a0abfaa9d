// Conversations and what they hold: a page of history, unread and pinned marks, remarks,
// deleting a message, full-text search, export, and opening a chat.
import { ContractError, isGroupId, type ParsedRequest } from '../../../src-shared/contract';
import type { MessengerCore } from '../messenger-api';
import { exportConversation } from '../store/conversation-export';
import { deleteStored } from '../store/message-edits';
import type { CommandContext } from './command-context';

type HistoryCommand =
  | 'listMessages'
  | 'markRead'
  | 'pinConversation'
  | 'setRemark'
  | 'deleteMessage'
  | 'searchMessages'
  | 'exportConversation'
  | 'openConversation';

export function historyCommands(context: CommandContext): Pick<MessengerCore, HistoryCommand> {
  const { store, services, directory, emit } = context;
  return {
    listMessages: (query: ParsedRequest<'listMessages'>) => {
      const { conversationId, ...page } = query;
      const messages = store.messages.list(conversationId, page);
      // Our messages to a Pigeon group say how many members have them.
      return isGroupId(conversationId)
        ? messages.map((message) => services.pigeonGroups.withDelivery(message))
        : messages;
    },

    markRead: ({ conversationId }: ParsedRequest<'markRead'>) => {
      const conversation = store.conversations.markRead(conversationId);
      emit({ type: 'conversation', conversation });
      return conversation;
    },

    pinConversation: ({ conversationId, pinned }: ParsedRequest<'pinConversation'>) => {
      const conversation = store.conversations.setPinned(conversationId, pinned);
      emit({ type: 'conversation', conversation });
      return conversation;
    },

    setRemark: ({ peerId, remark }: ParsedRequest<'setRemark'>) => {
      const saved = store.remarks.set(peerId, remark);
      emit({ type: 'remark', ...saved });
      return saved;
    },

    // Delete: store/message-edits.ts
    deleteMessage: ({ messageId }: ParsedRequest<'deleteMessage'>) => {
      const conversation = deleteStored(store.db, store.conversations, messageId);
      if (conversation) {
        emit({ type: 'message-removed', conversationId: conversation.id, messageId });
        emit({ type: 'conversation', conversation });
      }
      return { ok: true as const };
    },

    searchMessages: (query: ParsedRequest<'searchMessages'>) =>
      store.messages.search(query.query, {
        limit: query.limit,
        conversationId: query.conversationId,
      }),

    exportConversation: ({ conversationId, format }: ParsedRequest<'exportConversation'>) => {
      const peerId = store.conversations.peerOf(conversationId);
      const peer = directory.get(peerId) ?? services.plain.get(peerId);
      const group = services.groups.get(conversationId);
      const names = {
        self: context.self().nickname,
        peer: group?.name || peer?.nickname || conversationId,
        author: (authorId: string) => directory.get(authorId)?.nickname ?? authorId,
      };
      return exportConversation(store.messages, conversationId, format, names);
    },

    openConversation: (peerId: string) => {
      const known = directory.get(peerId) || services.plain.canOpen(peerId);
      if (!known && !services.groups.has(peerId))
        throw new ContractError('failed', 'This contact is unknown.');
      const conversation = store.conversations.ensure(peerId);
      emit({ type: 'conversation', conversation });
      return conversation.id;
    },
  };
}
