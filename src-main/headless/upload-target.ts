import path from 'node:path';
import { isInside, safeFileName } from '../core/transfer/safe-name';

/** Deepest folder path kept from a picked folder; deeper is refused rather than flattened. */
const MAX_DEPTH = 64;
const MAX_PARAM_CHARS = 4096;
/** A batch is one offer: a random id the page makes, one folder in the staging area. */
const BATCH = /^[\w-]{8,64}$/;

export interface UploadTarget {
  /** The file to write (the folder to make, for `folder`). */
  file: string;
  /** `folder=1`: an empty folder inside a picked folder; no bytes, only the folder. */
  folder: boolean;
  /** What to offer: the file itself, or the top folder it sits in. */
  item: string;
  /** The batch folder (everything of one offer). */
  batchDir: string;
  /** Where in the file this request's bytes go (uploads come in chunks). */
  offset: number;
}

export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'UploadRefused';
  }
}

/**
 * Where an upload goes, from `?batch=&name=&relative=&offset=&folder=`: `relative` is the path
 * inside a picked folder (the folder's name first, as File.webkitRelativePath has it),
 * `name` the file's name when it came alone. Every segment is made a safe name; a
 * segment meant to climb (`..`) or stay (`.`) is refused, so nothing lands outside
 * the batch folder.
 */
export function resolveUploadTarget(stagingDir: string, params: URLSearchParams): UploadTarget {
  const batch = params.get('batch') ?? '';
  if (!BATCH.test(batch)) throw new UploadRefused(400, 'A batch id is needed.');
  const relative = params.get('relative');
  const folder = params.get('folder') === '1';
  if (folder && !relative)
    throw new UploadRefused(400, 'A folder needs its path in the picked folder.');
  const given = relative || params.get('name') || '';
  if (given.length === 0 || given.length > MAX_PARAM_CHARS)
    throw new UploadRefused(400, 'A file name is needed.');
  const raw = given.split(/[\\/]+/).filter((segment) => segment !== '');
  if (raw.length === 0 || raw.length > MAX_DEPTH)
    throw new UploadRefused(400, 'That file path cannot be staged.');
  if (raw.some((segment) => /^\.+$/.test(segment.trim())))
    throw new UploadRefused(400, 'A file path may not climb out of its folder.');
  // A lone file keeps only its own name; a folder's file keeps its path inside the folder.
  const segments = relative ? raw.map((segment) => safeFileName(segment)) : [safeFileName(given)];

  const offsetText = params.get('offset') ?? '0';
  if (!/^\d{1,16}$/.test(offsetText)) throw new UploadRefused(400, 'Bad offset.');
  const offset = Number(offsetText);
  if (!Number.isSafeInteger(offset)) throw new UploadRefused(400, 'Bad offset.');

  const batchDir = path.join(stagingDir, batch);
  const file = path.join(batchDir, ...segments);
  const item = path.join(batchDir, segments[0] as string);
  // Belt and braces: the names are safe already.
  if (!isInside(batchDir, file) || !isInside(stagingDir, batchDir))
    throw new UploadRefused(400, 'That file path cannot be staged.');
  if (folder && offset !== 0) throw new UploadRefused(400, 'Bad offset.');
  return { file, folder, item, batchDir, offset };
}
