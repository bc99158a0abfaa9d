import { createWriteStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { refuseRequest, sameToken } from './request-guard';
import { resolveUploadTarget, UploadRefused } from './upload-target';

export interface StagingOptions {
  /** Pigeon's data folder: staged files go to `<dataDir>/staging`. */
  dataDir: string;
  token: string;
  log?: (line: string) => void;
  /** Largest body one request may carry (the page sends 4 MiB chunks). */
  maxChunkBytes?: number;
  /** Largest file that may be staged, all its chunks together. */
  maxFileBytes?: number;
}

const MAX_CHUNK_BYTES = 16 * 1024 * 1024;
const MAX_FILE_BYTES = 64 * 1024 * 1024 * 1024;

export interface Staging {
  dir: string;
  /** Handles `POST /upload`; answers false for any other path (static files). */
  handle(req: IncomingMessage, res: ServerResponse): Promise<boolean>;
  /** Delete everything staged (the app closes; or leftovers of a crash at start). */
  clear(): Promise<void>;
}

/**
 * Files a browser page offers in headless mode. The page has File objects but no
 * paths, so it uploads them first, in chunks (its progress bar moves per chunk), to
 * `POST /upload?token=&batch=&name=&relative=&offset=` (`&folder=1` for an empty folder);
 * each body is streamed to disk, never held in memory. The answer `{path, item}` names the staged file and the item
 * to offer (the file, or the top of its folder). Same token and Origin rule as the
 * WebSocket.
 */
export function createStaging(options: StagingOptions): Staging {
  const dir = path.join(path.resolve(options.dataDir), 'staging');
  const limits = {
    chunk: options.maxChunkBytes ?? MAX_CHUNK_BYTES,
    file: options.maxFileBytes ?? MAX_FILE_BYTES,
  };
  // Files a chunk is being written to: a second chunk at the same offset would also
  // find the file ending there and append its bytes after the first one's.
  const busy = new Set<string>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/upload') return false;
    try {
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        throw new UploadRefused(405, 'Use POST.');
      }
      const refusal = refuseRequest(req, true);
      if (refusal) throw new UploadRefused(refusal.status, refusal.message);
      if (!sameToken(url.searchParams.get('token'), options.token))
        throw new UploadRefused(403, 'Forbidden.');
      const target = resolveUploadTarget(dir, url.searchParams);
      if (target.folder) await makeFolder(req, target.file);
      else {
        const length = declaredLength(req);
        const room = Math.min(limits.chunk, limits.file - target.offset);
        if (length > room) throw tooLarge(limits, target.offset);
        if (busy.has(target.file))
          throw new UploadRefused(409, 'Another chunk of that file is still being written.');
        busy.add(target.file);
        try {
          await receive(req, target.file, target.offset, room, () =>
            tooLarge(limits, target.offset),
          );
        } finally {
          busy.delete(target.file);
        }
      }
      answer(res, 200, { path: target.file, item: target.item });
    } catch (thrown) {
      const error = isDiskFull(thrown)
        ? new UploadRefused(507, 'Disk full: the file was not staged.')
        : thrown;
      const refused = error instanceof UploadRefused;
      if (!refused) options.log?.(`upload failed: ${String(error)}`);
      // The rest of a refused body is not wanted: close rather than read it all.
      res.setHeader('Connection', 'close');
      answer(res, refused ? error.status : 500, {
        error: refused ? error.message : 'The file could not be staged.',
      });
      req.resume();
    }
    return true;
  };

  return {
    dir,
    handle,
    clear: () => fs.rm(dir, { recursive: true, force: true }),
  };
}

/**
 * A chunk at offset 0 creates the file (never over an existing one); a later chunk
 * must continue exactly where the file ends, so a repeated or lost chunk is refused,
 * never stitched in twice.
 */
async function receive(
  req: IncomingMessage,
  file: string,
  offset: number,
  room: number,
  refuse: () => UploadRefused,
): Promise<void> {
  if (offset === 0) {
    // The first chunk makes the file's folder; later ones find it there with the file.
    await fs.mkdir(path.dirname(file), { recursive: true }).catch((error: unknown) => {
      throw conflict(error, 'A file is in the way of that folder.');
    });
  } else {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile() || stat.size !== offset)
      throw new UploadRefused(409, 'That chunk does not continue the file.');
  }
  const out = createWriteStream(file, { flags: offset === 0 ? 'wx' : 'a' });
  try {
    await pipeline(req, capped(room, refuse), out);
  } catch (error) {
    // Leave the file as it was before this chunk, so the page may send it again.
    if (offset === 0 && !isExists(error)) await fs.rm(file, { force: true });
    else if (offset > 0) await fs.truncate(file, offset).catch(() => undefined);
    throw conflict(error, 'That file is already staged.');
  }
}

/** An empty folder of a picked folder: made (a second time is fine); any body is ignored. */
async function makeFolder(req: IncomingMessage, folder: string): Promise<void> {
  req.resume();
  await fs.mkdir(folder, { recursive: true }).catch((error: unknown) => {
    throw conflict(error, 'A file is in the way of that folder.');
  });
}

/** Content-Length when sent; 0 for a chunked body, which `capped` counts as it comes. */
function declaredLength(req: IncomingMessage): number {
  const length = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(length) ? length : Infinity;
}

function tooLarge(limits: { chunk: number; file: number }, offset: number): UploadRefused {
  return offset >= limits.file
    ? new UploadRefused(413, `A file may be at most ${mib(limits.file)} MiB.`)
    : new UploadRefused(
        413,
        `Too large: a chunk may be at most ${mib(limits.chunk)} MiB, a file ${mib(limits.file)} MiB.`,
      );
}

const mib = (bytes: number): number => Math.floor(bytes / (1024 * 1024));

/** Passes at most `room` bytes; one more fails the pipeline with `refuse()`. */
function capped(room: number, refuse: () => UploadRefused): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > room) done(refuse());
      else done(null, chunk);
    },
  });
}

function isDiskFull(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

function isExists(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'EEXIST' || code === 'EISDIR' || code === 'ENOTDIR';
}

function conflict(error: unknown, message: string): unknown {
  return isExists(error) ? new UploadRefused(409, message) : error;
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(JSON.stringify(body));
}
