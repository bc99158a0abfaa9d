// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../src-renderer/store/app-store';
import { conversation, message, peer, snapshot, stats } from './support/fixtures';

const alice = peer({ nickname: 'Alice' });
const bob = peer({ nickname: 'Bob', status: 'away' });
const conversationId = alice.id;

function loadedStore() {
  const store = createAppStore();
  store.getState().applySnapshot(snapshot({ peers: [alice], conversations: [] }));
  store.getState().mergeLatestMessages(conversationId, [], 100);
  return store;
}

describe('the window store', () => {
  it('takes peers, conversations, self and stats from the snapshot and becomes ready', () => {
    const store = createAppStore();
    expect(store.getState().load.phase).toBe('loading');
    store.getState().applySnapshot(
      snapshot({
        peers: [alice, bob],
        conversations: [conversation({ peerId: bob.id, unread: 2 })],
      }),
    );
    const state = store.getState();
    expect(state.load.phase).toBe('ready');
    expect([...state.peers.keys()]).toEqual([alice.id, bob.id]);
    expect(state.conversations.get(bob.id)?.unread).toBe(2);
    expect(state.self?.nickname).toBe('小明');
    expect(state.stats?.datagramsIn).toBe(1200);
  });

  it('applies peer events by id: a new peer is added, a known one replaced', () => {
    const store = loadedStore();
    store.getState().applyEvents([
      { type: 'peer', peer: bob },
      { type: 'peer', peer: { ...alice, status: 'offline', nickname: 'Alice (home)' } },
    ]);
    const peers = store.getState().peers;
    expect(peers.size).toBe(2);
    expect(peers.get(alice.id)?.status).toBe('offline');
    expect(peers.get(alice.id)?.nickname).toBe('Alice (home)');
    expect(peers.get(bob.id)?.status).toBe('away');
  });

  it('keeps the last of several updates in one batch', () => {
    const store = loadedStore();
    store.getState().applyEvents([
      { type: 'conversation', conversation: conversation({ peerId: alice.id, unread: 1 }) },
      { type: 'conversation', conversation: conversation({ peerId: alice.id, unread: 3 }) },
      { type: 'stats', stats: { ...stats, datagramsIn: 1 } },
      { type: 'stats', stats: { ...stats, datagramsIn: 2 } },
    ]);
    expect(store.getState().conversations.get(alice.id)?.unread).toBe(3);
    expect(store.getState().stats?.datagramsIn).toBe(2);
  });

  it('orders messages by time whatever order they arrive in, ties by arrival', () => {
    const store = loadedStore();
    store.getState().applyEvents([
      { type: 'message', message: message({ id: 'c', at: 300 }) },
      { type: 'message', message: message({ id: 'a', at: 100 }) },
      { type: 'message', message: message({ id: 'b1', at: 200 }) },
      { type: 'message', message: message({ id: 'b2', at: 200 }) },
      { type: 'message', message: message({ id: 'd', at: 400 }) },
    ]);
    expect(store.getState().messages.get(conversationId)?.ids).toEqual(['a', 'b1', 'b2', 'c', 'd']);
  });

  it('replaces a message with the same id instead of adding it twice', () => {
    const store = loadedStore();
    const sending = message({ id: 'm1', direction: 'out', state: 'sending', at: 100 });
    store.getState().applyEvents([{ type: 'message', message: sending }]);
    store
      .getState()
      .applyEvents([{ type: 'message', message: { ...sending, state: 'delivered' } }]);
    const entry = store.getState().messages.get(conversationId);
    expect(entry?.ids).toEqual(['m1']);
    expect(entry?.byId.get('m1')?.state).toBe('delivered');
  });

  it('moves a replaced message whose time changed (a resend)', () => {
    const store = loadedStore();
    store
      .getState()
      .upsertMessages([
        message({ id: 'm1', at: 100, state: 'failed', direction: 'out' }),
        message({ id: 'm2', at: 200 }),
      ]);
    store
      .getState()
      .upsertMessages([message({ id: 'm1', at: 300, state: 'sending', direction: 'out' })]);
    expect(store.getState().messages.get(conversationId)?.ids).toEqual(['m2', 'm1']);
  });

  it('keeps messages only for conversations this window has loaded', () => {
    const store = loadedStore();
    store
      .getState()
      .applyEvents([
        { type: 'message', message: message({ id: 'elsewhere', conversationId: bob.id }) },
      ]);
    expect(store.getState().messages.has(bob.id)).toBe(false);
  });

  it('learns from the first page whether older messages exist, and pages backwards', () => {
    const store = createAppStore();
    const page = [message({ id: 'm3', at: 3 }), message({ id: 'm4', at: 4 })];
    store.getState().mergeLatestMessages(conversationId, page, 2);
    expect(store.getState().messages.get(conversationId)?.hasOlder).toBe(true);
    store.getState().mergeOlderMessages(conversationId, [message({ id: 'm1', at: 1 })], 2);
    const entry = store.getState().messages.get(conversationId);
    expect(entry?.ids).toEqual(['m1', 'm3', 'm4']);
    expect(entry?.hasOlder).toBe(false);
    // A reload after a reconnect does not pretend there is more again.
    store.getState().mergeLatestMessages(conversationId, page, 2);
    expect(store.getState().messages.get(conversationId)?.hasOlder).toBe(false);
  });

  it('keeps loaded messages one unbroken stretch: events outside it wait for paging', () => {
    const store = createAppStore();
    const page = [message({ id: 'm3', at: 3 }), message({ id: 'm4', at: 4 })];
    store.getState().showMessagesAround(conversationId, page, 2);
    let entry = store.getState().messages.get(conversationId);
    expect(entry).toMatchObject({ ids: ['m3', 'm4'], hasOlder: true, hasNewer: true });
    store.getState().applyEvents([
      { type: 'message', message: message({ id: 'new', at: 9 }) },
      { type: 'message', message: message({ id: 'old', at: 1 }) },
      { type: 'message', message: message({ id: 'm4', at: 4, text: 'edited' }) },
    ]);
    entry = store.getState().messages.get(conversationId);
    expect(entry?.ids).toEqual(['m3', 'm4']);
    expect(entry?.byId.get('m4')?.text).toBe('edited');
    // A loaded message that moved past the end (resent later) leaves the stretch.
    store.getState().upsertMessages([message({ id: 'm3', at: 10 })]);
    expect(store.getState().messages.get(conversationId)?.ids).toEqual(['m4']);

    store.getState().mergeNewerMessages(conversationId, [message({ id: 'm5', at: 5 })], 2);
    entry = store.getState().messages.get(conversationId);
    expect(entry).toMatchObject({ ids: ['m4', 'm5'], hasNewer: false, hasOlder: true });
    store.getState().applyEvents([{ type: 'message', message: message({ id: 'new', at: 9 }) }]);
    expect(store.getState().messages.get(conversationId)?.ids).toEqual(['m4', 'm5', 'new']);
  });

  it('goes back to the latest page, dropping the stretch read before', () => {
    const store = createAppStore();
    store.getState().showMessagesAround(conversationId, [message({ id: 'm1', at: 1 })], 2);
    expect(store.getState().messages.get(conversationId)).toMatchObject({
      hasOlder: false,
      hasNewer: false,
    });
    store.getState().showLatestMessages(conversationId, [message({ id: 'm9', at: 9 })], 2);
    expect(store.getState().messages.get(conversationId)).toMatchObject({
      ids: ['m9'],
      hasOlder: false,
      hasNewer: false,
    });
  });

  it('keeps the network settings sent by events', () => {
    const store = loadedStore();
    const settings = {
      port: 2426,
      downloadDir: '/tmp',
      hosts: [],
      broadcastAddresses: ['10.0.0.255'],
      restartNeeded: true,
    };
    store.getState().applyEvents([{ type: 'settings', settings }]);
    expect(store.getState().networkSettings).toEqual(settings);
  });

  it('tracks unread counts and their reset by markRead', () => {
    const store = loadedStore();
    store
      .getState()
      .applyEvents([
        { type: 'conversation', conversation: conversation({ peerId: alice.id, unread: 4 }) },
      ]);
    expect(store.getState().conversations.get(alice.id)?.unread).toBe(4);
    store.getState().upsertConversation(conversation({ peerId: alice.id, unread: 0 }));
    expect(store.getState().conversations.get(alice.id)?.unread).toBe(0);
  });

  it('shows one banner per notice code, the newest last, and dismisses it', () => {
    const store = loadedStore();
    store.getState().applyEvents([
      { type: 'notice', level: 'error', code: 'port-in-use', message: 'Port 2425 is in use' },
      { type: 'notice', level: 'info', code: 'other', message: 'Hello' },
      { type: 'notice', level: 'error', code: 'port-in-use', message: 'Port 2425 is still in use' },
    ]);
    expect(store.getState().notices.map((n) => n.message)).toEqual([
      'Hello',
      'Port 2425 is still in use',
    ]);
    store.getState().dismissNotice('port-in-use');
    expect(store.getState().notices.map((n) => n.code)).toEqual(['other']);
  });

  it('ignores event types it does not know', () => {
    const store = loadedStore();
    const before = store.getState();
    store.getState().applyEvents([{ type: 'hologram', id: 'x' } as never]);
    expect(store.getState().peers).toBe(before.peers);
    expect(store.getState().messages).toBe(before.messages);
  });

  it('does not let a peer id touch the prototype', () => {
    const store = loadedStore();
    store.getState().applyEvents([{ type: 'peer', peer: { ...alice, id: '__proto__' } }]);
    expect(store.getState().peers.get('__proto__')?.nickname).toBe('Alice');
    expect(({} as Record<string, unknown>).nickname).toBeUndefined();
  });
});
