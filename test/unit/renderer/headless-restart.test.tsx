// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WS_CLOSE_TOKEN_UNKNOWN } from '../../../src-shared/contract/ws-close';
import { Root } from '../../../src-renderer/app/Root';
import { createBridge } from '../../../src-renderer/bridge/bridge';
import { BridgeError } from '../../../src-renderer/bridge/errors';
import { startSession } from '../../../src-renderer/bridge/session';
import { connectWebSocketApi } from '../../../src-renderer/bridge/ws-api';
import { createI18n } from '../../../src-renderer/i18n/i18n';
import { createAppStore } from '../../../src-renderer/store/app-store';
import { peer, snapshot } from './support/fixtures';
import { FakeServer } from './support/fake-server';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const alice = peer({ nickname: 'Alice', status: 'online' });
const bob = peer({ nickname: 'Bob', status: 'away' });

describe('a headless tab left open while Pigeon restarted', () => {
  it('stops reconnecting once the server says its token is unknown, and fails what waits', async () => {
    vi.useFakeTimers();
    const server = new FakeServer();
    const socket = connectWebSocketApi({ url: 'ws://x/ws?token=old', connect: server.connect });
    server.latest.accept();
    const waiting = socket.api.getSnapshot();
    server.latest.drop(WS_CLOSE_TOKEN_UNKNOWN);
    expect(socket.state()).toBe('restarted');
    await expect(waiting).rejects.toMatchObject({ code: 'restarted' });
    await expect(socket.api.markRead({ conversationId: 'a@b' })).rejects.toBeInstanceOf(
      BridgeError,
    );
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.connections).toHaveLength(1);
  });

  it('an ordinary drop still reconnects and says "Reconnecting…"', async () => {
    vi.useFakeTimers();
    const server = new FakeServer();
    const socket = connectWebSocketApi({ url: 'ws://x/ws?token=t', connect: server.connect });
    server.latest.accept();
    server.latest.drop(1006);
    expect(socket.state()).toBe('disconnected');
    await vi.advanceTimersByTimeAsync(1000);
    expect(server.connections).toHaveLength(2);
  });

  it.each([
    ['en', 'Pigeon restarted: open the new address printed in the terminal', 'Contacts'],
    ['zh-CN', 'Pigeon 已重新启动：请打开终端里显示的新地址', '联系人'],
  ] as const)('says so (%s) and shows nobody online any more', async (language, words, tab) => {
    const server = new FakeServer();
    const location = {
      host: '127.0.0.1:4000',
      origin: 'http://127.0.0.1:4000',
      search: '?token=old',
    };
    const bridge = createBridge({ location, open: () => null }, server.connect);
    const store = createAppStore();
    startSession(bridge, store, { kind: 'contacts' });
    render(
      <Root
        bridge={bridge}
        store={store}
        i18n={createI18n(language)}
        languageOverride={language}
        route={{ kind: 'contacts' }}
      />,
    );
    await act(async () => {
      server.latest.accept();
      server.latest.answer(1, snapshot({ peers: [alice, bob] }));
      await Promise.resolve();
    });
    expect(await screen.findByRole('tab', { name: new RegExp(tab) })).toBeTruthy();
    expect(store.getState().peers.get(alice.id)?.status).toBe('online');

    await act(async () => server.latest.drop(WS_CLOSE_TOKEN_UNKNOWN));
    expect(screen.getByRole('alert').textContent).toBe(words);
    expect(screen.queryByText(/Reconnecting|正在重新连接/)).toBeNull();
    const statuses = [...store.getState().peers.values()].map((p) => p.status);
    expect(statuses).toEqual(['offline', 'offline']);
  });
});
