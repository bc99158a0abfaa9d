import { describe, expect, it } from 'vitest';
import { openStore } from '../../../src-main/core/store';
import { WriteGroup } from '../../../src-main/core/store/write-group';
import { receivingHarness } from './receiving-harness';

/** A Receiving that commits through a WriteGroup, counting commits and what each ack saw stored. */
function receiver() {
  const store = openStore(':memory:');
  const stored = (): number => store.messages.list('bob@pc').length;
  const commits: number[] = [];
  const acks: { packetNo: number; storedThen: number }[] = [];
  let depth = 0;
  const writes = new WriteGroup((work) => {
    depth += 1;
    try {
      return store.messages.atomically(work);
    } finally {
      depth -= 1;
      if (depth === 0) commits.push(stored());
    }
  });
  const { shown, receive, receiving } = receivingHarness(store, { writes }, (packetNo) =>
    acks.push({ packetNo, storedThen: stored() }),
  );
  return { commits, acks, shown: () => shown.map((m) => m.text), receive, stored, receiving };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('a burst of messages (group commit)', () => {
  it('stores the messages of one turn in one commit and acknowledges each only after it', async () => {
    const { commits, acks, shown, receive, stored } = receiver();
    receive(1, 'one');
    receive(2, 'two');
    receive(3, 'three');
    // Nothing acknowledged, nothing shown, before the commit.
    expect(acks).toEqual([]);
    expect(shown()).toEqual([]);
    await nextTurn();
    expect(commits).toEqual([3]);
    expect(acks).toEqual([
      { packetNo: 1, storedThen: 3 },
      { packetNo: 2, storedThen: 3 },
      { packetNo: 3, storedThen: 3 },
    ]);
    expect(shown()).toEqual(['one', 'two', 'three']);
    expect(stored()).toBe(3);
  });

  it('acknowledges a repeat of a message still waiting for its commit only after that commit', async () => {
    const { acks, receive, stored } = receiver();
    receive(7, 'hello');
    receive(7, 'hello'); // the sender's retry, within the same turn
    expect(acks).toEqual([]);
    await nextTurn();
    expect(acks).toEqual([
      { packetNo: 7, storedThen: 1 },
      { packetNo: 7, storedThen: 1 },
    ]);
    expect(stored()).toBe(1);
  });

  it('takes a repeat as a repeat while its first copy waits for the commit, even after the peer re-entered', async () => {
    const { acks, receive, receiving, stored } = receiver();
    const pigeon = '1_pigeon 0.1.0';
    receive(9, 'once', pigeon);
    // Its entry (every re-announce) clears the duplicate filter; the history has nothing yet.
    receiving.peerReentered('bob@pc');
    receive(9, 'once', pigeon);
    await nextTurn();
    expect(stored()).toBe(1);
    expect(acks.map((a) => a.packetNo)).toEqual([9, 9]);
  });
});
