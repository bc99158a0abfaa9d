import { describe, expect, it } from 'vitest';
import { StoredNumbers } from '../../../src-main/core/messaging/stored-numbers';

describe('the highest number stored per Pigeon peer', () => {
  it('looks the history up once per peer, then only for numbers not above it', () => {
    const lookups: string[] = [];
    const numbers = new StoredNumbers((peerId) => {
      lookups.push(peerId);
      return peerId === 'bob@pc2' ? 100 : 0;
    });
    expect(numbers.isAbove('bob@pc2', 101)).toBe(true);
    numbers.stored('bob@pc2', 101);
    expect(numbers.isAbove('bob@pc2', 102)).toBe(true);
    numbers.stored('bob@pc2', 102);
    // Re-sent after a restart, or overtaken: not certainly new, so the history decides.
    expect(numbers.isAbove('bob@pc2', 101)).toBe(false);
    expect(numbers.isAbove('bob@pc2', 50)).toBe(false);
    expect(numbers.isAbove('carol@pc3', 1)).toBe(true);
    expect(lookups).toEqual(['bob@pc2', 'carol@pc3']);
  });

  it('never takes a stored number for a new one', () => {
    // The lookup reads the history, which holds every message stored so far.
    const history: number[] = [7];
    const numbers = new StoredNumbers(() => Math.max(...history));
    const store = (packetNo: number) => {
      history.push(packetNo);
      numbers.stored('bob@pc2', packetNo);
    };
    store(9); // stored before the peer's number was ever asked for
    expect(numbers.isAbove('bob@pc2', 9)).toBe(false);
    store(12);
    store(8);
    for (const packetNo of history) expect(numbers.isAbove('bob@pc2', packetNo)).toBe(false);
    expect(numbers.isAbove('bob@pc2', 13)).toBe(true);
  });
});
