// The sending half of a file connection: a byte range of one file, or a folder stream,
// written with backpressure (never more than two blocks of a file in memory).
import { open } from 'node:fs/promises';
import { walkFolder, type FolderWalkOptions } from './folder-walker';
import type { StreamOutlet } from './stream-outlet';
import { checkStamp } from './file-stamp';

/**
 * Sends bytes [start, size) of a file, exactly. Two reusable blocks take turns: the next is
 * read from disk while the last is on the socket (a fresh buffer per read, as a read
 * stream makes, costs a large share of a fast link in garbage collection). A file that
 * shrank meanwhile fails the transfer: the peer would otherwise wait for bytes that never come.
 * With `stamp`, the file is checked before the first read and after every read, so no block
 * leaves unless the file still is the one offered (FileChangedError otherwise).
 */
export async function sendFileRange(
  outlet: StreamOutlet,
  path: string,
  start: number,
  size: number,
  blockBytes: number,
  onBytes: (n: number) => void,
  stamp?: string,
): Promise<void> {
  const handle = await open(path, 'r');
  try {
    if (stamp !== undefined) await checkStamp(handle, stamp, path);
    if (start >= size) return;
    // A small file gets blocks of its own size, not two of 1 MiB.
    const length = Math.min(blockBytes, size - start);
    const blocks: [Buffer, Buffer] = [
      Buffer.allocUnsafeSlow(length),
      Buffer.allocUnsafeSlow(length),
    ];
    const block = (turn: number): Buffer => blocks[turn & 1] as Buffer;
    const readInto = async (target: Buffer, at: number) => {
      const read = await handle.read({
        buffer: target,
        offset: 0,
        length: Math.min(length, size - at),
        position: at,
      });
      if (stamp !== undefined) await checkStamp(handle, stamp, path);
      return read;
    };
    let turn = 0;
    let position = start;
    let reading = readInto(block(turn), position);
    // Awaited on its turn; a failure before then (the file changed) must not count as unhandled.
    reading.catch(() => undefined);
    let sending: Promise<void> = Promise.resolve();
    while (position < size) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) throw new Error(`${path} changed while being sent`);
      position += bytesRead;
      const ready = block(turn).subarray(0, bytesRead);
      turn ^= 1;
      const readNext = (): void => {
        if (position >= size) return;
        reading = readInto(block(turn), position);
        reading.catch(() => undefined);
      };
      // A sealed outlet encrypted the other block when it was written: read into it while
      // the socket drains. A plain socket holds on to it until then.
      if (outlet.consumes) readNext();
      await sending;
      outlet.ensureOpen();
      if (!outlet.consumes) readNext();
      sending = outlet.write(ready);
      // Awaited on the next turn; until then a failure must not count as unhandled.
      sending.catch(() => undefined);
      onBytes(bytesRead);
    }
    await sending;
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/** Streams a folder: headers as they come, each file's contents right after its header. */
export async function sendFolder(
  outlet: StreamOutlet,
  root: string,
  names: FolderWalkOptions,
  highWaterMark: number,
  onBytes: (n: number) => void,
): Promise<void> {
  for await (const piece of walkFolder(root, names)) {
    outlet.ensureOpen();
    if (piece.type === 'header') await outlet.write(piece.bytes);
    else await sendFileRange(outlet, piece.path, 0, piece.size, highWaterMark, onBytes);
  }
}
