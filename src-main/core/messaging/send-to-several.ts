// 群发: one text to several contacts, as IP Messenger does it: each contact gets its own
// one-to-one copy (marked MULTICASTOPT), kept in its own conversation and delivered,
// retried or queued like any message, so each copy shows its own delivery.
import {
  ContractError,
  isGroupId,
  type MessageDTO,
  type SeveralCopyDTO,
} from '../../../src-shared/contract';

export interface SeveralDeps {
  /** A plain contact (bare text over UDP or TCP): no IPMsg, so no MULTICASTOPT. */
  isPlain: (peerId: string) => boolean;
  sendPlain: (peerId: string, text: string) => MessageDTO[];
  /** A one-to-one copy through the message pipeline, marked as one of several. */
  sendCopy: (peerId: string, text: string) => MessageDTO[];
}

/**
 * One result per contact, in the order asked (a contact named twice gets one copy).
 * A contact that cannot get a copy says why without stopping the others; anything but
 * a refusal (a full disk) stops the whole send, as it would stop a single message.
 */
export function sendToSeveral(
  peerIds: readonly string[],
  text: string,
  deps: SeveralDeps,
): SeveralCopyDTO[] {
  return [...new Set(peerIds)].map((peerId) => {
    try {
      return { peerId, messages: copyFor(peerId, text, deps) };
    } catch (error) {
      if (!(error instanceof ContractError) || error.code !== 'failed') throw error;
      return { peerId, messages: [], error: error.message };
    }
  });
}

function copyFor(peerId: string, text: string, deps: SeveralDeps): MessageDTO[] {
  if (isGroupId(peerId)) {
    throw new ContractError('failed', 'A group gets its messages in its own chat.');
  }
  if (deps.isPlain(peerId)) return deps.sendPlain(peerId, text);
  return deps.sendCopy(peerId, text);
}
