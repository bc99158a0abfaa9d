import {
  MAX_PICTURE_BASE64_CHARS,
  PICTURE_TYPES,
  type PictureType,
} from '../../src-shared/contract/channel-names';
import type { PigeonApi } from '../../src-shared/contract';
import { BridgeError } from './errors';

/** Gives a picture without a file of its own (a pasted one) a local path. */
export type StagePicture = (file: File) => Promise<string>;

/** The largest picture that fits the channel: base64 takes 4 characters per 3 bytes. */
export const MAX_PICTURE_BYTES = Math.floor(MAX_PICTURE_BASE64_CHARS / 4) * 3;

/** True for a picture main can stage: one of the types it checks. */
export function isStageablePicture(file: File): boolean {
  return (PICTURE_TYPES as readonly string[]).includes(file.type);
}

/**
 * Electron: a picture pasted from the clipboard is a File with no path, so main is
 * sent its bytes (stagePicture) and answers where it saved them.
 */
export function pictureStager(api: Pick<PigeonApi, 'stagePicture'>): StagePicture {
  return async (file) => {
    if (file.size === 0)
      throw new BridgeError('empty-picture', `“${file.name}” is an empty picture.`);
    if (file.size > MAX_PICTURE_BYTES)
      throw new BridgeError(
        'picture-too-large',
        `“${file.name}” is too large to paste; send it as a file instead.`,
      );
    const { path } = await api.stagePicture({
      name: plainName(file.name),
      mimeType: file.type as PictureType,
      base64: await readBase64(file),
    });
    return path;
  };
}

/** One file name main accepts: no folders, no control characters, at most 200 characters. */
function plainName(name: string): string {
  const plain = Array.from(name.replace(/[\\/\p{Cc}]/gu, '_').trim())
    .slice(0, 200)
    .join('')
    .trim();
  return plain === '' || /^\.+$/.test(plain) ? 'image' : plain;
}

function readBase64(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () =>
      reject(new BridgeError('unreadable', `Pigeon could not read “${file.name}”.`));
    reader.readAsDataURL(file);
  });
}
