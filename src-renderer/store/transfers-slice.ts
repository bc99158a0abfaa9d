import type { TransferDTO } from '../../src-shared/contract';

/** The transfers a window knows, by id and by the message that carries each. */
export interface TransfersState {
  transfers: ReadonlyMap<string, TransferDTO>;
  /** message id → transfer id, so a message finds its card in one look-up. */
  transferByMessage: ReadonlyMap<string, string>;
}

/**
 * Insert or replace transfers, copying each map once per call (progress comes in
 * bursts). An older report never replaces a newer one: an ended transfer stays ended
 * even if a late progress report for it arrives after.
 */
export function upsertTransfers(
  state: TransfersState,
  list: readonly TransferDTO[],
): TransfersState {
  if (list.length === 0) return state;
  const transfers = new Map(state.transfers);
  let transferByMessage: Map<string, string> | undefined;
  for (const transfer of list) {
    const previous = transfers.get(transfer.id);
    if (previous && isStaleReport(previous, transfer)) continue;
    transfers.set(transfer.id, transfer);
    if (state.transferByMessage.get(transfer.messageId) !== transfer.id) {
      transferByMessage ??= new Map(state.transferByMessage);
      transferByMessage.set(transfer.messageId, transfer.id);
    }
  }
  return { transfers, transferByMessage: transferByMessage ?? state.transferByMessage };
}

const ENDED = new Set<TransferDTO['state']>(['done', 'cancelled', 'declined']);

/** Progress of a transfer that has since ended (an answer racing its own event). */
function isStaleReport(previous: TransferDTO, next: TransferDTO): boolean {
  return ENDED.has(previous.state) && next.state === 'active';
}
