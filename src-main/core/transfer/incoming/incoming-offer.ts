// A peer's SENDMSG|FILEATTACHOPT as a transfer waiting for the user. The list is hostile:
// unreadable entries, repeated ids and kinds Pigeon cannot fetch (links, devices, inline
// clipboard pictures) are counted and left out; an offer with nothing usable is no offer.
import { randomUUID } from 'node:crypto';
import { attachmentKind, decodeAttachments, type LegacyEncoding } from '../../ipmsg';
import { readPigeonExtensions } from '../pigeon-extensions';
import { imageMimeType, MAX_IMAGE_BYTES } from '../transfer-images';
import {
  totalOf,
  type TransferItemRecord,
  type TransferRecord,
} from '../../store/records/transfer-record';

/** More items than any real offer; the rest are ignored. */
export const MAX_OFFERED_ITEMS = 1000;

export interface IncomingOffer {
  conversationId: string;
  messageId: string;
  peerId: string;
  packetNo: number;
  /** The raw list after the text's NUL. */
  attachments: Buffer;
  utf8: boolean;
  legacy: LegacyEncoding;
  fromPigeon: boolean;
  at: number;
}

export interface ParsedOffer {
  record?: TransferRecord;
  /** Entries left out. */
  ignored: number;
}

export function parseIncomingOffer(offer: IncomingOffer): ParsedOffer {
  const decoded = decodeAttachments(offer.attachments, {
    utf8Flag: offer.utf8,
    legacy: offer.legacy,
  });
  let ignored = decoded.malformed;
  const items: TransferItemRecord[] = [];
  let image = false;
  for (const attachment of decoded.attachments) {
    const kind = attachmentKind(attachment);
    if ((kind !== 'file' && kind !== 'directory') || items.length >= MAX_OFFERED_ITEMS) {
      ignored++;
      continue;
    }
    const item: TransferItemRecord = {
      name: attachment.name,
      size: kind === 'file' ? attachment.size : 0,
      kind,
      fileId: attachment.fileId,
      mtime: attachment.mtime,
    };
    if (offer.fromPigeon) {
      const info = readPigeonExtensions(attachment);
      if (info.sha256 !== undefined && kind === 'file') item.sha256 = info.sha256;
      if (info.contentBytes !== undefined && kind === 'directory') {
        item.contentBytes = info.contentBytes;
      }
      if (info.transferKey !== undefined) item.transferKey = info.transferKey;
      if (info.senderChecks && info.transferKey !== undefined && kind === 'file') {
        item.checkedBySender = true;
      }
      if (info.image) image = true;
    }
    items.push(item);
  }
  if (items.length === 0) return { ignored };
  // Only a single picture Pigeon can show, within the inline limit, is fetched unasked;
  // anything else marked so (by anyone on the LAN) is an ordinary offer to accept or not.
  const [first] = items;
  const isImage =
    image &&
    items.length === 1 &&
    first?.kind === 'file' &&
    first.size <= MAX_IMAGE_BYTES &&
    imageMimeType(first.name) !== undefined;
  return {
    ignored,
    record: {
      id: randomUUID(),
      conversationId: offer.conversationId,
      messageId: offer.messageId,
      peerId: offer.peerId,
      direction: 'in',
      packetNo: offer.packetNo,
      items,
      state: 'offered',
      image: isImage,
      utf8: offer.utf8,
      totalBytes: totalOf(items),
      bytesDone: 0,
      bytesPerSecond: 0,
      retryable: false,
      at: offer.at,
    },
  };
}
