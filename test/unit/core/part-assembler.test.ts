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

/** An assembler whose wholes are recorded with the acknowledgements paid for them. */
function assembler(extra: { timeoutMs?: number; maxPending?: number } = {}) {
  const whole: WholeMessage[] = [];
  const paid: string[] = [];
  const parts = new PartAssembler({
    onWhole: (m, owed) => {
      whole.push(m);
      for (const pay of owed) pay();
    },
    ...extra,
  });
  const add = (peer: string, group: number, index: number, count: number, text: string) =>
    parts.add(peer, { group, index, count }, text, options, () =>
      paid.push(`${peer}#${group}.${index}`),
    );
  return { parts, whole, paid, add };
}

describe('PartAssembler', () => {
  it('hands over one message when every part is in, whatever their order and repeats', () => {
    const { parts, whole, paid, add } = assembler();
    add('a@h', 7, 2, 3, 'C');
    add('a@h', 7, 0, 3, 'A');
    add('a@h', 7, 0, 3, 'A again');
    expect(whole).toEqual([]);
    expect(parts.size).toBe(1);
    add('a@h', 7, 1, 3, 'B');
    expect(whole).toEqual([{ peerId: 'a@h', group: 7, text: 'ABC', options }]);
    expect(parts.size).toBe(0);
    // Every part is acknowledged, once, and only now, with the whole.
    expect(paid.sort()).toEqual(['a@h#7.0', 'a@h#7.1', 'a@h#7.2']);
  });

  it('acknowledges nothing while a part is missing', () => {
    const { whole, paid, add } = assembler();
    add('a@h', 9, 0, 2, 'first');
    add('a@h', 9, 0, 2, 'first');
    expect(whole).toEqual([]);
    expect(paid).toEqual([]);
  });

  it('keeps two peers apart, and ignores a part that contradicts the count', () => {
    const { whole, add } = assembler();
    add('a@h', 7, 0, 2, 'a0');
    add('b@h', 7, 0, 2, 'b0');
    add('a@h', 7, 1, 5, 'liar');
    add('b@h', 7, 1, 2, 'b1');
    expect(whole.map((m) => [m.peerId, m.text])).toEqual([['b@h', 'b0b1']]);
  });

  it('lets go, unacknowledged, of a message whose rest never comes or when too many are open', () => {
    vi.useFakeTimers();
    const { parts, whole, paid, add } = assembler({ timeoutMs: 1000, maxPending: 2 });
    add('a@h', 1, 0, 2, 'first');
    vi.advanceTimersByTime(999);
    expect(parts.size).toBe(1);
    vi.advanceTimersByTime(1);
    expect(parts.size).toBe(0);
    // Its rest arriving later starts over: no message with a hole is ever handed over.
    add('a@h', 1, 1, 2, 'second');
    expect(whole).toEqual([]);
    add('a@h', 2, 1, 2, 'two');
    add('a@h', 3, 1, 2, 'three');
    expect(parts.size).toBe(2); // group 1's lone part was let go for group 3
    add('a@h', 1, 0, 2, 'first');
    expect(parts.size).toBe(2);
    expect(whole).toEqual([]);
    add('a@h', 3, 0, 2, 'THREE-');
    expect(whole.map((m) => m.text)).toEqual(['THREE-three']);
    expect(paid.sort()).toEqual(['a@h#3.0', 'a@h#3.1']);
    parts.clear();
    expect(parts.size).toBe(0);
  });

  it('owes one acknowledgement per part however often a part is repeated', () => {
    const { whole, paid, add } = assembler();
    for (let i = 0; i < 1000; i += 1) add('a@h', 5, 0, 2, 'x');
    add('a@h', 5, 1, 2, 'y');
    expect(whole.map((m) => m.text)).toEqual(['xy']);
    expect(paid.sort()).toEqual(['a@h#5.0', 'a@h#5.1']);
  });
});
