// Pictures sent inline: which files count as one, where both sides keep them (the images
// folder, beside history), and reading one back for display.
import { copyFile, readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { ContractError, type TransferImageDTO } from '../../../src-shared/contract';
import { openUnique, safeFileName } from './safe-name';

/** Larger pictures are refused inline: they go as ordinary files. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const MIME_BY_EXTENSION: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

/** The MIME type for a picture's name, or undefined when it is not one Pigeon shows. */
export function imageMimeType(name: string): string | undefined {
  return MIME_BY_EXTENSION[extname(name).toLowerCase()];
}

/** Refuses (ContractError) anything but one PNG/JPEG/GIF/WebP file of at most 20 MB. */
export async function checkImageFile(path: string): Promise<number> {
  if (!imageMimeType(path)) {
    throw new ContractError(
      'invalid-request',
      `"${basename(path)}" is not a picture Pigeon can show (PNG, JPEG, GIF or WebP).`,
    );
  }
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) {
    throw new ContractError('invalid-request', `"${basename(path)}" is not a file.`);
  }
  if (info.size > MAX_IMAGE_BYTES) {
    throw new ContractError(
      'invalid-request',
      `"${basename(path)}" is larger than 20 MB: send it as a file instead.`,
    );
  }
  return info.size;
}

/** Copies a picture into the images folder under a fresh name; returns the copy's path. */
export async function keepImageCopy(source: string, imagesDir: string): Promise<string> {
  const { path, handle } = await openUnique(imagesDir, safeFileName(basename(source)));
  await handle.close();
  await copyFile(source, path);
  return path;
}

/** A stored picture as base64 for display. */
export async function readImage(path: string): Promise<TransferImageDTO> {
  const mimeType = imageMimeType(path);
  if (!mimeType) throw new ContractError('failed', 'This transfer is not a picture.');
  await checkImageFile(path).catch(() => {
    throw new ContractError('failed', 'The picture is missing or too large to show.');
  });
  const bytes = await readFile(path);
  return { mimeType, base64: bytes.toString('base64') };
}
