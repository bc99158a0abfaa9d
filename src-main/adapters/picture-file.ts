import { mkdir, rm, writeFile } from 'node:fs/promises';
import { safeFileName, uniquePath } from '../core/transfer/safe-name';

/**
 * Writes a pasted picture into `dir` (made when missing) under a new name — never over
 * another file — and returns its path. The name is made safe again here: this is the
 * last step before the disk.
 */
export async function writePicture(dir: string, name: string, bytes: Uint8Array): Promise<string> {
  // Only the user may look in: a pasted screenshot can be private.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const path = await uniquePath(dir, safeFileName(name, { fallback: 'picture' }));
  try {
    await writeFile(path, bytes);
  } catch (error) {
    // Leave no empty file behind that a later paste would number around.
    await rm(path, { force: true });
    throw error;
  }
  return path;
}
