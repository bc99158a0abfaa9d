import { afterEach, describe, expect, it, vi } from 'vitest';
import { PartAssembler, type WholeMessage } from '../../../src-main/core/messaging/part-assembler';
import type { ReceivedOptions } from '../../../src-main/core/pipeline/incoming-message';

const options: ReceivedOptions = {
  confirm: true,
  sealed: false,
  readCheck: false,
  autoReply: false,
  broadcast: false,
};

afterEach(() => vi.useRealTimers());

describe('PartAssembler', () => {
  it('hands over one message when every part is in, whatever their order and repeats', () => {
    const whole: WholeMessage[] = [];
    const parts = new PartAssembler({ onWhole: (m) => whole.push(m) });
    parts.add('a@h', { group: 7, index: 2, count: 3 }, 'C', options);
    parts.add('a@h', { group: 7, index: 0, count: 3 }, 'A', options);
    parts.add('a@h', { group: 7, index: 0, count: 3 }, 'A again', options);
    expect(whole).toEqual([]);
    expect(parts.isAssembling('a@h', 7)).toBe(true);
    parts.add('a@h', { group: 7, index: 1, count: 3 }, 'B', options);
    expect(whole).toEqual([{ peerId: 'a@h', group: 7, text: 'ABC', options }]);
    expect(parts.isAssembling('a@h', 7)).toBe(false);
  });

  it('keeps two peers apart, and ignores a part that contradicts the count', () => {
    const whole: WholeMessage[] = [];
    const parts = new PartAssembler({ onWhole: (m) => whole.push(m) });
    parts.add('a@h', { group: 7, index: 0, count: 2 }, 'a0', options);
    parts.add('b@h', { group: 7, index: 0, count: 2 }, 'b0', options);
    parts.add('a@h', { group: 7, index: 1, count: 5 }, 'liar', options);
    parts.add('b@h', { group: 7, index: 1, count: 2 }, 'b1', options);
    expect(whole.map((m) => [m.peerId, m.text])).toEqual([['b@h', 'b0b1']]);
  });

  it('keeps what arrived when the rest never comes, and when too many are open', () => {
    vi.useFakeTimers();
    const whole: WholeMessage[] = [];
    const parts = new PartAssembler({
      onWhole: (m) => whole.push(m),
      timeoutMs: 1000,
      maxPending: 2,
    });
    parts.add('a@h', { group: 1, index: 0, count: 3 }, 'first', options);
    vi.advanceTimersByTime(999);
    expect(whole).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(whole.map((m) => m.text)).toEqual(['first']);
    parts.add('a@h', { group: 2, index: 1, count: 2 }, 'two', options);
    parts.add('a@h', { group: 3, index: 1, count: 2 }, 'three', options);
    parts.add('a@h', { group: 4, index: 1, count: 2 }, 'four', options);
    expect(whole.map((m) => m.group)).toEqual([1, 2]);
  });
});
