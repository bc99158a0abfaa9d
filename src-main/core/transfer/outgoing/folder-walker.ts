// Turns an offered folder into the pieces of a GETDIRFILES reply, lazily: one directory
// handle per level, one entry at a time, file contents left for the caller to stream.
import { lstat, opendir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { encodeDirHeader, encodeParentHeader, FileAttr, type WireNameOptions } from '../../ipmsg';

/** A header to write, or a file whose `size` bytes must follow it. */
export type FolderPiece =
  | { type: 'header'; bytes: Buffer; kind: 'file' | 'directory' | 'parent'; relativePath: string }
  | { type: 'contents'; path: string; size: number; relativePath: string };

export interface FolderWalkOptions extends WireNameOptions {
  /** Deeper folders are left out (default 64). */
  maxDepth?: number;
}

const seconds = (ms: number): number => Math.max(0, Math.floor(ms / 1000));

interface Times {
  mtimeMs: number;
  ctimeMs: number;
}

/**
 * Walks `root` depth-first and yields its stream: the folder, its entries (each file's
 * header then its contents), and a RETPARENT per folder. Only regular files and folders
 * are sent; links are never followed, so an offered folder cannot leak what it points to.
 * Entries that vanish meanwhile, or whose names make a header too long, are left out.
 */
export async function* walkFolder(
  root: string,
  opts: FolderWalkOptions,
): AsyncGenerator<FolderPiece> {
  const rootStat = await stat(root);
  if (!rootStat.isDirectory()) throw new Error(`${root} is not a folder`);
  const name = basename(root) || 'folder';
  const header = encodeDirHeader(folderFields(name, rootStat), opts);
  yield* walkInside(root, name, header, 1, opts);
}

function folderFields(name: string, times: Times) {
  return {
    name,
    size: 0,
    attr: FileAttr.DIR,
    mtime: seconds(times.mtimeMs),
    createTime: seconds(times.ctimeMs),
  };
}

function tryHeader(fields: Parameters<typeof encodeDirHeader>[0], opts: WireNameOptions) {
  try {
    return encodeDirHeader(fields, opts);
  } catch {
    return undefined;
  }
}

async function* walkInside(
  path: string,
  relativePath: string,
  header: Buffer,
  depth: number,
  opts: FolderWalkOptions,
): AsyncGenerator<FolderPiece> {
  yield { type: 'header', bytes: header, kind: 'directory', relativePath };
  // for await closes the handle when the loop ends, breaks or throws.
  for await (const dirent of await opendir(path)) {
    const childPath = join(path, dirent.name);
    const childRelative = `${relativePath}/${dirent.name}`;
    const child = await lstat(childPath).catch(() => undefined);
    if (child?.isDirectory()) {
      if (depth >= (opts.maxDepth ?? 64)) continue;
      const childHeader = tryHeader(folderFields(dirent.name, child), opts);
      if (childHeader) {
        yield* walkInside(childPath, childRelative, childHeader, depth + 1, opts);
      }
    } else if (child?.isFile()) {
      const fileHeader = tryHeader(
        {
          name: dirent.name,
          size: child.size,
          attr: FileAttr.REGULAR,
          mtime: seconds(child.mtimeMs),
          createTime: seconds(child.ctimeMs),
        },
        opts,
      );
      if (!fileHeader) continue;
      yield { type: 'header', bytes: fileHeader, kind: 'file', relativePath: childRelative };
      yield { type: 'contents', path: childPath, size: child.size, relativePath: childRelative };
    }
  }
  yield { type: 'header', bytes: encodeParentHeader(opts), kind: 'parent', relativePath };
}
