import { describe, expect, it } from 'vitest';
import { PeerSendQueue } from '../../../src-main/core/messaging/peer-send-queue';

interface Item {
  messageId: string;
  peerId: string;
  window: number;
}
const item = (messageId: string, window = 3, peerId = 'bob'): Item => ({
  messageId,
  peerId,
  window,
});

function queue() {
  const started: string[] = [];
  const previous: (string | undefined)[] = [];
  const q = new PeerSendQueue<Item>(
    (next, before) => {
      started.push(next.messageId);
      previous.push(before?.messageId);
    },
    (next) => next.window,
  );
  return { q, started, previous };
}

describe('PeerSendQueue', () => {
  it('keeps as many in flight as the window allows, in the order written', () => {
    const { q, started, previous } = queue();
    for (const id of ['a', 'b', 'c', 'd', 'e']) q.push(item(id));
    expect(started).toEqual(['a', 'b', 'c']);
    // Each names the one before it still unconfirmed.
    expect(previous).toEqual([undefined, 'a', 'b']);
    q.settled('b');
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    expect(previous[3]).toBe('c');
    q.settled('a');
    expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(previous[4]).toBe('d');
    // Once the line is empty the next one follows nothing.
    for (const id of ['c', 'd', 'e']) q.settled(id);
    q.push(item('f'));
    expect(previous[5]).toBeUndefined();
  });

  it('sends a message that must go alone only once the line is empty, and nothing beside it', () => {
    const { q, started } = queue();
    q.push(item('a'));
    q.push(item('long', 1));
    q.push(item('b'));
    expect(started).toEqual(['a']);
    q.settled('a');
    expect(started).toEqual(['a', 'long']);
    q.settled('long');
    expect(started).toEqual(['a', 'long', 'b']);
  });

  it('gives back all but the given-up message, in order, and peers do not share a window', () => {
    const { q, started } = queue();
    for (const id of ['a', 'b', 'c', 'd']) q.push(item(id));
    q.push(item('x', 3, 'carol'));
    expect(started).toEqual(['a', 'b', 'c', 'x']);
    expect(q.takeAllBut('bob', 'a').map((i) => i.messageId)).toEqual(['b', 'c', 'd']);
    expect(['a', 'b', 'c', 'd', 'x'].map((id) => q.has(id))).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
    // Settling the given-up one starts nothing: the rest went back to the outbox.
    q.settled('a');
    expect(started).toEqual(['a', 'b', 'c', 'x']);
    q.push(item('e'));
    expect(started).toEqual(['a', 'b', 'c', 'x', 'e']);
  });

  it('is one at a time without a window (other clients)', () => {
    const started: string[] = [];
    const q = new PeerSendQueue<Item>((next) => started.push(next.messageId));
    q.push(item('a'));
    q.push(item('b'));
    expect(started).toEqual(['a']);
    q.settled('a');
    expect(started).toEqual(['a', 'b']);
  });
});
