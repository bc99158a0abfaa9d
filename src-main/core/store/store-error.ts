/** What went wrong with the history file, in terms the caller can act on. */
export type StoreErrorCode =
  /** The file is damaged (found while running; at open it is kept aside instead). */
  | 'corrupt'
  /** Written by a newer Pigeon; this one refuses to touch it. */
  | 'newer-version'
  /** Another Pigeon (or program) holds the file. */
  | 'locked'
  /** The disk (or the file's size limit) is full. */
  | 'disk-full'
  /** The file or its folder cannot be written. */
  | 'read-only'
  /** The file cannot be opened at all (a folder, no permission, …). */
  | 'cannot-open'
  /** The caller asked for something the store cannot do (duplicate id, unknown message, …). */
  | 'invalid'
  /** Anything else; the message carries SQLite's own words. */
  | 'failed';

/** An error from the store; `message` is plain words meant for the user. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** SQLite's result code (`SQLITE_BUSY`, `SQLITE_IOERR_WRITE`, …) of an error, if it has one. */
export function sqliteCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('SQLITE_') ? code : undefined;
}

const isCode = (code: string | undefined, primary: string): boolean =>
  code === primary || (code?.startsWith(`${primary}_`) ?? false);

/** A damaged file: not a database at all, or a database with broken pages or schema. */
export function isCorruption(error: unknown): boolean {
  const code = sqliteCode(error);
  return isCode(code, 'SQLITE_CORRUPT') || isCode(code, 'SQLITE_NOTADB');
}

/** Turn an error thrown by SQLite into a StoreError with a plain message; others pass through. */
export function translateError(error: unknown, file: string): unknown {
  if (error instanceof StoreError) return error;
  const code = sqliteCode(error);
  if (code === undefined) return error;
  const cause = { cause: error };
  if (isCode(code, 'SQLITE_BUSY') || isCode(code, 'SQLITE_LOCKED'))
    return new StoreError(
      'locked',
      `The history file ${file} is in use by another Pigeon (or another program). Close it and try again.`,
      cause,
    );
  if (isCode(code, 'SQLITE_FULL'))
    return new StoreError(
      'disk-full',
      `The disk is full: Pigeon could not save to ${file}. Free some space; what was already saved is kept.`,
      cause,
    );
  if (isCorruption(error))
    return new StoreError(
      'corrupt',
      `The history file ${file} is damaged. Restart Pigeon: it will check the file, keep it aside if it is damaged and start a new one.`,
      cause,
    );
  if (isCode(code, 'SQLITE_READONLY') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH')
    return new StoreError(
      'read-only',
      `Pigeon may not write to ${file} or its folder. Check the permissions.`,
      cause,
    );
  if (isCode(code, 'SQLITE_CANTOPEN'))
    return new StoreError(
      'cannot-open',
      `Pigeon could not open the history file ${file}. Check that it is a file and that Pigeon may read it.`,
      cause,
    );
  if (isCode(code, 'SQLITE_CONSTRAINT'))
    return new StoreError(
      'invalid',
      `The history refused a change: ${(error as Error).message}.`,
      cause,
    );
  return new StoreError(
    'failed',
    `The history file ${file} could not be used: ${(error as Error).message}.`,
    cause,
  );
}
