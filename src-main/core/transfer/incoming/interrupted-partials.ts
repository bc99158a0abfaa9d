// At start, what a previous run left moving is failed ("Interrupted"). A partial file that
// another Pigeon can continue is kept for a retry; any other (a picture, a file from a
// client that always sends from zero) is removed now, since a retry starts over anyway.
import type { TransferRecord } from '../../store/records/transfer-record';
import { removePartial } from './file-client';

export function removeUnresumablePartials(
  interrupted: readonly TransferRecord[],
  canResume: (record: TransferRecord) => boolean,
  save: (record: TransferRecord) => void,
): void {
  for (const record of interrupted) {
    if (record.direction !== 'in' || canResume(record) || record.directory === undefined) continue;
    const partials = record.items.flatMap((item) => (item.partial ? [item.partial] : []));
    if (partials.length === 0) continue;
    for (const item of record.items) delete item.partial;
    save(record);
    const directory = record.directory;
    for (const path of partials) void removePartial(path, directory).catch(() => undefined);
  }
}
