import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { contextBridge, ipcRenderer } from './fake-electron';
import {
  channelNames,
  EVENTS_CHANNEL,
  ipcChannel,
  type PigeonApi,
  type PigeonEvent,
} from '../../../src-shared/contract';

let api: PigeonApi;

beforeAll(async () => {
  await import('../../../preload/index');
  api = contextBridge.exposed.get('pigeon') as PigeonApi;
});

describe('preload', () => {
  beforeEach(() => {
    ipcRenderer.invoke.mockReset();
    ipcRenderer.removeAllListeners();
  });

  it('exposes window.pigeon with one function per channel and onEvents, nothing else', () => {
    expect(contextBridge.exposeInMainWorld.mock.calls.map(([key]) => key)).toEqual([
      'pigeon',
      'pigeonFiles',
    ]);
    expect(Object.keys(api).sort()).toEqual([...channelNames, 'onEvents'].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(Object.values(api)).not.toContain(ipcRenderer);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it.each(channelNames)('%s invokes its IPC channel with the request', async (name) => {
    ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: { answer: name } });
    const request = { probe: name };
    const send = api[name] as (request: unknown) => Promise<unknown>;
    await expect(send(request)).resolves.toEqual({ answer: name });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(ipcChannel(name), request);
  });

  it('turns a failed reply into a rejection with the plain message', async () => {
    ipcRenderer.invoke.mockResolvedValueOnce({
      ok: false,
      code: 'invalid-request',
      message: 'Invalid sendMessage request at text: Too small',
    });
    await expect(api.sendMessage({ conversationId: 'bob@pc2', text: '' })).rejects.toThrow(
      /^Invalid sendMessage request at text: Too small$/,
    );
    ipcRenderer.invoke.mockResolvedValueOnce('not an envelope');
    await expect(api.getSnapshot()).rejects.toThrow('Something went wrong');
  });

  it('passes only the event batch to a listener, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = api.onEvents(listener);
    expect(ipcRenderer.listenerCount(EVENTS_CHANNEL)).toBe(1);

    const batch: PigeonEvent[] = [{ type: 'notice', level: 'info', code: 'x', message: 'hi' }];
    const ipcEvent = { sender: ipcRenderer, ports: [] };
    ipcRenderer.emit(EVENTS_CHANNEL, ipcEvent, batch);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener.mock.calls[0]).toEqual([batch]);

    unsubscribe();
    expect(ipcRenderer.listenerCount(EVENTS_CHANNEL)).toBe(0);
    ipcRenderer.emit(EVENTS_CHANNEL, ipcEvent, batch);
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('unsubscribes only its own listener', () => {
    const kept = vi.fn();
    api.onEvents(kept);
    const unsubscribe = api.onEvents(vi.fn());
    unsubscribe();
    ipcRenderer.emit(EVENTS_CHANNEL, {}, []);
    expect(kept).toHaveBeenCalledWith([]);
  });
});
