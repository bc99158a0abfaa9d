// Fetches one offered folder: GETDIRFILES, then the directory stream is parsed as it
// arrives and the tree recreated inside `<name>.pigeon-part/`, every name through
// safeFileName and every file created with 'wx' (nothing is overwritten, nothing escapes).
// On success the folder is renamed to a fresh final name; on cancel or failure it is removed.
// A folder offered sealed is asked for with our key and its stream opened record by record.
import type { WriteStream } from 'node:fs';
import { readdir, rename, rm, rmdir, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import type net from 'node:net';
import { DirStreamParser, type DirStreamEvent, type LegacyEncoding } from '../../ipmsg';
import { abortedError, closed, connectTo, TRANSFER_CHUNK, writeChunk } from '../connection';
import { PARTIAL_SUFFIX, type FileSource, type TransferTuning } from './file-client';
import { buildFileRequest, type RequesterIdentity } from '../file-request';
import { RecordOpener } from '../sealing/record-opener';
import { requestSealing } from '../sealing/transfer-keys';
import { openUnique, safeFileName, uniqueDirectory } from '../safe-name';
import { asTransferError, TransferError } from '../transfer-error';

export interface DownloadFolderOptions extends FileSource, TransferTuning {
  packetNo: number;
  fileId: number;
  /** The folder's name in the offer; sanitised here. */
  name: string;
  downloadDir: string;
  requester: RequesterIdentity;
  /** Ask for UTF-8 names (copy the offer's UTF8OPT). */
  utf8?: boolean;
  fileAttachOpt?: boolean;
  /** Codepage of names that are not UTF-8 (default gb18030). */
  legacyEncoding?: LegacyEncoding;
  /** Refuse streams nested deeper than this (default 64). */
  maxDepth?: number;
  /** Refuse streams with more entries than this (default 1,000,000). */
  maxEntries?: number;
}

export interface DownloadedFolder {
  path: string;
  /** Content bytes received. */
  bytes: number;
  files: number;
  folders: number;
}

/** Writes the parser's events into a folder tree. */
class TreeWriter {
  readonly stack: string[] = [];
  sink: WriteStream | undefined;
  private sinkPath = '';
  private mtime: number | undefined;
  discarding = false;
  bytes = 0;
  files = 0;
  folders = 0;
  entries = 0;
  finished = false;

  constructor(
    private readonly root: string,
    private readonly opts: DownloadFolderOptions,
  ) {}

  async apply(event: DirStreamEvent): Promise<void> {
    switch (event.type) {
      case 'entry': {
        if (++this.entries > (this.opts.maxEntries ?? 1_000_000)) {
          throw new TransferError('protocol', 'The folder has too many entries');
        }
        const here = this.stack[this.stack.length - 1];
        const { entry } = event;
        if (entry.kind === 'directory') {
          this.stack.push(
            here === undefined ? this.root : await uniqueDirectory(here, safeFileName(entry.name)),
          );
          this.folders++;
        } else if (entry.kind === 'parent') this.stack.pop();
        else if (here !== undefined && entry.kind === 'file') {
          const { path, handle } = await openUnique(here, safeFileName(entry.name));
          this.sinkPath = path;
          this.sink = handle.createWriteStream({
            highWaterMark: this.opts.highWaterMark ?? TRANSFER_CHUNK,
          });
          // Errors surface through writeChunk and closed(); see file-client.
          this.sink.on('error', () => undefined);
          this.mtime = entry.mtime;
          this.files++;
        } else this.discarding = true;
        return;
      }
      case 'data':
        this.bytes += event.bytes.length;
        if (this.sink) await writeChunk(this.sink, event.bytes);
        this.opts.onProgress?.(this.bytes);
        return;
      case 'file-end':
        await this.closeFile();
        return;
      case 'end':
        this.finished = true;
        return;
      case 'error':
        throw new TransferError('protocol', `Unreadable folder stream: ${event.reason}`);
    }
  }

  private async closeFile(): Promise<void> {
    const sink = this.sink;
    this.discarding = false;
    if (!sink) return;
    this.sink = undefined;
    sink.end();
    await closed(sink);
    const mtime = this.mtime;
    if (mtime) await utimes(this.sinkPath, mtime, mtime).catch(() => undefined);
  }

  async abandon(): Promise<void> {
    const sink = this.sink;
    this.sink = undefined;
    if (!sink) return;
    sink.destroy();
    await closed(sink).catch(() => undefined);
  }
}

/** Renames the finished tree; where a folder cannot replace an empty one, moves its entries. */
async function moveTree(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch {
    for (const entry of await readdir(from)) await rename(join(from, entry), join(to, entry));
    await rmdir(from);
  }
}

async function receiveTree(socket: net.Socket, writer: TreeWriter, opts: DownloadFolderOptions) {
  const parser = new DirStreamParser({
    utf8Flag: opts.utf8 ?? false,
    legacy: opts.legacyEncoding ?? 'gb18030',
    ...(opts.maxDepth ? { maxDepth: opts.maxDepth } : {}),
  });
  const onAbort = (): void => void socket.destroy(abortedError());
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  socket.setTimeout(opts.idleTimeoutMs ?? 60_000);
  socket.once('timeout', () =>
    socket.destroy(new TransferError('timeout', 'The peer stopped sending')),
  );
  try {
    if (opts.signal?.aborted) throw abortedError();
    const request = { kind: 'directory' as const, offset: 0 };
    const sealing =
      opts.offerKey === undefined
        ? undefined
        : requestSealing(opts.offerKey, { ...opts, ...request }, opts.binding);
    const opener = sealing && new RecordOpener(sealing.key);
    socket.write(buildFileRequest({ ...opts, ...request, ...sealing }, opts.requester));
    receiving: for await (const chunk of socket as AsyncIterable<Buffer>) {
      for (const plain of opener ? opener.push(chunk) : [chunk]) {
        // Past the folder's end nothing is read as entries.
        if (writer.finished) continue;
        for (const event of parser.push(plain)) {
          await writer.apply(event);
          if (writer.finished) break;
        }
      }
      // A sealed stream is complete only with its final record, even after the folder's end.
      if (writer.finished && (!opener || opener.finished)) break receiving;
    }
    if (opener && !opener.finished) writer.finished = false;
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    socket.destroy();
  }
}

/** Downloads one folder; rejects with a TransferError. */
export async function downloadFolder(opts: DownloadFolderOptions): Promise<DownloadedFolder> {
  if (opts.signal?.aborted) throw abortedError();
  const room = 255 - Buffer.byteLength(PARTIAL_SUFFIX);
  const partial = await uniqueDirectory(
    opts.downloadDir,
    safeFileName(opts.name, { maxBytes: room }) + PARTIAL_SUFFIX,
  );
  const writer = new TreeWriter(partial, opts);
  let socket: net.Socket | undefined;
  try {
    socket = await connectTo({ ...opts, timeoutMs: opts.connectTimeoutMs });
    await receiveTree(socket, writer, opts);
    if (!writer.finished) {
      throw writer.entries === 0
        ? new TransferError('refused', 'The peer closed the connection without sending the folder')
        : new TransferError('short', 'The connection ended before the folder was complete');
    }
    const path = await uniqueDirectory(opts.downloadDir, safeFileName(opts.name));
    await moveTree(partial, path).catch(async (error: unknown) => {
      await rm(path, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    });
    return { path, bytes: writer.bytes, files: writer.files, folders: writer.folders };
  } catch (error) {
    socket?.destroy();
    await writer.abandon();
    await rm(partial, { recursive: true, force: true }).catch(() => undefined);
    throw asTransferError(error, 'io');
  }
}
