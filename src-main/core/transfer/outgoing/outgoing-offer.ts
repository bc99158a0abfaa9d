// Turning the user's paths into an offer: each path checked (it exists, can be read, is a
// file or a folder), files hashed by streaming (their SHA-256 goes to Pigeons) and stamped
// (a sealed transfer checks the stamp as it sends), folders measured (so progress has a
// total), then the attachment list for the SENDMSG.
import { createHash } from 'node:crypto';
import { createReadStream, constants } from 'node:fs';
import { access, lstat, open, opendir } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import { ContractError } from '../../../../src-shared/contract';
import { FileAttr, type Attachment } from '../../ipmsg';
import { TRANSFER_CHUNK } from '../connection';
import { stampOf } from './file-stamp';
import { describeForOffer, type OfferedFile, type OfferedItem } from './offer-registry';
import { pigeonExtensions } from '../pigeon-extensions';
import type { TransferItemRecord } from '../../store/records/transfer-record';

/** SHA-256 of a file, read in 1 MiB pieces (never whole). */
export async function hashFile(path: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  const stream = createReadStream(path, { highWaterMark: TRANSFER_CHUNK, signal });
  for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

/** A file's SHA-256 and the stamp (file-stamp.ts) it had throughout the hashing. */
export interface FileFingerprint {
  sha256: string;
  stamp: string;
}

/**
 * Hashes a file and stamps it, both from one open handle: a file written while being hashed
 * is hashed again (a few times at most), so the stamp always belongs to the hashed bytes.
 */
export async function fingerprintFile(path: string, attempts = 3): Promise<FileFingerprint> {
  const handle = await open(path, 'r');
  try {
    for (let attempt = 1; ; attempt += 1) {
      const before = await stampOf(handle);
      const hash = createHash('sha256');
      const stream = handle.createReadStream({
        start: 0,
        highWaterMark: TRANSFER_CHUNK,
        autoClose: false,
      });
      for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk);
      if ((await stampOf(handle)) === before) return { sha256: hash.digest('hex'), stamp: before };
      if (attempt >= attempts) throw new Error(`${path} keeps changing`);
    }
  } finally {
    await handle.close();
  }
}

/** Content bytes of the regular files under a folder, links not followed (as they are sent). */
export async function folderContentBytes(root: string, maxDepth = 64): Promise<number> {
  let total = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    for await (const entry of await opendir(dir)) {
      const path = join(dir, entry.name);
      const info = await lstat(path).catch(() => undefined);
      if (info?.isFile()) total += info.size;
      else if (info?.isDirectory() && depth < maxDepth) await walk(path, depth + 1);
    }
  };
  await walk(root, 1);
  return total;
}

/** One path as an item, or a ContractError in plain words; nothing is sent on failure. */
async function describePath(path: string): Promise<OfferedItem> {
  const name = basename(path) || path;
  if (!isAbsolute(path)) {
    throw new ContractError('invalid-request', `"${path}" is not a full path.`);
  }
  let item: OfferedItem;
  try {
    item = await describeForOffer(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ContractError(
      'invalid-request',
      code === 'ENOENT'
        ? `"${name}" cannot be offered: it does not exist.`
        : code === 'EACCES' || code === 'EPERM'
          ? `"${name}" cannot be offered: Pigeon is not allowed to read it.`
          : `"${name}" cannot be offered: it is neither a file nor a folder.`,
    );
  }
  const mode = item.kind === 'directory' ? constants.R_OK | constants.X_OK : constants.R_OK;
  await access(item.path, mode).catch(() => {
    throw new ContractError(
      'invalid-request',
      `"${name}" cannot be offered: Pigeon is not allowed to read it.`,
    );
  });
  return item;
}

/** Checks every path, then hashes files and measures folders. */
export async function describeOffer(paths: readonly string[]): Promise<TransferItemRecord[]> {
  const described: OfferedItem[] = [];
  for (const path of paths) described.push(await describePath(path));
  const items: TransferItemRecord[] = [];
  for (const item of described) {
    try {
      const record: TransferItemRecord = {
        name: item.name,
        size: item.size,
        kind: item.kind,
        fileId: 0,
        mtime: item.mtime,
        path: item.path,
      };
      if (item.kind === 'file') Object.assign(record, await fingerprintFile(item.path));
      else record.contentBytes = await folderContentBytes(item.path);
      items.push(record);
    } catch {
      throw new ContractError(
        'invalid-request',
        `"${item.name}" cannot be offered: it could not be read.`,
      );
    }
  }
  return items;
}

/** The registry's view of the items (local paths, names, sizes). */
export function offeredItems(items: readonly TransferItemRecord[]): OfferedItem[] {
  return items.map((item) => ({
    path: item.path ?? '',
    name: item.name,
    kind: item.kind,
    size: item.size,
    mtime: item.mtime,
    ...(item.stamp !== undefined ? { stamp: item.stamp } : {}),
  }));
}

/**
 * The attachment list; Pigeon extensions (checksum, picture, folder size, the key of a sealed
 * transfer) only to Pigeons.
 */
export function offerAttachments(
  files: readonly OfferedFile[],
  items: readonly TransferItemRecord[],
  opts: { toPigeon: boolean; image: boolean; folderSizes?: boolean },
): Attachment[] {
  return files.map((file, i) => {
    const item = items[i];
    // iptux counts an item as received once it has its size in bytes, so a folder offered
    // as 0 (what IP Messenger sends) is never fetched: toward iptux, a folder's size is its
    // content's, as iptux itself writes it.
    const size =
      opts.folderSizes && file.kind === 'directory' && item?.contentBytes !== undefined
        ? item.contentBytes
        : file.size;
    const attachment: Attachment = {
      fileId: file.fileId,
      name: file.name,
      size,
      mtime: file.mtime,
      attr: file.kind === 'directory' ? FileAttr.DIR : FileAttr.REGULAR,
    };
    if (opts.toPigeon && item) {
      attachment.extensions = pigeonExtensions({
        ...(item.sha256 !== undefined ? { sha256: item.sha256 } : {}),
        ...(item.contentBytes !== undefined ? { contentBytes: item.contentBytes } : {}),
        image: opts.image,
        ...(file.transferKey ? { transferKey: file.transferKey.publicKey } : {}),
        // Served sealed with the stamp checked: the receiver need not hash it again.
        ...(file.transferKey && file.stamp !== undefined ? { senderChecks: true } : {}),
      });
    }
    return attachment;
  });
}
