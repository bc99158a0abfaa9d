import fs from 'node:fs';
import { StoreError } from './store-error';

/** Files SQLite keeps beside a database; they belong to it and move with it. */
const COMPANIONS = ['-wal', '-shm', '-journal'];

/**
 * Move a damaged database (and its journal files) to `<file>.corrupt-<time>`, never
 * over an existing file. The journal must go too: left behind, SQLite would try to
 * replay the old file's pages into the new one. Returns where the file went.
 */
export function keepAside(file: string, at: number): string {
  const stamp = new Date(at).toISOString().replace(/[:.]/g, '-');
  let aside = `${file}.corrupt-${stamp}`;
  for (let n = 2; taken(aside); n += 1) aside = `${file}.corrupt-${stamp}-${n}`;
  try {
    fs.renameSync(file, aside);
    for (const suffix of COMPANIONS) {
      if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
    }
  } catch (error) {
    throw new StoreError(
      'cannot-open',
      `The history file ${file} is damaged, and Pigeon could not move it aside (${(error as Error).message}). Move it away by hand to start a new history.`,
      { cause: error },
    );
  }
  return aside;
}

function taken(aside: string): boolean {
  return [aside, ...COMPANIONS.map((suffix) => aside + suffix)].some((name) => fs.existsSync(name));
}
