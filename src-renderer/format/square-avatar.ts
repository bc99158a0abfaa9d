// A chosen picture made into an avatar in the window: the middle square, scaled to
// 96×96 on a canvas and written as PNG; smaller sides if that PNG passes 32 KiB (a busy
// photo). Main checks the result again: this only makes it small.

export const AVATAR_SIDES = [96, 72, 56] as const;
export const MAX_AVATAR_PNG_BYTES = 32 * 1024;
const CHOSEN_TYPES = new Set(['image/png', 'image/jpeg', 'image/webp', 'image/gif']);

export type AvatarProblem = 'not-a-picture' | 'too-large';

export class AvatarPictureError extends Error {
  constructor(readonly problem: AvatarProblem) {
    super(problem);
    this.name = 'AvatarPictureError';
  }
}

/** The square PNG's bytes as base64, ready for setAvatar. */
export async function squareAvatarPng(file: Blob): Promise<string> {
  if (!CHOSEN_TYPES.has(file.type)) throw new AvatarPictureError('not-a-picture');
  const bitmap = await createImageBitmap(file).catch(() => {
    throw new AvatarPictureError('not-a-picture');
  });
  try {
    const side = Math.min(bitmap.width, bitmap.height);
    const sx = (bitmap.width - side) / 2;
    const sy = (bitmap.height - side) / 2;
    for (const size of AVATAR_SIDES) {
      const canvas = document.createElement('canvas');
      canvas.width = size;
      canvas.height = size;
      const context = canvas.getContext('2d');
      if (!context) throw new AvatarPictureError('not-a-picture');
      context.imageSmoothingQuality = 'high';
      context.drawImage(bitmap, sx, sy, side, side, 0, 0, size, size);
      const png = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
      if (png && png.size <= MAX_AVATAR_PNG_BYTES) return base64Of(png);
    }
    throw new AvatarPictureError('too-large');
  } finally {
    bitmap.close();
  }
}

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  }
  return btoa(text);
}
