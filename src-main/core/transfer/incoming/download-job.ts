// Fetching an accepted offer: every item in turn (files by GETFILEDATA, folders by
// GETDIRFILES) into one folder, skipping items already complete, resuming a kept partial
// file. The record's items are updated as they finish, so a retry continues where this
// attempt stopped.
import { mkdir } from 'node:fs/promises';
import type { LegacyEncoding } from '../../ipmsg';
import { downloadFile, removePartial } from './file-client';
import type { RequesterIdentity } from '../file-request';
import type { TransferKeyBinding } from '../sealing/transfer-keys';
import { downloadFolder } from './folder-client';
import { TransferError, asTransferError } from '../transfer-error';
import {
  itemBytes,
  type TransferItemRecord,
  type TransferRecord,
} from '../../store/records/transfer-record';

export interface DownloadJobOptions {
  record: TransferRecord;
  /** Where the offer came from. */
  peer: { address: string; port: number };
  /** Pigeon peers resume; others (iptux) always send from the start. */
  canResume: boolean;
  fileAttachOpt: boolean;
  directory: string;
  requester: RequesterIdentity;
  localAddress?: string;
  legacy: LegacyEncoding;
  signal: AbortSignal;
  /** Cumulative bytes of the whole transfer, per chunk: throttle it. */
  onProgress: (bytesDone: number) => void;
  /** An item finished: worth keeping on disk. */
  onItemDone: () => void;
  /** A partial file was opened (its path is in the item): worth keeping on disk too. */
  onPartial?: () => void;
  idleTimeoutMs?: number;
  /** Identity keys, when there are: sealed requests are signed. */
  binding?: TransferKeyBinding;
}

/** A failure, with the item it happened to. */
export class ItemError extends TransferError {
  constructor(
    readonly item: TransferItemRecord,
    cause: TransferError,
  ) {
    super(cause.code, cause.message, cause.partialPath, { cause });
    this.name = 'ItemError';
  }
}

/** Bytes of the items already complete. */
export function completedBytes(items: readonly TransferItemRecord[]): number {
  return items.reduce((sum, item) => sum + (item.done ? itemBytes(item) : 0), 0);
}

async function fetchItem(
  item: TransferItemRecord,
  base: number,
  opts: DownloadJobOptions,
): Promise<void> {
  const common = {
    host: opts.peer.address,
    port: opts.peer.port,
    ...(opts.localAddress ? { localAddress: opts.localAddress } : {}),
    packetNo: opts.record.packetNo,
    fileId: item.fileId,
    name: item.name,
    downloadDir: opts.directory,
    requester: opts.requester,
    utf8: opts.record.utf8,
    fileAttachOpt: opts.fileAttachOpt,
    signal: opts.signal,
    ...(opts.idleTimeoutMs ? { idleTimeoutMs: opts.idleTimeoutMs } : {}),
    onProgress: (bytes: number) => opts.onProgress(base + bytes),
    ...(item.transferKey !== undefined ? { offerKey: item.transferKey } : {}),
    ...(opts.binding ? { binding: opts.binding } : {}),
  };
  if (item.kind === 'file') {
    const partial = item.partial;
    delete item.partial;
    // What cannot be resumed is fetched from zero: the earlier partial file goes first.
    if (partial && !opts.canResume) await removePartial(partial, opts.directory);
    const result = await downloadFile({
      ...common,
      size: item.size,
      ...(item.mtime ? { mtime: item.mtime } : {}),
      ...(partial && opts.canResume ? { resumeFrom: partial } : {}),
      keepPartialOnFailure: opts.canResume,
      ...(item.sha256 && !sealedAndChecked(item) ? { expectedSha256: item.sha256 } : {}),
      onPartial: (path) => {
        item.partial = path;
        opts.onPartial?.();
      },
    });
    delete item.partial;
    item.path = result.path;
  } else {
    const result = await downloadFolder({ ...common, legacyEncoding: opts.legacy });
    item.path = result.path;
    item.contentBytes = result.bytes;
  }
  item.done = true;
}

/**
 * Sealed, from a sender that checks the file is unchanged while it sends: every record is
 * authenticated, the final one vouches for the whole, so hashing the file again would only
 * cost time (0.8 CPU s/GiB). Anything else keeps the offer's SHA-256 check.
 */
export function sealedAndChecked(item: TransferItemRecord): boolean {
  return item.transferKey !== undefined && item.checkedBySender === true;
}

/** Runs the job; rejects with an ItemError (or a TransferError for the folder itself). */
export async function runDownload(opts: DownloadJobOptions): Promise<void> {
  try {
    await mkdir(opts.directory, { recursive: true });
  } catch (error) {
    throw new TransferError(
      'io',
      `The folder ${opts.directory} cannot be created: ${(error as Error).message}`,
    );
  }
  for (const item of opts.record.items) {
    if (item.done) continue;
    if (opts.signal.aborted) throw new TransferError('aborted', 'The transfer was cancelled');
    try {
      await fetchItem(item, completedBytes(opts.record.items), opts);
    } catch (error) {
      const failure = asTransferError(error, 'io');
      if (failure.partialPath) item.partial = failure.partialPath;
      else delete item.partial;
      throw new ItemError(item, failure);
    }
    opts.onItemDone();
  }
}

/** A failure in words for the user, naming the item. */
export function describeFailure(error: unknown, peerName: string): string {
  const failure = asTransferError(error, 'io');
  const name = error instanceof ItemError ? `"${error.item.name}"` : 'The transfer';
  switch (failure.code) {
    case 'connect':
      return `${name}: could not connect to ${peerName} (${failure.message}).`;
    case 'refused':
      return `${name}: ${peerName} sent nothing — the offer may have been withdrawn or expired.`;
    case 'timeout':
      return `${name}: ${peerName} stopped sending.`;
    case 'short':
      return `${name}: the connection to ${peerName} broke off. ${failure.message}.`;
    case 'checksum':
      return `${name}: the received file differs from the one offered, so it was removed.`;
    case 'changed':
      return `${name}: the file changed on ${peerName}'s computer after it was offered, so it was not saved.`;
    case 'protocol':
      return `${name}: ${peerName} sent a folder Pigeon cannot read (${failure.message}).`;
    default:
      return `${name} could not be saved: ${failure.message}`;
  }
}
