import { BridgeError } from './errors';
import { topName, type LocalFiles, type PickedFile } from './picked-files';

/** Big files go up in slices this size: each slice moves the progress bar. */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

export interface UploadOptions {
  /** The page's origin: the headless server that serves it also stages files. */
  origin: string;
  token: string;
  fetch?: typeof fetch;
  chunkBytes?: number;
}

/**
 * Headless mode: a browser page has File objects but no paths, so it uploads them
 * to its own server first (`POST /upload`), which stages them on disk, and offers
 * the staged paths. A picked folder goes up file by file with its relative paths and
 * becomes one staged folder. One offer is one batch; two items of the same name go
 * to separate batches, so neither overwrites the other.
 */
export function createUploadingFiles(options: UploadOptions): LocalFiles {
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const chunkBytes = Math.max(1, options.chunkBytes ?? UPLOAD_CHUNK_BYTES);

  return {
    uploads: true,
    async pathsFor(picked, onProgress, signal) {
      const totalBytes = picked.reduce((sum, item) => sum + item.file.size, 0);
      let bytesDone = 0;
      onProgress?.({ bytesDone, totalBytes });
      const batches = assignBatches(picked);
      const items = new Set<string>();
      for (const [index, item] of picked.entries()) {
        const batch = batches[index] as string;
        let offset = 0;
        let answer: UploadAnswer | undefined;
        do {
          const end = Math.min(offset + chunkBytes, item.file.size);
          const query = new URLSearchParams({
            token: options.token,
            batch,
            offset: String(offset),
          });
          if (item.relativePath) query.set('relative', item.relativePath);
          else query.set('name', item.file.name);
          if (item.emptyFolder) query.set('folder', '1');
          const response = await send(`${options.origin}/upload?${query.toString()}`, {
            method: 'POST',
            body: item.file.slice(offset, end),
            signal: signal ?? null,
          });
          answer = await readAnswer(response, item.file.name);
          bytesDone += end - offset;
          offset = end;
          onProgress?.({ bytesDone, totalBytes });
        } while (offset < item.file.size);
        items.add(answer.item);
      }
      return [...items];
    },
  };
}

interface UploadAnswer {
  path: string;
  item: string;
}

async function readAnswer(response: Response, name: string): Promise<UploadAnswer> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!response.ok) {
    const why = typeof record.error === 'string' ? record.error : `HTTP ${response.status}`;
    throw new BridgeError('upload-failed', `Could not prepare “${name}”: ${why}`);
  }
  if (typeof record.path !== 'string' || typeof record.item !== 'string')
    throw new BridgeError('upload-failed', `Could not prepare “${name}”.`);
  return { path: record.path, item: record.item };
}

/** A batch id per picked file: items sharing a top name only when they are one folder. */
function assignBatches(picked: readonly PickedFile[]): string[] {
  const batches: { id: string; owners: Map<string, string> }[] = [];
  return picked.map((item, index) => {
    const name = topName(item);
    // Files of one folder share its name; a lone file owns its name alone.
    const owner = item.relativePath ? `folder:${name}` : `file:${index}`;
    let batch = batches.find((b) => !b.owners.has(name) || b.owners.get(name) === owner);
    if (!batch) {
      batch = { id: newBatchId(), owners: new Map() };
      batches.push(batch);
    }
    batch.owners.set(name, owner);
    return batch.id;
  });
}

function newBatchId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
