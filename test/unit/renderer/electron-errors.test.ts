// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { createBridge } from '../../../src-renderer/bridge/bridge';
import { electronApi } from '../../../src-renderer/bridge/electron-api';
import { BridgeError, describeError } from '../../../src-renderer/bridge/errors';
import { createFakeApi } from './support/fake-api';
import { snapshot } from './support/fixtures';

/** What the preload rejects with once contextBridge has copied it. */
const refused = { name: 'ContractError', code: 'invalid-request', message: 'Too big' };

describe('errors from window.pigeon', () => {
  it('become BridgeErrors with main’s code, as over the WebSocket', async () => {
    const fake = createFakeApi(snapshot());
    fake.api.sendMessage.mockRejectedValueOnce(refused);
    const bridge = createBridge({
      pigeon: fake.api,
      location: { host: 'x', origin: 'file://', search: '' },
      open: vi.fn(),
    });
    const error: unknown = await bridge.api
      .sendMessage({ conversationId: 'c', text: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BridgeError);
    expect(error).toMatchObject({ code: 'invalid-request', message: 'Too big' });
    expect(describeError(error)).toBe('Too big');
  });

  it('are passed on untouched when they carry no code', async () => {
    const fake = createFakeApi(snapshot());
    const plain = new Error('No handler registered');
    fake.api.markRead.mockRejectedValueOnce(plain);
    await expect(electronApi(fake.api).markRead({ conversationId: 'c' })).rejects.toBe(plain);
  });

  it('keep the event subscription working', () => {
    const fake = createFakeApi(snapshot());
    const listener = vi.fn();
    const unsubscribe = electronApi(fake.api).onEvents(listener);
    fake.emit([{ type: 'notice', level: 'info', code: 'x', message: 'hi' }]);
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
  });
});
