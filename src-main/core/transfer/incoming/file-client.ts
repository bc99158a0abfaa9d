// Fetches one offered file: connect to the peer's TCP port, send GETFILEDATA, stream the
// bytes into `<name>.pigeon-part` in the download folder (BlockReceiver), check the size
// (and optionally a SHA-256), then rename to a fresh final name that overwrites nothing.
// Cancelling destroys the socket and removes the partial file; a failure may keep it for a
// resume from its length (between Pigeons; iptux always sends from 0). An item offered
// sealed is asked for with our key and read through a RecordOpener (sealed-receiver.ts).
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, rename, rm, utimes, type FileHandle } from 'node:fs/promises';
import type net from 'node:net';
import { BlockReceiver, type BlockReceiverOptions } from './block-receiver';
import { SealedReceiver } from './sealed-receiver';
import { RecordOpener } from '../sealing/record-opener';
import { requestSealing, type TransferKeyBinding } from '../sealing/transfer-keys';
import { abortedError, connectTo, TRANSFER_CHUNK } from '../connection';
import { buildFileRequest, type RequesterIdentity } from '../file-request';
import { isInside, openUnique, safeFileName, uniquePath } from '../safe-name';
import { asTransferError, TransferError } from '../transfer-error';

export const PARTIAL_SUFFIX = '.pigeon-part';

/** Where the offer came from. */
export interface FileSource {
  host: string;
  /** The peer's port (the UDP port number). */
  port: number;
  localAddress?: string;
}

export interface TransferTuning {
  signal?: AbortSignal;
  /** Cumulative bytes received, per chunk; throttle with ProgressMeter. */
  onProgress?: (bytes: number) => void;
  connectTimeoutMs?: number;
  /** Give up when nothing arrives for this long (default 60 s). */
  idleTimeoutMs?: number;
  highWaterMark?: number;
  /** The sender's key of a sealed item (from the offer): the item is fetched sealed. */
  offerKey?: string;
  /** Identity keys, when there are: the sealed request is signed. */
  binding?: TransferKeyBinding;
}

export interface DownloadFileOptions extends FileSource, TransferTuning {
  /** The offer's message number and the file's ID, from the attachment list. */
  packetNo: number;
  fileId: number;
  /** As the peer named it; sanitised here. */
  name: string;
  size: number;
  /** Seconds since the epoch, applied to the finished file when given. */
  mtime?: number;
  downloadDir: string;
  requester: RequesterIdentity;
  utf8?: boolean;
  fileAttachOpt?: boolean;
  /** A partial file left by an earlier attempt: continue from its length. */
  resumeFrom?: string;
  /** Keep the partial file when the transfer fails (not when cancelled). */
  keepPartialOnFailure?: boolean;
  /** The partial file is open: where it is, so a process killed now can find it again. */
  onPartial?: (path: string) => void;
  /** Compute the SHA-256 of the whole file. */
  sha256?: boolean;
  /** Fail with 'checksum' (and remove the file) when the SHA-256 differs (hex). */
  expectedSha256?: string;
}

export interface DownloadedFile {
  path: string;
  /** Bytes received over the network this time. */
  bytes: number;
  resumedFrom: number;
  sha256?: string;
}

/** The partial name for a received name: within 255 bytes with the suffix. */
export function partialNameFor(name: string): string {
  const room = 255 - Buffer.byteLength(PARTIAL_SUFFIX);
  return safeFileName(name, { maxBytes: room }) + PARTIAL_SUFFIX;
}

interface Partial {
  path: string;
  handle: FileHandle;
  offset: number;
}

