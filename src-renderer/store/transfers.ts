import type { TransferDTO } from '../../src-shared/contract';

/**
 * Insert or replace transfers, copying the map once per call (progress comes in
 * bursts). An older report never replaces a newer one: an ended transfer stays ended
 * even if a late progress report for it arrives after.
 */
export function upsertTransfers(
  transfers: ReadonlyMap<string, TransferDTO>,
  list: readonly TransferDTO[],
): ReadonlyMap<string, TransferDTO> {
  if (list.length === 0) return transfers;
  const next = new Map(transfers);
  for (const transfer of list) {
    const previous = next.get(transfer.id);
    if (previous && isStaleReport(previous, transfer)) continue;
    next.set(transfer.id, transfer);
  }
  return next;
}

const ENDED = new Set<TransferDTO['state']>(['done', 'cancelled', 'declined']);

/** Progress of a transfer that has since ended (an answer racing its own event). */
function isStaleReport(previous: TransferDTO, next: TransferDTO): boolean {
  return ENDED.has(previous.state) && next.state === 'active';
}
