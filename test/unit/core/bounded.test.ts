import { describe, expect, it } from 'vitest';
import { addBounded, rememberBounded } from '../../../src-main/core/bounded';

describe('a bounded map', () => {
  it('holds at most its bound, forgetting the oldest first', () => {
    const map = new Map<string, number>();
    const held = ['a', 'b', 'c', 'd'].map((key, n) => {
      rememberBounded(map, key, n, 2);
      return [...map.keys()].join(' ');
    });
    expect(held).toEqual(['a', 'a b', 'b c', 'c d']);
    expect(map.get('d')).toBe(3);
  });

  it('counts a key set again as used just now, with its new value', () => {
    const map = new Map<string, number>();
    rememberBounded(map, 'a', 1, 2);
    rememberBounded(map, 'b', 2, 2);
    rememberBounded(map, 'a', 10, 2);
    expect([...map]).toEqual([
      ['b', 2],
      ['a', 10],
    ]);
    // b is now the least recently used, so it is the one forgotten.
    rememberBounded(map, 'c', 3, 2);
    expect([...map]).toEqual([
      ['a', 10],
      ['c', 3],
    ]);
  });

  it('forgets nothing when a key already held is set again at the bound', () => {
    const map = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    rememberBounded(map, 'b', 3, 2);
    expect([...map.keys()]).toEqual(['a', 'b']);
  });
});

describe('a bounded set', () => {
  it('holds at most its bound, forgetting the least recently added first', () => {
    const set = new Set<string>();
    for (const item of ['a', 'b', 'c']) addBounded(set, item, 2);
    expect([...set]).toEqual(['b', 'c']);
    addBounded(set, 'b', 2);
    expect([...set]).toEqual(['c', 'b']);
    addBounded(set, 'd', 2);
    expect([...set]).toEqual(['b', 'd']);
  });
});
