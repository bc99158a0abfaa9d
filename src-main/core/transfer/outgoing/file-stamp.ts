// "The file is still the one offered", without reading it again: the same file (device and
// inode), size, and modification and change times to the nanosecond. Any write moves the
// change time, which no program sets back short of moving the clock, so a sealed transfer
// whose sender checks the stamp while it reads needs no SHA-256 on the receiving side
// (docs/security.md says what this gives and what it does not).
import type { BigIntStats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';

export function fileStamp(stats: BigIntStats): string {
  return [stats.dev, stats.ino, stats.size, stats.mtimeNs, stats.ctimeNs].join(':');
}

export async function stampOf(handle: FileHandle): Promise<string> {
  return fileStamp(await handle.stat({ bigint: true }));
}

/** The offered file is no longer what was offered: the transfer is withdrawn. */
export class FileChangedError extends Error {
  constructor(path: string) {
    super(`${path} changed after it was offered`);
    this.name = 'FileChangedError';
  }
}

/** Throws FileChangedError unless the open file still carries `stamp`. */
export async function checkStamp(handle: FileHandle, stamp: string, path: string): Promise<void> {
  if ((await stampOf(handle)) !== stamp) throw new FileChangedError(path);
}
