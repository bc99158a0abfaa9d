// The data folder holds the history, the settings and received pictures: only the user
// may read them. Folders are 0700 and files 0600 on Linux and macOS, and what an older
// Pigeon left readable is tightened at start. Windows has no such modes (its ACLs on the
// user's profile already keep it private).
import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const POSIX = process.platform !== 'win32';

/** Folders inside the data folder created private at start. */
const PRIVATE_FOLDERS = ['images', 'staging'];
/** Files tightened when they exist (SQLite gives -wal and -shm the database's mode). */
const PRIVATE_FILES = ['pigeon.db', 'pigeon.db-wal', 'pigeon.db-shm', 'settings.json'];

/** Creates `dir` (and missing parents) if needed and makes it 0700. */
export function makePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  if (POSIX) chmodSync(dir, PRIVATE_FOLDER_MODE);
}

/** Makes an existing file 0600; a missing one is fine. */
export function makePrivateFile(file: string): void {
  if (!POSIX) return;
  try {
    chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** The data folder and its private folders, created if needed and made private. */
export function securePrivateFolders(dataDir: string): void {
  makePrivateFolder(dataDir);
  for (const folder of PRIVATE_FOLDERS) makePrivateFolder(path.join(dataDir, folder));
}

/** The files the data folder holds, made private (once SQLite has created its own). */
export function securePrivateFiles(dataDir: string): void {
  for (const file of PRIVATE_FILES) makePrivateFile(path.join(dataDir, file));
}
