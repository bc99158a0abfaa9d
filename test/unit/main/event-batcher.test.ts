import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PeerDTO, PigeonEvent } from '../../../src-shared/contract';
import { EventBatcher } from '../../../src-main/adapters/event-batcher';
import { message, peer } from './fake-core';

/** A peer event whose subject is counted each time anything reads it. */
function countedPeerEvent(id: string, reads: { count: number }): PigeonEvent {
  const base = peer({ id, nickname: id });
  const counted = Object.defineProperty({ ...base }, 'id', {
    get: () => {
      reads.count += 1;
      return id;
    },
    enumerable: true,
  }) as PeerDTO;
  return { type: 'peer', peer: counted };
}

describe('EventBatcher', () => {
  let batches: PigeonEvent[][];
  let batcher: EventBatcher;

  beforeEach(() => {
    vi.useFakeTimers();
    batches = [];
    batcher = new EventBatcher((events) => batches.push(events), 100);
  });

  afterEach(() => {
    batcher.dispose();
    vi.useRealTimers();
  });

  it('hands on one batch per interval', () => {
    batcher.push({ type: 'message', message: message({ id: 'a' }) });
    batcher.push({ type: 'message', message: message({ id: 'b' }) });
    expect(batches).toHaveLength(0);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.map((e) => (e.type === 'message' ? e.message.id : e.type))).toEqual([
      'a',
      'b',
    ]);
  });

  it('keeps only the latest event per subject, in the place of the latest', () => {
    batcher.push({ type: 'peer', peer: peer({ id: 'bob@pc2', nickname: 'Bob 1' }) });
    batcher.push({ type: 'message', message: message({ id: 'm1' }) });
    batcher.push({ type: 'peer', peer: peer({ id: 'carol@pc3', nickname: 'Carol' }) });
    batcher.push({ type: 'peer', peer: peer({ id: 'bob@pc2', nickname: 'Bob 2' }) });
    batcher.drain();
    expect(batches).toHaveLength(1);
    const described = batches[0]!.map((e) =>
      e.type === 'peer' ? e.peer.nickname : e.type === 'message' ? e.message.id : e.type,
    );
    expect(described).toEqual(['m1', 'Carol', 'Bob 2']);
  });

  it('drops news of a peer that is removed before the batch leaves', () => {
    batcher.push({ type: 'peer', peer: peer({ id: 'x@h' }) });
    batcher.push({ type: 'peer', peer: peer({ id: 'y@h' }) });
    batcher.push({ type: 'peer-removed', peerId: 'x@h' });
    vi.advanceTimersByTime(100);
    expect(batches[0]).toEqual([
      { type: 'peer', peer: peer({ id: 'y@h' }) },
      { type: 'peer-removed', peerId: 'x@h' },
    ]);
  });

  it('forgets where subjects were once a batch is delivered', () => {
    batcher.push({ type: 'peer', peer: peer({ id: 'bob@pc2', nickname: 'Bob 1' }) });
    batcher.drain();
    batcher.push({ type: 'message', message: message({ id: 'm2' }) });
    batcher.push({ type: 'peer', peer: peer({ id: 'bob@pc2', nickname: 'Bob 2' }) });
    batcher.drain();
    expect(batches).toHaveLength(2);
    expect(batches[1]!.map((e) => e.type)).toEqual(['message', 'peer']);
  });

  it('delivers nothing after dispose', () => {
    batcher.push({ type: 'message', message: message() });
    batcher.dispose();
    vi.advanceTimersByTime(1000);
    expect(batches).toHaveLength(0);
  });

  // Complexity, not time: each push may look at its own event's subject a fixed number
  // of times. A scan of the pending batch reads every earlier subject on every push
  // (about 50 million reads for 10,000 peers), which this bound cannot hide.
  it('reads each subject a constant number of times however large the batch', () => {
    const reads = { count: 0 };
    const peers = 10_000;
    for (let i = 0; i < peers; i += 1) batcher.push(countedPeerEvent(`p${i}@h`, reads));
    for (let i = 0; i < peers; i += 1) batcher.push(countedPeerEvent(`p${i}@h`, reads));
    batcher.drain();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(peers);
    expect(reads.count).toBeLessThanOrEqual(2 * peers * 2);
  });
});
