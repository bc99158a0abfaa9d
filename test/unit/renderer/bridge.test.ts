// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src-renderer/bridge/bridge';
import { describeError } from '../../../src-renderer/bridge/errors';
import { parseRoute, readLaunchParams } from '../../../src-renderer/bridge/launch-params';
import { createFakeApi } from './support/fake-api';
import { FakeServer } from './support/fake-server';
import { snapshot } from './support/fixtures';

const headless = { host: '127.0.0.1:4100', origin: 'http://127.0.0.1:4100' };

describe('the bridge', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('uses window.pigeon when Electron provides it; main opens the chat window', async () => {
    const fake = createFakeApi(snapshot());
    const open = vi.fn();
    const bridge = createBridge({
      pigeon: fake.api,
      location: { ...headless, search: '?token=x' },
      open,
    });
    expect(bridge.mode).toBe('electron');
    // Every call goes to window.pigeon (wrapped only to keep main's error codes).
    expect(Object.keys(bridge.api).sort()).toEqual(Object.keys(fake.api).sort());
    await expect(bridge.api.getSnapshot()).resolves.toEqual(snapshot());
    expect(fake.api.getSnapshot).toHaveBeenCalledTimes(1);
    await expect(bridge.openChat('alice@pc')).resolves.toBe('alice@pc');
    expect(fake.api.openConversation).toHaveBeenCalledWith({ peerId: 'alice@pc' });
    expect(open).not.toHaveBeenCalled();
    expect(bridge.connectionState()).toBe('connected');
  });

  it('without window.pigeon, connects to /ws with the page’s token', () => {
    const server = new FakeServer();
    createBridge(
      { location: { ...headless, search: '?token=a%2Bb' }, open: vi.fn() },
      server.connect,
    );
    expect(server.latest.url).toBe('ws://127.0.0.1:4100/ws?token=a%2Bb');
  });

  it('opens one named window per conversation in WebSocket mode', async () => {
    const server = new FakeServer();
    const open = vi.fn(() => ({}));
    const bridge = createBridge(
      { location: { ...headless, search: '?token=tok&lang=en' }, open },
      server.connect,
    );
    server.latest.accept();
    const opened = bridge.openChat('alice@pc');
    expect(server.latest.sent).toEqual([
      { id: 1, channel: 'openConversation', request: { peerId: 'alice@pc' } },
    ]);
    server.latest.answer(1, { conversationId: 'alice@pc' });
    await expect(opened).resolves.toBe('alice@pc');
    expect(open).toHaveBeenCalledWith(
      'http://127.0.0.1:4100/?token=tok&lang=en#/chat/alice%40pc',
      'pigeon-chat-alice@pc',
    );
    expect(parseRoute('#/chat/alice%40pc')).toEqual({ kind: 'chat', conversationId: 'alice@pc' });
  });

  it('opens a chat window at a message: the hash carries its id', async () => {
    const server = new FakeServer();
    const open = vi.fn(() => ({}));
    const bridge = createBridge(
      { location: { ...headless, search: '?token=tok' }, open },
      server.connect,
    );
    server.latest.accept();
    const opened = bridge.openChat('alice@pc', {
      conversationId: 'alice@pc',
      messageId: 'm 7&x',
    });
    server.latest.answer(1, { conversationId: 'alice@pc' });
    await opened;
    expect(open).toHaveBeenCalledWith(
      'http://127.0.0.1:4100/?token=tok#/chat/alice%40pc?message=m+7%26x',
      'pigeon-chat-alice@pc',
    );
    expect(parseRoute('#/chat/alice%40pc?message=m+7%26x')).toEqual({
      kind: 'chat',
      conversationId: 'alice@pc',
      messageId: 'm 7&x',
    });
  });

  it('under Electron, asks main to open the chat window at the message', async () => {
    const fake = createFakeApi(snapshot());
    const bridge = createBridge({
      pigeon: fake.api,
      location: { ...headless, search: '' },
      open: vi.fn(),
    });
    await expect(
      bridge.openChat('alice@pc', { conversationId: 'alice@pc', messageId: 'm1' }),
    ).resolves.toBe('alice@pc');
    expect(fake.api.openConversation).toHaveBeenCalledWith({ peerId: 'alice@pc', messageId: 'm1' });
  });

  it('says so when the browser blocks the chat window', async () => {
    const server = new FakeServer();
    const bridge = createBridge(
      { location: { ...headless, search: '?token=tok' }, open: () => null },
      server.connect,
    );
    server.latest.accept();
    const opened = bridge.openChat('alice@pc');
    server.latest.answer(1, { conversationId: 'alice@pc' });
    await expect(opened).rejects.toThrow(/blocked/);
  });

  it('refuses to start with neither Electron nor a token', () => {
    expect(() => createBridge({ location: { ...headless, search: '' }, open: vi.fn() })).toThrow(
      /not reachable/,
    );
  });
});

describe('launch parameters and routes', () => {
  it('reads the token and a valid language override only', () => {
    expect(readLaunchParams('?token=abc&lang=en')).toEqual({ token: 'abc', language: 'en' });
    expect(readLaunchParams('?lang=fr')).toEqual({ token: undefined, language: undefined });
  });

  it('routes the empty hash and #/ to the contacts, #/chat/<id> to a chat', () => {
    expect(parseRoute('')).toEqual({ kind: 'contacts' });
    expect(parseRoute('#/')).toEqual({ kind: 'contacts' });
    expect(parseRoute('#/chat/bob@host')).toEqual({ kind: 'chat', conversationId: 'bob@host' });
    expect(parseRoute('#/chat/100%')).toEqual({ kind: 'chat', conversationId: '100%' });
    expect(parseRoute('#/chat/')).toEqual({ kind: 'contacts' });
    expect(parseRoute('#/chat/bob@host?message=')).toEqual({
      kind: 'chat',
      conversationId: 'bob@host',
    });
    expect(parseRoute('#/chat/?message=m1')).toEqual({ kind: 'contacts' });
  });

  it('describes an error by its plain words, without the name of another realm’s error', () => {
    expect(describeError(new Error('Invalid sendMessage request at text: Too big'))).toBe(
      'Invalid sendMessage request at text: Too big',
    );
    expect(describeError('TypeError: Failed to fetch')).toBe('Failed to fetch');
    expect(describeError('plain')).toBe('plain');
  });
});
