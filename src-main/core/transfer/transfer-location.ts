// Where a transfer's files are on this computer: what "Show in folder" opens, and the
// picture a chat shows inline. Both answer only once there is something to show.
import { dirname } from 'node:path';
import { ContractError, type TransferImageDTO } from '../../../src-shared/contract';
import { readImage } from './transfer-images';
import type { TransferRecord } from '../store/records/transfer-record';

/** The received item (or the folder holding several); for an offer we made, what we offered. */
export function transferLocation(record: TransferRecord): string {
  const [first] = record.items;
  if (record.direction === 'out') {
    if (!first?.path) throw new ContractError('failed', 'This transfer has no local file.');
    return record.items.length === 1 ? first.path : dirname(first.path);
  }
  if (record.items.length === 1 && first?.done && first.path) return first.path;
  if (record.directory && record.state !== 'offered') return record.directory;
  throw new ContractError('failed', 'Nothing has been saved for this transfer yet.');
}

/** The picture of an inline-picture transfer, once it is whole on this side. */
export async function transferImage(record: TransferRecord): Promise<TransferImageDTO> {
  if (!record.image) throw new ContractError('invalid-request', 'This transfer is not a picture.');
  const [first] = record.items;
  const ready = record.direction === 'out' || (record.state === 'done' && first?.done);
  if (!first?.path || !ready) throw new ContractError('failed', 'The picture has not arrived yet.');
  return readImage(first.path);
}
