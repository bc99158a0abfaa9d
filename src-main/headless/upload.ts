import { createWriteStream, promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { allowedOrigin, sameToken } from './request-guard';
import { resolveUploadTarget, UploadRefused } from './upload-target';

export interface StagingOptions {
  /** Pigeon's data folder: staged files go to `<dataDir>/staging`. */
  dataDir: string;
  token: string;
  log?: (line: string) => void;
}

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

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<boolean> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/upload') return false;
    try {
      if (req.method !== 'POST') {
        res.setHeader('Allow', 'POST');
        throw new UploadRefused(405, 'Use POST.');
      }
      if (
        !sameToken(url.searchParams.get('token'), options.token) ||
        !allowedOrigin(req.headers.origin, req.headers.host)
      )
        throw new UploadRefused(403, 'Forbidden.');
      const target = resolveUploadTarget(dir, url.searchParams);
      if (target.folder) await makeFolder(req, target.file);
      else await receive(req, target.file, target.offset);
      answer(res, 200, { path: target.file, item: target.item });
    } catch (error) {
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
async function receive(req: IncomingMessage, file: string, offset: number): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true }).catch((error: unknown) => {
    throw conflict(error, 'A file is in the way of that folder.');
  });
  if (offset > 0) {
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat?.isFile() || stat.size !== offset)
      throw new UploadRefused(409, 'That chunk does not continue the file.');
  }
  const out = createWriteStream(file, { flags: offset === 0 ? 'wx' : 'a' });
  try {
    await pipeline(req, out);
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
