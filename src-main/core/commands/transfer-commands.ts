// Files: offering them to a contact and the user's answers to offers (transfer/transfers.ts).
import { ContractError, type ParsedRequest, type TransferDTO } from '../../../src-shared/contract';
import type { MessengerCore } from '../messenger-api';
import { refuseChangedKey, requireRunning, type CommandContext } from './command-context';

type TransferCommand =
  | 'offerFiles'
  | 'listTransfers'
  | 'acceptTransfer'
  | 'declineTransfer'
  | 'cancelTransfer'
  | 'retryTransfer'
  | 'transferLocation'
  | 'getTransferImage';

export function transferCommands(context: CommandContext): Pick<MessengerCore, TransferCommand> {
  const { transfers } = context.services;
  return {
    offerFiles: (request: ParsedRequest<'offerFiles'>): Promise<TransferDTO> => {
      try {
        requireRunning(context);
        const peer = context.directory.get(
          context.store.conversations.peerOf(request.conversationId),
        );
        if (!peer) throw new ContractError('failed', 'This contact is unknown.');
        refuseChangedKey(context, peer.id);
        const { conversationId, paths, image } = request;
        return transfers.offer(conversationId, peer, paths, image === true);
      } catch (error) {
        return Promise.reject(error as Error);
      }
    },
    listTransfers: ({ conversationId }: ParsedRequest<'listTransfers'>) =>
      transfers.list(conversationId),
    acceptTransfer: ({ transferId, directory }: ParsedRequest<'acceptTransfer'>) =>
      transfers.accept(transferId, directory),
    declineTransfer: ({ transferId }: ParsedRequest<'declineTransfer'>) =>
      transfers.decline(transferId),
    cancelTransfer: ({ transferId }: ParsedRequest<'cancelTransfer'>) =>
      transfers.cancel(transferId),
    retryTransfer: ({ transferId }: ParsedRequest<'retryTransfer'>) => transfers.retry(transferId),
    transferLocation: (transferId: string) => transfers.location(transferId),
    getTransferImage: ({ transferId }: ParsedRequest<'getTransferImage'>) =>
      transfers.image(transferId),
  };
}
