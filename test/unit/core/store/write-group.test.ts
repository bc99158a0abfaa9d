import { describe, expect, it } from 'vitest';
import { WriteGroup, commitAtOnce } from '../../../../src-main/core/store/write-group';
import { openTestDatabase } from './helpers';

/** A table, and a WriteGroup over it that counts its commits. */
function setup(defer?: (flush: () => void) => void) {
  const db = openTestDatabase(':memory:');
  db.sqlite.exec('CREATE TABLE t (n INTEGER NOT NULL UNIQUE)');
  const commits: number[] = [];
  const rows = (): number[] =>
    (db.sqlite.prepare('SELECT n FROM t ORDER BY n').all() as { n: number }[]).map((r) => r.n);
  let depth = 0;
  const group = new WriteGroup(
    (work) => {
      depth += 1;
      try {
        return db.write(work);
      } finally {
        depth -= 1;
        if (depth === 0) commits.push(rows().length);
      }
    },
    defer ? { defer } : {},
  );
  const insert = (n: number) => () => db.sqlite.prepare('INSERT INTO t (n) VALUES (?)').run(n);
  return { db, group, commits, rows, insert };
}

describe('WriteGroup', () => {
  it('commits the writes of one turn together, and tells each only after the commit', async () => {
    const { group, commits, rows, insert } = setup();
    const told: string[] = [];
    for (const n of [1, 2, 3])
      group.add(insert(n), (outcome) => told.push(`${n}:${outcome.ok}:${rows().length}`));
    expect(told).toEqual([]);
    expect(group.busy).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(commits).toEqual([3]);
    expect(told).toEqual(['1:true:3', '2:true:3', '3:true:3']);
    expect(group.busy).toBe(false);
  });

  it('undoes a write that failed alone, and still commits the rest', async () => {
    const { group, rows, insert } = setup();
    const outcomes: boolean[] = [];
    group.add(insert(1), (o) => outcomes.push(o.ok));
    group.add(insert(1), (o) => outcomes.push(o.ok)); // refused: n is unique
    group.add(insert(2), (o) => outcomes.push(o.ok));
    await new Promise((resolve) => setImmediate(resolve));
    expect(outcomes).toEqual([true, false, true]);
    expect(rows()).toEqual([1, 2]);
  });

  it('tells every write of the group when the commit itself fails', () => {
    const outcomes: boolean[] = [];
    const group = new WriteGroup(
      () => {
        throw new Error('disk full at commit');
      },
      { defer: () => undefined },
    );
    group.add(
      () => 1,
      (o) => outcomes.push(o.ok),
    );
    group.add(
      () => 2,
      (o) => outcomes.push(o.ok),
    );
    group.flush();
    expect(outcomes).toEqual([false, false]);
  });

  it('runs afterCommit behind the writes waiting, or at once when none are', async () => {
    const { group, rows, insert } = setup();
    const seen: number[] = [];
    group.afterCommit(() => seen.push(rows().length));
    expect(seen).toEqual([0]);
    group.add(insert(1), () => undefined);
    group.afterCommit(() => seen.push(rows().length));
    expect(seen).toEqual([0]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual([0, 1]);
  });

  it('hands a throwing done to onError after a deferred commit, and rethrows it at once otherwise', async () => {
    const errors: unknown[] = [];
    const db = openTestDatabase(':memory:');
    const deferred = new WriteGroup((work) => db.write(work), { onError: (e) => errors.push(e) });
    deferred.add(
      () => 1,
      () => {
        throw new Error('bug');
      },
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors.map(String)).toEqual(['Error: bug']);
    const atOnce = new WriteGroup((work) => db.write(work), { defer: commitAtOnce });
    expect(() =>
      atOnce.add(
        () => 1,
        () => {
          throw new Error('bug');
        },
      ),
    ).toThrow('bug');
  });
});
