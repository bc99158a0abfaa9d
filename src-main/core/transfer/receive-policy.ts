import type { NetworkSettingsDTO } from '../../../src-shared/contract';
import type { TransferRecord } from '../store/records/transfer-record';

export type ReceivePolicy = Pick<NetworkSettingsDTO, 'receiveFiles' | 'autoAcceptMaxMB'>;

const MB = 1024 * 1024;

/**
 * Whether an offer may be taken without asking: the user allowed it, it comes from a
 * known contact, holds files only (a folder's size is unknown until fetched) and fits
 * the limit. Pictures are fetched by themselves anyway.
 */
export function acceptsWithoutAsking(
  record: TransferRecord,
  policy: ReceivePolicy,
  fromContact: boolean,
): boolean {
  if (policy.receiveFiles !== 'accept-from-contacts' || !fromContact) return false;
  if (record.image || record.direction !== 'in' || record.state !== 'offered') return false;
  if (record.items.length === 0 || record.items.some((item) => item.kind !== 'file')) return false;
  const limit = (policy.autoAcceptMaxMB ?? 0) * MB;
  return record.totalBytes <= limit;
}
