// What Pigeon accepts as an avatar, from the user or a peer: one PNG, JPEG, GIF or WebP
// (known by its first bytes, never by a name or a claimed type), at most 32 KiB and at
// most 256 px a side as its header says. Nothing else is kept or drawn.
import { createHash } from 'node:crypto';

export const MAX_AVATAR_BYTES = 32 * 1024;
export const MAX_AVATAR_SIDE = 256;

export type AvatarMimeType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export type AvatarCheck =
  | { ok: true; mimeType: AvatarMimeType; width: number; height: number }
  | { ok: false; reason: string };

/** The short name of a picture: the first 16 hex digits of its SHA-256. */
export function avatarHashOf(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/** Reads the type and size from the header; never decodes the picture. */
export function checkAvatarImage(bytes: Buffer): AvatarCheck {
  if (bytes.length === 0) return { ok: false, reason: 'empty' };
  if (bytes.length > MAX_AVATAR_BYTES) return { ok: false, reason: 'larger than 32 KiB' };
  const found = pngSize(bytes) ?? gifSize(bytes) ?? jpegSize(bytes) ?? webpSize(bytes);
  if (!found) return { ok: false, reason: 'not a PNG, JPEG, GIF or WebP picture' };
  const { width, height } = found;
  if (width < 1 || height < 1) return { ok: false, reason: 'no width or height' };
  if (width > MAX_AVATAR_SIDE || height > MAX_AVATAR_SIDE) {
    return { ok: false, reason: `larger than ${MAX_AVATAR_SIDE}×${MAX_AVATAR_SIDE} pixels` };
  }
  return { ok: true, ...found };
}

interface Found {
  mimeType: AvatarMimeType;
  width: number;
  height: number;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(bytes: Buffer): Found | undefined {
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { mimeType: 'image/png', width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

function gifSize(bytes: Buffer): Found | undefined {
  const head = bytes.toString('latin1', 0, 6);
  if (bytes.length < 10 || (head !== 'GIF87a' && head !== 'GIF89a')) return undefined;
  return { mimeType: 'image/gif', width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
}

/** The first start-of-frame marker's size; markers are walked by their lengths. */
function jpegSize(bytes: Buffer): Found | undefined {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) {
    return undefined;
  }
  let at = 2;
  while (at + 9 <= bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) {
      return {
        mimeType: 'image/jpeg',
        height: bytes.readUInt16BE(at + 5),
        width: bytes.readUInt16BE(at + 7),
      };
    }
    const length = bytes.readUInt16BE(at + 2);
    if (length < 2) return undefined;
    at += 2 + length;
  }
  return undefined;
}

function webpSize(bytes: Buffer): Found | undefined {
  if (bytes.length < 30) return undefined;
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WEBP') {
    return undefined;
  }
  const chunk = bytes.toString('latin1', 12, 16);
  if (chunk === 'VP8 ') {
    return {
      mimeType: 'image/webp',
      width: bytes.readUInt16LE(26) & 0x3fff,
      height: bytes.readUInt16LE(28) & 0x3fff,
    };
  }
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21);
    return {
      mimeType: 'image/webp',
      width: (bits & 0x3fff) + 1,
      height: ((bits >>> 14) & 0x3fff) + 1,
    };
  }
  if (chunk === 'VP8X') {
    return {
      mimeType: 'image/webp',
      width: bytes.readUIntLE(24, 3) + 1,
      height: bytes.readUIntLE(27, 3) + 1,
    };
  }
  return undefined;
}
