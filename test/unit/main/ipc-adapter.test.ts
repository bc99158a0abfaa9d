import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';

vi.mock('electron', () => import('./fake-electron'));

import { FakeWebContents, ipcMain, resetFakeElectron } from './fake-electron';
import { createFakeCore, message, type FakeCore } from './fake-core';
import {
  channelNames,
  ContractError,
  EVENTS_CHANNEL,
  ipcChannel,
  type PigeonEvent,
} from '../../../src-shared/contract';
import { createIpcAdapter, type IpcAdapter } from '../../../src-main/ipc/ipc-adapter';
import { createRendererLocation } from '../../../src-main/shell/renderer-location';

const index = path.resolve('/opt/pigeon/out/renderer/index.html');
const ownPage = `${pathToFileURL(index).href}#/chat/bob@pc2`;
const renderer = createRendererLocation(index);

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

describe('IPC adapter', () => {
  let core: FakeCore;
  let contents: FakeWebContents[];
  let adapter: IpcAdapter;
  let showConversation: Mock<(conversationId: string) => void>;
  let logError: Mock<(message: string, error: unknown) => void>;
  let stagePicture: Mock<(name: string, bytes: Uint8Array) => Promise<string>>;

  beforeEach(() => {
    resetFakeElectron();
    vi.useFakeTimers();
    core = createFakeCore();
    contents = [new FakeWebContents(), new FakeWebContents()];
    showConversation = vi.fn();
    logError = vi.fn();
    stagePicture = vi.fn(async (name: string) => `/tmp/Pigeon/pasted/${name}`);
    adapter = createIpcAdapter({
      core,
      windows: {
        isOwnWebContents: (candidate) => contents.includes(candidate as unknown as FakeWebContents),
        isOwnPage: (url) => renderer.isOwnPage(url),
        liveWebContents: () => contents as never,
      },
      showConversation,
      showPath: () => true,
      chooseDirectory: async () => '/home/ann/Saved',
      stagePicture,
      logError,
    });
  });

  afterEach(() => {
    adapter.dispose();
    vi.useRealTimers();
  });

  /** Call a channel through the handler registered with ipcMain, as a renderer would. */
  function call(
    channel: string,
    raw: unknown,
    sender: unknown = contents[0],
    frame?: FakeFrame | null,
  ) {
    const listener = ipcMain.handlers.get(channel);
    if (!listener) throw new Error(`no handler for ${channel}`);
    const senderFrame = frame === undefined ? { url: ownPage, parent: null } : frame;
    return listener({ sender, senderFrame }, raw) as Promise<unknown>;
  }

  it('registers a handler for every contract channel and removes them on dispose', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual(channelNames.map(ipcChannel).sort());
    adapter.dispose();
    expect(ipcMain.handlers.size).toBe(0);
    expect(core.listenerCount()).toBe(0);
  });

  it('answers a request from its own window', async () => {
    const reply = await call(ipcChannel('sendMessage'), { conversationId: 'bob@pc2', text: 'hi' });
    expect(core.sendMessage).toHaveBeenCalledWith({ conversationId: 'bob@pc2', text: 'hi' });
    expect(reply).toMatchObject({ ok: true, value: [{ text: 'hi', direction: 'out' }] });
  });

  it.each([
    ['a foreign page', { url: 'https://evil.example/', parent: null }, undefined],
    ['another local file', { url: pathToFileURL('/tmp/evil.html').href, parent: null }, undefined],
    ['a subframe', { url: ownPage, parent: { url: ownPage, parent: null } }, undefined],
    ['a destroyed frame', null, undefined],
    [
      'contents that are not a Pigeon window',
      { url: ownPage, parent: null },
      new FakeWebContents(),
    ],
  ])('refuses a request from %s before looking at it', async (_name, frame, sender) => {
    const reply = await call(
      ipcChannel('sendMessage'),
      { conversationId: 'bob@pc2', text: 'hi' },
      sender ?? contents[0],
      frame,
    );
    expect(reply).toMatchObject({ ok: false, code: 'forbidden' });
    expect(core.sendMessage).not.toHaveBeenCalled();
  });

  it('rejects a malformed request as invalid-request without calling the core', async () => {
    for (const raw of [
      { conversationId: 'bob@pc2', text: '' },
      { conversationId: 'bob@pc2', text: 42 },
      { text: 'hi' },
      'sendMessage',
      null,
    ]) {
      const reply = await call(ipcChannel('sendMessage'), raw);
      expect(reply).toMatchObject({ ok: false, code: 'invalid-request' });
      expect((reply as { message: string }).message).toMatch(/Invalid sendMessage request/);
    }
    expect(await call(ipcChannel('refreshPeers'), { extra: true })).toMatchObject({
      ok: false,
      code: 'invalid-request',
    });
    expect(core.sendMessage).not.toHaveBeenCalled();
    expect(core.refreshPeers).not.toHaveBeenCalled();
  });

  it('passes a ContractError message through and hides unexpected errors', async () => {
    core.resendMessage.mockImplementationOnce(() => {
      throw new ContractError('failed', 'That message was already delivered.');
    });
    expect(await call(ipcChannel('resendMessage'), { messageId: 'm1' })).toEqual({
      ok: false,
      code: 'failed',
      message: 'That message was already delivered.',
    });

    const secret = new Error('EACCES /home/ann/.config/Pigeon/db');
    core.markRead.mockImplementationOnce(() => {
      throw secret;
    });
    expect(await call(ipcChannel('markRead'), { conversationId: 'bob@pc2' })).toEqual({
      ok: false,
      code: 'failed',
      message: 'Something went wrong',
    });
    expect(logError).toHaveBeenCalledWith(expect.stringContaining('markRead'), secret);
  });

  it('shows the chat window when a conversation is opened', async () => {
    const reply = await call(ipcChannel('openConversation'), { peerId: 'bob@pc2' });
    expect(reply).toEqual({ ok: true, value: { conversationId: 'bob@pc2' } });
    expect(showConversation).toHaveBeenCalledWith('bob@pc2', undefined);
    // A search hit opens the window at the message.
    await call(ipcChannel('openConversation'), { peerId: 'bob@pc2', messageId: 'm9' });
    expect(showConversation).toHaveBeenLastCalledWith('bob@pc2', 'm9');
  });

  it('stages a pasted picture through the shell, after checking it is one', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    const reply = await call(ipcChannel('stagePicture'), {
      name: 'image.png',
      mimeType: 'image/png',
      base64: png.toString('base64'),
    });
    expect(reply).toEqual({ ok: true, value: { path: '/tmp/Pigeon/pasted/image.png' } });
    expect(stagePicture).toHaveBeenCalledWith('image.png', png);

    const lie = await call(ipcChannel('stagePicture'), {
      name: 'image.png',
      mimeType: 'image/png',
      base64: Buffer.from('#!/bin/sh\n').toString('base64'),
    });
    expect(lie).toMatchObject({ ok: false, code: 'invalid-request' });
    expect(stagePicture).toHaveBeenCalledTimes(1);
  });

  it('delivers events in batches to every live window, skipping destroyed ones', () => {
    const first: PigeonEvent = { type: 'message', message: message({ id: 'a' }) };
    const second: PigeonEvent = { type: 'message', message: message({ id: 'b' }) };
    const notice: PigeonEvent = {
      type: 'notice',
      level: 'error',
      code: 'x',
      message: 'port in use',
    };
    contents[1]!.destroyed = true;

    core.emit(first);
    core.emit(second);
    core.emit(notice);
    expect(contents[0]!.send).not.toHaveBeenCalled();

    vi.advanceTimersByTime(100);
    expect(contents[0]!.send).toHaveBeenCalledTimes(1);
    expect(contents[0]!.send).toHaveBeenCalledWith(EVENTS_CHANNEL, [first, second, notice]);
    expect(contents[1]!.send).not.toHaveBeenCalled();

    core.emit(first);
    vi.advanceTimersByTime(100);
    expect(contents[0]!.send).toHaveBeenCalledTimes(2);
  });

  it('stops forwarding events once disposed', () => {
    adapter.dispose();
    core.emit({ type: 'message', message: message() });
    vi.advanceTimersByTime(1000);
    expect(contents[0]!.send).not.toHaveBeenCalled();
  });
});
