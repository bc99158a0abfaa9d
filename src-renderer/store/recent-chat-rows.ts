import type { ConversationDTO, PeerDTO, PeerStatus, TransferDTO } from '../../src-shared/contract';
import { isGroupId } from '../../src-shared/contract/group-ids';
import { contactName } from '../format/display-name';
import { messagePreview, type PreviewWords } from '../format/message-preview';
import { recentChats } from './recent-chats';

/** One row of the recent chats, ready to draw. */
export interface RecentChat {
  conversationId: string;
  peerId: string;
  name: string;
  status: PeerStatus | undefined;
  preview: string;
  at: number | undefined;
  unread: number;
  pinned: boolean;
}

/** The rows of the recent chats: who, the latest message in one line, and the counts. */
export function recentChatRows(
  conversations: ReadonlyMap<string, ConversationDTO>,
  peers: ReadonlyMap<string, PeerDTO>,
  remarks: ReadonlyMap<string, string>,
  transfers: ReadonlyMap<string, TransferDTO>,
  words: PreviewWords & { mine(text: string): string },
  /** A group conversation's name (its id says it is one). */
  groupNameOf: (id: string) => string = (id) => id,
): RecentChat[] {
  return recentChats(conversations.values()).map((conversation) => {
    const peer = peers.get(conversation.peerId);
    const message = conversation.lastMessage;
    let preview = '';
    if (message) {
      const transfer =
        message.transferId === undefined ? undefined : transfers.get(message.transferId);
      const line = messagePreview(message, transfer, words);
      preview = line !== '' && message.direction === 'out' ? words.mine(line) : line;
    }
    return {
      conversationId: conversation.id,
      peerId: conversation.peerId,
      name: isGroupId(conversation.id)
        ? groupNameOf(conversation.id)
        : peer
          ? contactName(peer, remarks)
          : remarks.get(conversation.peerId) || conversation.peerId,
      status: peer?.status,
      preview,
      at: message?.at,
      unread: conversation.unread,
      pinned: conversation.pinned === true,
    };
  });
}
