// A transfer as Pigeon keeps it: the DTO the windows see plus what only the core needs
// (the peer, the offer's packet number, each item's wire id, local paths and checksum).
import type {
  MessageDirection,
  TransferDTO,
  TransferItemKind,
  TransferState,
} from '../../../../src-shared/contract';

export interface TransferItemRecord {
  name: string;
  /** Bytes as offered on the wire (0 for a folder). */
  size: number;
  kind: TransferItemKind;
  /** The item's fileID in the offer. */
  fileId: number;
  /** Seconds since the epoch, as offered. */
  mtime: number;
  /** Content bytes of a folder, when known (sender: walked; receiver: from a Pigeon). */
  contentBytes?: number;
  /** SHA-256 (hex) of a file, offered between Pigeons. */
  sha256?: string;
  /** Out: the file's stamp when hashed (file-stamp.ts); in memory only, never stored. */
  stamp?: string;
  /** In: a sealed item whose sender checks it is unchanged while sending: not hashed here. */
  checkedBySender?: boolean;
  /** In: the sender's public key of a sealed item (between Pigeons): fetched sealed only. */
  transferKey?: string;
  /** Out: the local file or folder offered. In: where it was saved, once complete. */
  path?: string;
  /** In: the item has been received completely. */
  done?: boolean;
  /** In: a partial file kept after a failure, to resume from (between Pigeons). */
  partial?: string;
}

export interface TransferRecord {
  id: string;
  conversationId: string;
  messageId: string;
  peerId: string;
  direction: MessageDirection;
  /** The packet number of the SENDMSG that carried the offer. */
  packetNo: number;
  items: TransferItemRecord[];
  state: TransferState;
  image: boolean;
  /** The offer carried UTF8OPT (names inside folders are then asked for in UTF-8). */
  utf8: boolean;
  totalBytes: number;
  bytesDone: number;
  bytesPerSecond: number;
  secondsLeft?: number;
  directory?: string;
  error?: string;
  retryable: boolean;
  at: number;
}

export const FINAL_STATES: ReadonlySet<TransferState> = new Set([
  'done',
  'failed',
  'cancelled',
  'declined',
]);

/** Offered or moving: a previous run that ended here was interrupted. */
export const isUnfinished = (state: TransferState): boolean =>
  state === 'offered' || state === 'active';

/** Content bytes of an item: a file's size, a folder's known content. */
export const itemBytes = (item: TransferItemRecord): number =>
  item.kind === 'file' ? item.size : (item.contentBytes ?? 0);

export const totalOf = (items: readonly TransferItemRecord[]): number =>
  items.reduce((sum, item) => sum + itemBytes(item), 0);

/** What crosses to the windows: no local paths but the chosen folder. */
export function toTransferDTO(record: TransferRecord): TransferDTO {
  const dto: TransferDTO = {
    id: record.id,
    conversationId: record.conversationId,
    messageId: record.messageId,
    direction: record.direction,
    items: record.items.map((item) => ({ name: item.name, size: item.size, kind: item.kind })),
    state: record.state,
    totalBytes: Math.max(record.totalBytes, record.bytesDone),
    bytesDone: record.bytesDone,
    bytesPerSecond: record.state === 'active' ? record.bytesPerSecond : 0,
    image: record.image,
    retryable: record.retryable,
    at: record.at,
  };
  if (record.state === 'active' && record.secondsLeft !== undefined) {
    dto.secondsLeft = record.secondsLeft;
  }
  if (record.directory !== undefined) dto.directory = record.directory;
  if (record.error !== undefined) dto.error = record.error;
  return dto;
}
