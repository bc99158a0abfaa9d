// The sending half of a file connection: a byte range of one file, or a folder stream,
// written with backpressure (never more than a read-ahead chunk in memory).
import { open } from 'node:fs/promises';
import type net from 'node:net';
import { writeChunk } from './connection';
import { walkFolder, type FolderWalkOptions } from './folder-walker';

/**
 * Streams bytes [start, size) of a file, exactly. A file that shrank meanwhile fails the
 * transfer (the peer would otherwise wait for bytes that never come).
 */
export async function sendFileRange(
  socket: net.Socket,
  path: string,
  start: number,
  size: number,
  highWaterMark: number,
  onBytes: (n: number) => void,
): Promise<void> {
  const handle = await open(path, 'r');
  if (start >= size) {
    await handle.close();
    return;
  }
  // The stream owns the handle from here and closes it however it ends.
  const stream = handle.createReadStream({ start, end: size - 1, highWaterMark });
  let sent = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (socket.destroyed) throw new Error('the connection closed');
      await writeChunk(socket, chunk);
      sent += chunk.length;
      onBytes(chunk.length);
    }
  } finally {
    stream.destroy();
  }
  if (sent !== size - start) throw new Error(`${path} changed while being sent`);
}

/** Streams a folder: headers as they come, each file's contents right after its header. */
export async function sendFolder(
  socket: net.Socket,
  root: string,
  names: FolderWalkOptions,
  highWaterMark: number,
  onBytes: (n: number) => void,
): Promise<void> {
  for await (const piece of walkFolder(root, names)) {
    if (socket.destroyed) throw new Error('the connection closed');
    if (piece.type === 'header') await writeChunk(socket, piece.bytes);
    else await sendFileRange(socket, piece.path, 0, piece.size, highWaterMark, onBytes);
  }
}
