import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../../../src-main/core/store/store-error';
import { DiskFullWatch, isDiskFull } from '../../../../src-main/core/store/disk-full-watch';
import { openTestDatabase } from './helpers';

/** A history whose file may grow by no page more: SQLite answers SQLITE_FULL, as on a full disk. */
function fullHistory() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pigeon-full-'));
  const db = openTestDatabase(path.join(dir, 'pigeon.db'), { diskFullSettleMs: 0 });
  db.sqlite.exec('CREATE TABLE filler (x BLOB)');
  const pages = db.sqlite.pragma('page_count', { simple: true }) as number;
  db.sqlite.pragma(`max_page_count = ${pages}`);
  const changes: boolean[] = [];
  db.disk.onChange((full) => changes.push(full));
  const write = () =>
    db.run(() => db.sqlite.prepare('INSERT INTO filler VALUES (randomblob(20000))').run());
  return { db, changes, write };
}

describe('the history notices a full disk once, and when space returns', () => {
  it('turns SQLITE_FULL into one change, however many writes fail', () => {
    const { db, changes, write } = fullHistory();
    for (let i = 0; i < 50; i++) {
      let caught: unknown;
      try {
        write();
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(StoreError);
      expect(isDiskFull(caught)).toBe(true);
    }
    expect(db.disk.isFull).toBe(true);
    expect(changes).toEqual([true]);
  });

  it('stays full while only reads succeed, and clears on the first write that does', () => {
    const { db, changes, write } = fullHistory();
    expect(() => write()).toThrow(StoreError);
    db.run(() => db.sqlite.prepare('SELECT count(*) FROM filler').get());
    expect(db.disk.isFull).toBe(true);

    db.sqlite.pragma('max_page_count = 100000'); // space again
    write();
    expect(db.disk.isFull).toBe(false);
    expect(changes).toEqual([true, false]);
    write();
    expect(changes).toEqual([true, false]);
  });

  it('does not clear while writes still fail now and then (a disk at the edge)', () => {
    let now = 0;
    const watch = new DiskFullWatch(5000, () => now);
    const changes: boolean[] = [];
    watch.onChange((full) => changes.push(full));
    watch.noteFull();
    now = 1000;
    watch.noteSpace(); // a small write fitted between failures
    watch.noteFull();
    now = 5999;
    watch.noteSpace();
    expect(changes).toEqual([true]);
    now = 6000;
    watch.noteSpace();
    expect(changes).toEqual([true, false]);
  });

  it('knows a file write that failed for lack of space', () => {
    expect(isDiskFull(Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toBe(true);
    expect(isDiskFull(new StoreError('locked', 'in use'))).toBe(false);
    expect(isDiskFull(new Error('other'))).toBe(false);
  });
});
