// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import type { SnapshotDTO } from '../../../src-shared/contract';
import { createBridge, type Bridge } from '../../../src-renderer/bridge/bridge';
import { MESSAGE_PAGE_SIZE, startSession } from '../../../src-renderer/bridge/session';
import type { ConnectionState } from '../../../src-renderer/store/state';
import { createAppStore } from '../../../src-renderer/store/app-store';
import { createFakeApi } from './support/fake-api';
import { message, peer, snapshot } from './support/fixtures';

const alice = peer({ nickname: 'Alice' });
const location = { host: 'localhost', origin: 'http://localhost', search: '' };

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** The electron bridge, with a connection state the test can drive. */
function bridgeWithConnection(fake: ReturnType<typeof createFakeApi>) {
  const base = createBridge({ pigeon: fake.api, location, open: vi.fn() });
  const listeners = new Set<(state: ConnectionState) => void>();
  let state: ConnectionState = 'connected';
  const bridge: Bridge = {
    ...base,
    connectionState: () => state,
    onConnectionChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const setState = (next: ConnectionState) => {
    state = next;
    for (const listener of listeners) listener(next);
  };
  return { bridge, setState };
}

describe('a window session', () => {
  it('subscribes once and holds events that arrive before the snapshot', async () => {
    const fake = createFakeApi(snapshot({ peers: [alice] }));
    const pending = deferred<SnapshotDTO>();
    fake.api.getSnapshot.mockReturnValueOnce(pending.promise);
    const store = createAppStore();
    startSession(createBridge({ pigeon: fake.api, location, open: vi.fn() }), store, {
      kind: 'contacts',
    });
    expect(fake.api.onEvents).toHaveBeenCalledTimes(1);

    // Alice went away after the snapshot was taken, but the event is faster.
    fake.emit([{ type: 'peer', peer: { ...alice, status: 'away' } }]);
    expect(store.getState().peers.size).toBe(0);
    pending.resolve(snapshot({ peers: [alice] }));
    await vi.waitFor(() => expect(store.getState().load.phase).toBe('ready'));
    expect(store.getState().peers.get(alice.id)?.status).toBe('away');

    fake.emit([{ type: 'peer', peer: { ...alice, status: 'offline' } }]);
    expect(store.getState().peers.get(alice.id)?.status).toBe('offline');
    expect(fake.api.onEvents).toHaveBeenCalledTimes(1);
  });

  it('in a chat window, loads the latest messages of its conversation', async () => {
    const fake = createFakeApi(snapshot({ peers: [alice] }));
    fake.api.listMessages.mockResolvedValue([message({ id: 'm1', at: 1 })]);
    const store = createAppStore();
    startSession(createBridge({ pigeon: fake.api, location, open: vi.fn() }), store, {
      kind: 'chat',
      conversationId: alice.id,
    });
    await vi.waitFor(() => expect(store.getState().messages.get(alice.id)?.ids).toEqual(['m1']));
    expect(fake.api.listMessages).toHaveBeenCalledWith({
      conversationId: alice.id,
      limit: MESSAGE_PAGE_SIZE,
    });
  });

  it('in a chat window opened at a message, loads the page around it, once', async () => {
    const fake = createFakeApi(snapshot({ peers: [alice] }));
    const { bridge, setState } = bridgeWithConnection(fake);
    fake.api.listMessages.mockResolvedValue([message({ id: 'm5', at: 5 })]);
    const store = createAppStore();
    startSession(bridge, store, { kind: 'chat', conversationId: alice.id, messageId: 'm5' });
    await vi.waitFor(() => expect(store.getState().messages.get(alice.id)?.ids).toEqual(['m5']));
    expect(fake.api.listMessages).toHaveBeenCalledWith({
      conversationId: alice.id,
      around: 'm5',
      limit: MESSAGE_PAGE_SIZE,
    });
    // After a reconnect it is the latest page again (nothing newer was missing).
    setState('disconnected');
    setState('connected');
    await vi.waitFor(() => expect(fake.api.listMessages).toHaveBeenCalledTimes(2));
    expect(fake.api.listMessages).toHaveBeenLastCalledWith({
      conversationId: alice.id,
      limit: MESSAGE_PAGE_SIZE,
    });
  });

  it('after a reconnect, leaves a stretch read at a search hit alone', async () => {
    const fake = createFakeApi(snapshot({ peers: [alice] }));
    const { bridge, setState } = bridgeWithConnection(fake);
    const page = Array.from({ length: MESSAGE_PAGE_SIZE }, (_, i) =>
      message({ id: `m${i}`, at: i }),
    );
    fake.api.listMessages.mockResolvedValue(page);
    const store = createAppStore();
    startSession(bridge, store, { kind: 'chat', conversationId: alice.id, messageId: 'm50' });
    await vi.waitFor(() => expect(store.getState().messages.get(alice.id)?.hasNewer).toBe(true));
    setState('disconnected');
    setState('connected');
    await vi.waitFor(() => expect(fake.api.getSnapshot).toHaveBeenCalledTimes(2));
    expect(fake.api.listMessages).toHaveBeenCalledTimes(1);
  });

  it('shows why the first load failed', async () => {
    const fake = createFakeApi(snapshot());
    fake.api.getSnapshot.mockRejectedValueOnce(new Error('main is gone'));
    const store = createAppStore();
    startSession(createBridge({ pigeon: fake.api, location, open: vi.fn() }), store, {
      kind: 'contacts',
    });
    await vi.waitFor(() =>
      expect(store.getState().load).toEqual({ phase: 'failed', error: 'main is gone' }),
    );
  });

  it('follows the connection and loads everything again after a reconnect', async () => {
    const fake = createFakeApi(snapshot({ peers: [alice] }));
    const { bridge, setState } = bridgeWithConnection(fake);
    const store = createAppStore();
    startSession(bridge, store, { kind: 'contacts' });
    await vi.waitFor(() => expect(store.getState().load.phase).toBe('ready'));

    setState('disconnected');
    expect(store.getState().connection).toBe('disconnected');
    const bob = peer({ nickname: 'Bob' });
    fake.setSnapshot(snapshot({ peers: [alice, bob] }));
    setState('connected');
    expect(store.getState().connection).toBe('connected');
    await vi.waitFor(() => expect(store.getState().peers.has(bob.id)).toBe(true));
    expect(fake.api.getSnapshot).toHaveBeenCalledTimes(2);
  });

  it('stops applying events once stopped', async () => {
    const fake = createFakeApi(snapshot({ peers: [alice] }));
    const store = createAppStore();
    const stop = startSession(createBridge({ pigeon: fake.api, location, open: vi.fn() }), store, {
      kind: 'contacts',
    });
    await vi.waitFor(() => expect(store.getState().load.phase).toBe('ready'));
    stop();
    expect(fake.listenerCount()).toBe(0);
  });
});