async function openPartial(opts: DownloadFileOptions): Promise<Partial> {
  const resume = opts.resumeFrom;
  if (resume !== undefined) {
    if (!resume.endsWith(PARTIAL_SUFFIX) || !isInside(opts.downloadDir, resume)) {
      throw new TransferError(
        'io',
        'A resumed transfer must continue a partial file in the download folder',
      );
    }
    try {
      const handle = await open(resume, 'r+');
      let offset = (await handle.stat()).size;
      if (offset > opts.size) {
        await handle.truncate(0);
        offset = 0;
      }
      return { path: resume, handle, offset };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const { path, handle } = await openUnique(opts.downloadDir, partialNameFor(opts.name));
  return { path, handle, offset: 0 };
}

async function hashExisting(path: string, length: number, hash: Hash): Promise<void> {
  if (length === 0) return;
  const stream = createReadStream(path, {
    start: 0,
    end: length - 1,
    highWaterMark: TRANSFER_CHUNK,
  });
  for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk);
}

/** Downloads one file; rejects with a TransferError. */
export async function downloadFile(opts: DownloadFileOptions): Promise<DownloadedFile> {
  if (opts.signal?.aborted) throw abortedError();
  const partial = await openPartial(opts);
  opts.onPartial?.(partial.path);
  // A resumed file starts with what it holds.
  if (partial.offset > 0) opts.onProgress?.(partial.offset);
  const hash = opts.sha256 || opts.expectedSha256 ? createHash('sha256') : undefined;
  let socket: net.Socket | undefined;
  let finalPath: string | undefined;
  /** Bytes in the partial file so far: an empty one is not worth keeping. */
  let written = partial.offset;
  try {
    if (hash) await hashExisting(partial.path, partial.offset, hash);
    const expected = opts.size - partial.offset;
    let received = 0;
    if (expected > 0) {
      const receiving: BlockReceiverOptions = {
        handle: partial.handle,
        position: partial.offset,
        expected,
        onChunk: (bytes, total) => {
          written = partial.offset + total;
          hash?.update(bytes);
          opts.onProgress?.(partial.offset + total);
        },
        signal: opts.signal,
        idleTimeoutMs: opts.idleTimeoutMs,
      };
      const request = { kind: 'file' as const, offset: partial.offset };
      const sealing =
        opts.offerKey === undefined
          ? undefined
          : requestSealing(opts.offerKey, { ...opts, ...request }, opts.binding);
      const receiver = sealing
        ? new SealedReceiver(new RecordOpener(sealing.key), receiving)
        : new BlockReceiver(receiving);
      socket = await connectTo({
        ...opts,
        timeoutMs: opts.connectTimeoutMs,
        onread: receiver.onread,
      });
      socket.write(buildFileRequest({ ...opts, ...request, ...sealing }, opts.requester));
      received = await receiver.receive(socket);
      if (received < expected) {
        throw new TransferError(
          received === 0 ? 'refused' : 'short',
          received === 0
            ? 'The peer closed the connection without sending the file'
            : `The connection ended after ${partial.offset + received} of ${opts.size} bytes`,
        );
      }
    }
    await partial.handle.close();
    const sha256 = hash?.digest('hex');
    if (opts.expectedSha256 && sha256 !== opts.expectedSha256.toLowerCase()) {
      throw new TransferError('checksum', 'The received file differs from the one offered');
    }
    finalPath = await uniquePath(opts.downloadDir, safeFileName(opts.name));
    await rename(partial.path, finalPath);
    if (opts.mtime) await utimes(finalPath, opts.mtime, opts.mtime).catch(() => undefined);
    return {
      path: finalPath,
      bytes: received,
      resumedFrom: partial.offset,
      ...(sha256 ? { sha256 } : {}),
    };
  } catch (error) {
    socket?.destroy();
    // Closing twice is harmless; every write has settled by now (BlockReceiver waits).
    await partial.handle.close().catch(() => undefined);
    if (finalPath) await rm(finalPath, { force: true }).catch(() => undefined);
    const failure = asTransferError(error, 'io');
    const keep =
      opts.keepPartialOnFailure &&
      written > 0 &&
      failure.code !== 'aborted' &&
      failure.code !== 'checksum' &&
      failure.code !== 'changed';
    if (!keep) {
      await rm(partial.path, { force: true }).catch(() => undefined);
      throw failure;
    }
    throw new TransferError(failure.code, failure.message, partial.path, { cause: failure });
  }
}

/** Removes a partial file an earlier attempt left, if it is one (in `dir`, with the suffix). */
export async function removePartial(path: string, dir: string): Promise<void> {
  if (!path.endsWith(PARTIAL_SUFFIX) || !isInside(dir, path)) return;
  await rm(path, { force: true });
}
