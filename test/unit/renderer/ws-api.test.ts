// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PigeonEvent } from '../../../src-shared/contract';
import { BridgeError } from '../../../src-renderer/bridge/errors';
import { connectWebSocketApi } from '../../../src-renderer/bridge/ws-api';
import { peer, snapshot } from './support/fixtures';
import { FakeServer } from './support/fake-server';

const URL = 'ws://127.0.0.1:4000/ws?token=t0k';

describe('the WebSocket api', () => {
  let server: FakeServer;

  beforeEach(() => {
    vi.useFakeTimers();
    server = new FakeServer();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const connect = () =>
    connectWebSocketApi({ url: URL, connect: server.connect, firstDelayMs: 100, maxDelayMs: 400 });

  it('connects to the given URL and queues requests until the socket opens', async () => {
    const { api, state } = connect();
    expect(server.latest.url).toBe(URL);
    expect(state()).toBe('connecting');
    const answer = api.getSnapshot();
    expect(server.latest.sent).toEqual([]);
    server.latest.accept();
    expect(state()).toBe('connected');
    expect(server.latest.sent).toEqual([{ id: 1, channel: 'getSnapshot' }]);
    server.latest.answer(1, snapshot());
    await expect(answer).resolves.toMatchObject({ self: { nickname: '小明' } });
  });

  it('matches answers to requests by id, whatever their order', async () => {
    const { api } = connect();
    server.latest.accept();
    const first = api.sendMessage({ conversationId: 'a@b', text: 'one' });
    const second = api.markRead({ conversationId: 'a@b' });
    expect(server.latest.sent).toEqual([
      { id: 1, channel: 'sendMessage', request: { conversationId: 'a@b', text: 'one' } },
      { id: 2, channel: 'markRead', request: { conversationId: 'a@b' } },
    ]);
    server.latest.answer(2, { id: 'a@b', peerId: 'a@b', unread: 0 });
    server.latest.answer(1, [{ id: 'm1' }]);
    await expect(second).resolves.toEqual({ id: 'a@b', peerId: 'a@b', unread: 0 });
    await expect(first).resolves.toEqual([{ id: 'm1' }]);
  });

  it('carries the history, search, export and settings channels like any other', async () => {
    const { api } = connect();
    server.latest.accept();
    const calls = [
      api.cancelMessage({ messageId: 'm1' }),
      api.searchMessages({ query: '开会', limit: 50 }),
      api.exportConversation({ conversationId: 'a@b', format: 'json' }),
      api.getSettings(),
      api.updateSettings({ port: 2426 }),
      api.listMessages({ conversationId: 'a@b', around: 'm1', limit: 100 }),
    ];
    expect(server.latest.sent.map((frame) => frame.channel)).toEqual([
      'cancelMessage',
      'searchMessages',
      'exportConversation',
      'getSettings',
      'updateSettings',
      'listMessages',
    ]);
    expect(server.latest.sent[1]?.request).toEqual({ query: '开会', limit: 50 });
    expect(server.latest.sent[3]).toEqual({ id: 4, channel: 'getSettings' });
    server.latest.sent.forEach((frame) => server.latest.answer(frame.id, frame.channel));
    await expect(Promise.all(calls)).resolves.toEqual([
      'cancelMessage',
      'searchMessages',
      'exportConversation',
      'getSettings',
      'updateSettings',
      'listMessages',
    ]);
  });

  it('rejects with the server’s message and code when a request fails', async () => {
    const { api } = connect();
    server.latest.accept();
    const answer = api.sendMessage({ conversationId: 'a@b', text: 'x'.repeat(30) });
    server.latest.refuse(1, 'invalid-request', 'Invalid sendMessage request at text: too long');
    const error = await answer.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect((error as BridgeError).message).toBe('Invalid sendMessage request at text: too long');
    expect((error as BridgeError).code).toBe('invalid-request');
  });

  it('hands pushed events to every subscriber until it unsubscribes', () => {
    const { api } = connect();
    server.latest.accept();
    const seen: PigeonEvent[][] = [];
    const other: PigeonEvent[][] = [];
    const unsubscribe = api.onEvents((events) => seen.push(events));
    api.onEvents((events) => other.push(events));
    const alice = peer({ nickname: 'Alice' });
    server.latest.push([{ type: 'peer', peer: alice }]);
    unsubscribe();
    server.latest.push([{ type: 'peer', peer: { ...alice, status: 'away' } }]);
    expect(seen).toEqual([[{ type: 'peer', peer: alice }]]);
    expect(other).toHaveLength(2);
  });

  it('ignores frames that are not JSON, not objects, or events without their payload', () => {
    const { api } = connect();
    server.latest.accept();
    const seen: PigeonEvent[][] = [];
    api.onEvents((events) => seen.push(events));
    server.latest.raw('not json');
    server.latest.raw(new ArrayBuffer(4));
    server.latest.raw('[1,2]');
    server.latest.raw(JSON.stringify({ id: 99, ok: true, value: 1 }));
    server.latest.push([{ type: 'peer' }, { type: 'message', message: { id: 'x' } }, 'junk']);
    expect(seen).toEqual([]);
  });

  it('reconnects with growing delays, rejects what was in flight and sends what was queued', async () => {
    const { api, state, onStateChange } = connect();
    const states: string[] = [];
    onStateChange((s) => states.push(s));
    server.latest.accept();
    const inFlight = api.getSnapshot();
    server.latest.drop();
    await expect(inFlight).rejects.toThrow(/lost/);
    expect(state()).toBe('disconnected');

    const queued = api.refreshPeers();
    expect(server.connections).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(server.connections).toHaveLength(2);
    server.latest.drop(); // the server is still down
    vi.advanceTimersByTime(199);
    expect(server.connections).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(server.connections).toHaveLength(3);
    server.latest.drop();
    vi.advanceTimersByTime(400); // capped at maxDelayMs
    expect(server.connections).toHaveLength(4);

    server.latest.accept();
    expect(state()).toBe('connected');
    expect(server.latest.sent).toEqual([{ id: 2, channel: 'refreshPeers' }]);
    server.latest.answer(2, { ok: true });
    await expect(queued).resolves.toEqual({ ok: true });
    expect(states).toEqual(['connected', 'disconnected', 'connected']);

    // After a good connection the delay starts small again.
    server.latest.drop();
    vi.advanceTimersByTime(100);
    expect(server.connections).toHaveLength(5);
  });

  it('ignores a connection it has given up on', () => {
    const { api } = connect();
    const first = server.latest;
    first.drop();
    vi.advanceTimersByTime(100);
    const seen: PigeonEvent[][] = [];
    api.onEvents((events) => seen.push(events));
    first.push([{ type: 'stats', stats: {} }]);
    expect(seen).toEqual([]);
  });

  it('stops for good when closed', async () => {
    const { api, close } = connect();
    server.latest.accept();
    const pending = api.getSnapshot();
    close();
    await expect(pending).rejects.toThrow(/closed/);
    expect(server.latest.closedByClient).toBe(true);
    await expect(api.getSnapshot()).rejects.toThrow(/closed/);
    server.latest.drop();
    vi.advanceTimersByTime(10_000);
    expect(server.connections).toHaveLength(1);
  });
});
