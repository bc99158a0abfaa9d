// A peer may keep only so many offers waiting or moving toward us at once: each is held in
// memory and may be fetched. Past the cap an offer is refused where the user sees it: its
// message is kept, its transfer ends failed with the reason, and nothing is fetched.
import type { TransferRecord } from '../../store/records/transfer-record';

export const MAX_OPEN_OFFERS_PER_PEER = 20;

/** Refuses `record` in place when its sender has `open` offers at the cap; true if so. */
export function refuseOverCap(record: TransferRecord, open: number, peerName: string): boolean {
  if (open < MAX_OPEN_OFFERS_PER_PEER) return false;
  record.state = 'failed';
  record.image = false;
  record.retryable = false;
  record.error =
    `${MAX_OPEN_OFFERS_PER_PEER} offers from ${peerName} are already waiting or being ` +
    'received, so this one was not taken.';
  return true;
}
