// What one Pigeon tells another about offered items, in attachment extensions
// (`key=value` after attr). IP Messenger reads only the keys it knows (0x1–0x40) and
// iptux reads none, so keys in a range no client uses ("PG", 0x5047xxxx) travel safely;
// Pigeon still sends them only to Pigeons, so other clients see the plain list.
import type { Attachment, AttachmentExtension } from '../ipmsg';
import { parseHexNumber } from '../ipmsg';
import { parsePublicKey } from './sealing/transfer-keys';

export const PigeonKey = {
  /** SHA-256 of a file, 64 hex digits: checked after download. */
  SHA256: 0x50470001,
  /** The offer is a picture to show inline ('1'). */
  IMAGE: 0x50470002,
  /** Content bytes of a folder (hex), so the receiver can show progress. */
  CONTENT_BYTES: 0x50470003,
  /** The item is served sealed: the sender's X25519 public key for it (base64url). */
  TRANSFER_KEY: 0x50470004,
  /**
   * A sealed file whose sender checks, as it sends, that the file is still the one it hashed
   * ('1'), and withdraws it otherwise: the receiver need not hash it again. Older Pigeons
   * ignore the key and hash as before.
   */
  SENDER_CHECKS: 0x50470005,
} as const;

export interface PigeonItemInfo {
  sha256?: string;
  image?: boolean;
  contentBytes?: number;
  transferKey?: string;
  senderChecks?: boolean;
}

export function pigeonExtensions(info: PigeonItemInfo): AttachmentExtension[] {
  const out: AttachmentExtension[] = [];
  if (info.sha256 !== undefined) out.push({ key: PigeonKey.SHA256, value: info.sha256 });
  if (info.image) out.push({ key: PigeonKey.IMAGE, value: '1' });
  if (info.contentBytes !== undefined) {
    out.push({ key: PigeonKey.CONTENT_BYTES, value: info.contentBytes.toString(16) });
  }
  if (info.transferKey !== undefined) {
    out.push({ key: PigeonKey.TRANSFER_KEY, value: info.transferKey });
  }
  if (info.senderChecks) out.push({ key: PigeonKey.SENDER_CHECKS, value: '1' });
  return out;
}

/** Reads the Pigeon keys of a (hostile) attachment; anything malformed is left out. */
export function readPigeonExtensions(attachment: Pick<Attachment, 'extensions'>): PigeonItemInfo {
  const info: PigeonItemInfo = {};
  for (const { key, value } of attachment.extensions ?? []) {
    if (key === PigeonKey.SHA256 && /^[0-9a-f]{64}$/i.test(value)) {
      info.sha256 = value.toLowerCase();
    } else if (key === PigeonKey.IMAGE && value === '1') info.image = true;
    else if (key === PigeonKey.CONTENT_BYTES) {
      const bytes = parseHexNumber(value);
      if (bytes !== undefined) info.contentBytes = bytes;
    } else if (key === PigeonKey.TRANSFER_KEY) {
      const transferKey = parsePublicKey(value);
      if (transferKey !== undefined) info.transferKey = transferKey;
    } else if (key === PigeonKey.SENDER_CHECKS && value === '1') info.senderChecks = true;
  }
  return info;
}
