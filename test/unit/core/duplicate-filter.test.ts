import { describe, expect, it } from 'vitest';
import { DuplicateFilter } from '../../../src-main/core/messaging/duplicate-filter';

describe('DuplicateFilter', () => {
  it('recognises a repeat within the window, per peer', () => {
    let now = 0;
    const filter = new DuplicateFilter(1000, 100, () => now);
    expect(filter.isDuplicate('a', 5)).toBe(false);
    expect(filter.isDuplicate('a', 5)).toBe(true);
    expect(filter.isDuplicate('b', 5)).toBe(false);
    now = 1001;
    expect(filter.isDuplicate('a', 5)).toBe(false);
  });

  it('forgets a peer that re-entered (its numbering restarted)', () => {
    const filter = new DuplicateFilter();
    filter.isDuplicate('iptux', 1);
    filter.isDuplicate('other', 1);
    filter.forgetPeer('iptux');
    expect(filter.isDuplicate('iptux', 1)).toBe(false);
    expect(filter.isDuplicate('other', 1)).toBe(true);
  });

  it('stays bounded', () => {
    const filter = new DuplicateFilter(60_000, 50, () => 0);
    for (let i = 0; i < 500; i++) filter.isDuplicate('p', i);
    // The oldest were pruned to keep at most 50 entries.
    expect(filter.isDuplicate('p', 0)).toBe(false);
    expect(filter.isDuplicate('p', 499)).toBe(true);
  });
});
