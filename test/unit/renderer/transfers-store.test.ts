import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src-renderer/store/app-store';
import { isEventLike } from '../../../src-renderer/bridge/event-shape';
import { fakeTransfer } from './support/fake-api';
import { message, peer, snapshot } from './support/fixtures';

const alice = peer({ nickname: 'Alice' });
const bob = peer({ nickname: 'Bob' });

/** A chat window's store: Alice's conversation loaded, Bob's not. */
function chatStore() {
  const store = createAppStore();
  store.getState().applySnapshot(snapshot({ peers: [alice, bob] }));
  store.getState().mergeLatestMessages(alice.id, [message({ id: 'm0' })], 100);
  return store;
}

describe('transfers in the window store', () => {
  it('files transfer events by id and by message, for the conversations shown', () => {
    const store = chatStore();
    const mine = fakeTransfer({ id: 't1', messageId: 'm1' });
    const elsewhere = fakeTransfer({ id: 't2', messageId: 'm2', conversationId: bob.id });
    store.getState().applyEvents([
      { type: 'transfer', transfer: mine },
      { type: 'transfer', transfer: elsewhere },
    ]);
    expect(store.getState().transfers.get('t1')).toEqual(mine);
    const byMessage = (messageId: string) =>
      [...store.getState().transfers.values()].find((t) => t.messageId === messageId)?.id;
    expect(byMessage('m1')).toBe('t1');
    expect(store.getState().transfers.has('t2')).toBe(false);
  });

  it('takes the newest report of a batch, and keeps an ended transfer ended', () => {
    const store = chatStore();
    const active = fakeTransfer({ state: 'active' });
    store.getState().applyEvents([
      { type: 'transfer', transfer: { ...active, bytesDone: 100 } },
      { type: 'transfer', transfer: { ...active, bytesDone: 900 } },
    ]);
    expect(store.getState().transfers.get(active.id)?.bytesDone).toBe(900);
    store.getState().upsertTransfers([{ ...active, state: 'cancelled' }]);
    store.getState().applyEvents([{ type: 'transfer', transfer: { ...active, bytesDone: 1000 } }]);
    expect(store.getState().transfers.get(active.id)?.state).toBe('cancelled');
    // A failed one may start again (retry).
    store.getState().upsertTransfers([{ ...active, state: 'failed' }]);
    store.getState().upsertTransfers([{ ...active, state: 'active', bytesDone: 5 }]);
    expect(store.getState().transfers.get(active.id)?.state).toBe('active');
  });

  it('copies nothing for a batch without transfers', () => {
    const store = chatStore();
    const before = store.getState().transfers;
    store.getState().applyEvents([{ type: 'typing', conversationId: alice.id, typing: true }]);
    expect(store.getState().transfers).toBe(before);
  });

  it('drops a peer on peer-removed, and ignores an unknown one', () => {
    const store = chatStore();
    store.getState().applyEvents([{ type: 'peer-removed', peerId: bob.id }]);
    expect([...store.getState().peers.keys()]).toEqual([alice.id]);
    const peers = store.getState().peers;
    store.getState().applyEvents([{ type: 'peer-removed', peerId: 'nobody@nowhere' }]);
    expect(store.getState().peers).toBe(peers);
  });

  it('skips a malformed transfer event rather than failing the batch', () => {
    const store = chatStore();
    store
      .getState()
      .applyEvents([
        { type: 'transfer' } as never,
        { type: 'peer', peer: { ...alice, status: 'away' } },
      ]);
    expect(store.getState().peers.get(alice.id)?.status).toBe('away');
  });

  it('lets only well-formed transfer and peer-removed events through the socket', () => {
    expect(isEventLike({ type: 'transfer', transfer: fakeTransfer() })).toBe(true);
    expect(isEventLike({ type: 'transfer', transfer: { id: 'x' } })).toBe(false);
    expect(isEventLike({ type: 'peer-removed', peerId: 'udp:10.0.0.9:9000' })).toBe(true);
    expect(isEventLike({ type: 'peer-removed', peerId: 7 })).toBe(false);
  });
});
