import type { PictureType } from '../../src-shared/contract';

/** The first bytes every file of each picture type starts with. */
const SIGNATURES: Record<PictureType, (bytes: Uint8Array) => boolean> = {
  'image/png': (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (b) => startsWith(b, [0xff, 0xd8, 0xff]),
  'image/gif': (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')),
  // RIFF, four bytes of size, then WEBP.
  'image/webp': (b) => startsWith(b, ascii('RIFF')) && startsWith(b.subarray(8), ascii('WEBP')),
};

const EXTENSIONS: Record<PictureType, readonly string[]> = {
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg', '.jfif'],
  'image/gif': ['.gif'],
  'image/webp': ['.webp'],
};

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

/**
 * True when the bytes really are a picture of that type: the renderer says what it
 * pastes, and a window is not trusted to say it truthfully.
 */
export function isPictureOf(mimeType: PictureType, bytes: Uint8Array): boolean {
  return SIGNATURES[mimeType](bytes);
}

/**
 * The name to save a picture under: its own, with the type's extension added when it
 * has another one, so whoever receives it can open it.
 */
export function pictureFileName(name: string, mimeType: PictureType): string {
  const extensions = EXTENSIONS[mimeType];
  const lower = name.toLowerCase();
  if (extensions.some((extension) => lower.endsWith(extension))) return name;
  return `${name}${extensions[0] ?? ''}`;
}
