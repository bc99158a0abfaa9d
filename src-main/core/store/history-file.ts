import path from 'node:path';
import { openStore, type PigeonStore } from './index';
import { securePrivateFiles, securePrivateFolders } from './private-data';

export const HISTORY_FILE = 'pigeon.db';

/**
 * Open the history in a data folder, held exclusively (one Pigeon per folder); the folder
 * and its files are made private first.
 * Throws a StoreError with a plain message when it cannot be used (locked by another
 * Pigeon, made by a newer version, unreadable); a damaged file is kept aside and
 * `report` hears about it.
 */
export function openHistory(
  dataDir: string,
  report: (problem: string) => void,
  nativeBinding?: string,
): PigeonStore {
  securePrivateFolders(dataDir);
  const store = openStore(path.join(dataDir, HISTORY_FILE), { exclusive: true, nativeBinding });
  // The files once SQLite has created the database and its -wal and -shm files.
  securePrivateFiles(dataDir);
  if (store.db.problem) report(store.db.problem);
  return store;
}
