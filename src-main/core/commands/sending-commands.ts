// What the user sends: a message to a chat (a person, a group or a plain program), one copy
// each to several contacts (群发), a broadcast notice, a resend, a recall, a typing notice and
// FeiQ's window shake. Each is refused in plain words when it cannot leave.
import { ContractError, isGroupId, type ParsedRequest } from '../../../src-shared/contract';
import { refuseWhenDiskFull } from '../disk-full-notice';
import { sendToSeveral } from '../messaging/send-to-several';
import type { MessengerCommands } from '../messenger-api';
import { refuseChangedKey, requireRunning, type CommandContext } from './command-context';

type SendingCommand =
  | 'sendMessage'
  | 'sendToSeveral'
  | 'sendBroadcast'
  | 'resendMessage'
  | 'cancelMessage'
  | 'recallMessage'
  | 'setTyping'
  | 'shake';

function requireText(text: string): void {
  if (text.trim().length === 0)
    throw new ContractError('invalid-request', 'An empty message cannot be sent.');
}

export function sendingCommands(context: CommandContext): Pick<MessengerCommands, SendingCommand> {
  const { store, services } = context;
  const peerOf = (conversationId: string) => store.conversations.peerOf(conversationId);
  return {
    sendMessage: ({ conversationId, text, sealed }: ParsedRequest<'sendMessage'>) => {
      requireRunning(context);
      requireText(text);
      if (services.plain.isPlain(conversationId)) return services.plain.send(conversationId, text);
      if (isGroupId(conversationId))
        return refuseWhenDiskFull(() => services.groups.send(conversationId, text));
      refuseChangedKey(context, peerOf(conversationId));
      return refuseWhenDiskFull(() => services.messaging.send(conversationId, text, { sealed }));
    },

    // 群发, one copy per contact: see messaging/send-to-several.ts
    sendToSeveral: ({ peerIds, text }: ParsedRequest<'sendToSeveral'>) => {
      requireRunning(context);
      requireText(text);
      return refuseWhenDiskFull(() =>
        sendToSeveral(peerIds, text, {
          isPlain: (peerId) => services.plain.isPlain(peerId),
          sendPlain: (peerId, copy) => services.plain.send(peerId, copy),
          sendCopy: (peerId, copy) => {
            refuseChangedKey(context, peerId);
            return services.messaging.send(peerId, copy, { multicast: true });
          },
        }),
      );
    },

    // A broadcast notice to everyone online: groups/groups.ts
    sendBroadcast: ({ text }: ParsedRequest<'sendBroadcast'>) => {
      requireRunning(context);
      requireText(text);
      return refuseWhenDiskFull(() => services.groups.startBroadcast(text));
    },

    resendMessage: ({ messageId }: ParsedRequest<'resendMessage'>) => {
      requireRunning(context);
      if (services.plain.ownsMessage(messageId)) return services.plain.resend(messageId);
      const offer = store.messages.get(messageId);
      if (offer) refuseChangedKey(context, peerOf(offer.conversationId));
      // An offer that was not confirmed is offered again, files and all.
      if (offer?.transferId && offer.direction === 'out') {
        services.transfers.retry(offer.transferId);
        return store.messages.get(messageId) ?? offer;
      }
      return refuseWhenDiskFull(() => services.messaging.resend(messageId));
    },

    cancelMessage: ({ messageId }: ParsedRequest<'cancelMessage'>) =>
      services.plain.ownsMessage(messageId)
        ? services.plain.cancel(messageId)
        : services.messaging.cancel(messageId),

    // Recall: messaging/recall.ts
    recallMessage: ({ messageId }: ParsedRequest<'recallMessage'>) => {
      requireRunning(context);
      return services.recalls.recall(messageId);
    },

    setTyping: ({ conversationId, typing }: ParsedRequest<'setTyping'>) => {
      const peer = context.directory.get(peerOf(conversationId));
      if (peer && context.isRunning()) services.courtesy.sendTyping(peer, typing);
      return { ok: true as const };
    },

    // FeiQ's window shake: shakes/shakes.ts
    shake: ({ peerId }: ParsedRequest<'shake'>) => {
      requireRunning(context);
      return services.shakes.send(peerId);
    },
  };
}
