import type { ConversationDTO, MessageDTO, TransferDTO } from '../../src-shared/contract';
import { messagePreview, type PreviewWords } from '../format/message-preview';

/**
 * Each peer's last message in one short line, for the contact list. Our own message
 * is marked as ours with `mine`.
 */
export function previewsByPeer(
  conversations: ReadonlyMap<string, ConversationDTO>,
  transfers: ReadonlyMap<string, TransferDTO>,
  words: PreviewWords,
  mine: (text: string) => string,
): ReadonlyMap<string, string> {
  const latest = new Map<string, MessageDTO>();
  for (const { peerId, lastMessage } of conversations.values()) {
    if (!lastMessage) continue;
    const known = latest.get(peerId);
    if (!known || lastMessage.at > known.at) latest.set(peerId, lastMessage);
  }
  const previews = new Map<string, string>();
  for (const [peerId, message] of latest) {
    const transfer =
      message.transferId === undefined ? undefined : transfers.get(message.transferId);
    const line = messagePreview(message, transfer, words);
    if (line !== '') previews.set(peerId, message.direction === 'out' ? mine(line) : line);
  }
  return previews;
}
