// A real MessengerCore chatting with a bare recvfrom/sendto program (the Python echo
// of test/lab/fixtures, as socket tutorials write them) through a plain UDP contact.
import { spawn } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageDTO, PigeonEvent } from '../../src-shared/contract';
import { createMessengerCore } from '../../src-main/core/messenger';
import type { MessengerCore } from '../../src-main/core/messenger-api';
import { openStore, type PigeonStore } from '../../src-main/core/store';
import { waitFor } from './support/cores';

const ECHO = fileURLToPath(new URL('../lab/fixtures/udp-echo.py', import.meta.url));

interface Received {
  event: string;
  hex?: string;
  text?: string;
  port?: number;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startEcho(encoding: 'utf-8' | 'gbk') {
  const child = spawn(
    'python3',
    [ECHO, '--bind', '127.0.0.1', '--port', '0', '--encoding', encoding, '--prefix', '回声: '],
    { stdio: ['pipe', 'pipe', 'inherit'] },
  );
  const events: Received[] = [];
  readline
    .createInterface({ input: child.stdout })
    .on('line', (line) => events.push(JSON.parse(line) as Received));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  cleanups.push(async () => {
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
  });
  const ready = await waitFor(() => events.find((e) => e.event === 'ready'), 5000, 'echo ready');
  return {
    port: ready.port!,
    received: () => events.filter((e) => e.event === 'received'),
  };
}

async function freePort(): Promise<number> {
  const socket = dgram.createSocket('udp4');
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()));
  const { port } = socket.address();
  await new Promise<void>((r) => socket.close(() => r()));
  return port;
}

async function startCore(store: PigeonStore, ipmsgPort: number) {
  const core = createMessengerCore(
    {
      nickname: 'Tester',
      user: 'tester',
      host: 'test-pc',
      port: ipmsgPort,
      bindAddress: '127.0.0.1',
      broadcast: false,
      hosts: [],
    },
    store,
  );
  const events: PigeonEvent[] = [];
  core.onEvent((e) => events.push(e));
  await core.start();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await core.stop();
  };
  cleanups.push(stop);
  return { core, events, stop };
}

const messages = (core: MessengerCore, conversationId: string): [string, string][] =>
  core.listMessages({ conversationId }).map((m) => [m.direction, m.text]);

const delivered = (events: PigeonEvent[], id: string): MessageDTO | undefined =>
  events.flatMap((e) =>
    e.type === 'message' && e.message.id === id && e.message.state === 'delivered'
      ? [e.message]
      : [],
  )[0];

describe('MessengerCore with a plain UDP contact', () => {
  it('chats in UTF-8 through the ordinary channels, and never speaks IPMsg to it', async () => {
    const echo = await startEcho('utf-8');
    const store = openStore(':memory:');
    cleanups.push(() => store.close());
    const { core, events } = await startCore(store, await freePort());

    const peer = await core.addPlainContact({
      host: 'localhost',
      port: echo.port,
      encoding: 'utf8',
      nickname: '回声程序',
    });
    expect(peer).toMatchObject({
      id: `udp:localhost:${echo.port}`,
      client: 'udp',
      status: 'online',
      address: '127.0.0.1',
    });
    expect(core.snapshot().peers.map((p) => p.id)).toEqual([peer.id]);

    const conversationId = core.openConversation(peer.id);
    expect(conversationId).toBe(peer.id);
    core.setTyping({ conversationId, typing: true });
    const [sent] = core.sendMessage({ conversationId, text: '你好，世界 🌏' });
    await waitFor(() => delivered(events, sent!.id), 3000, 'delivered');

    const [got] = await waitFor(() => echo.received().length > 0 && echo.received(), 3000, 'rx');
    expect(Buffer.from(got!.hex!, 'hex')).toEqual(Buffer.from('你好，世界 🌏', 'utf8'));
    expect(got!.port).toBe(peer.plain?.localPort);

    await waitFor(() => messages(core, conversationId).length === 2, 3000, 'the echo');
    expect(messages(core, conversationId)).toEqual([
      ['out', '你好，世界 🌏'],
      ['in', '回声: 你好，世界 🌏'],
    ]);
    expect(core.snapshot().conversations.find((c) => c.id === conversationId)?.unread).toBe(1);
    expect(core.markRead({ conversationId }).unread).toBe(0);
    expect(core.searchMessages({ query: '回声' }).map((h) => h.message.conversationId)).toEqual([
      conversationId,
    ]);
    expect(core.exportConversation({ conversationId, format: 'text' }).content).toContain(
      '回声程序',
    );
    // Typing went nowhere, and only the one text reached the program.
    expect(echo.received()).toHaveLength(1);
  });

  it('GBK both ways, and the contact, its local port and history survive a restart', async () => {
    const echo = await startEcho('gbk');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pigeon-plain-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'history.db');
    const ipmsgPort = await freePort();
    const store = openStore(file);
    const first = await startCore(store, ipmsgPort);
    const peer = await first.core.addPlainContact({
      host: '127.0.0.1',
      port: echo.port,
      encoding: 'gbk',
    });
    const [sent] = first.core.sendMessage({ conversationId: peer.id, text: '下午三点开会' });
    await waitFor(() => messages(first.core, peer.id).length === 2, 3000, 'the echo');
    expect(Buffer.from(echo.received()[0]!.hex!, 'hex')).toEqual(
      iconv.encode('下午三点开会', 'gbk'),
    );
    expect(messages(first.core, peer.id)[1]).toEqual(['in', '回声: 下午三点开会']);
    expect(delivered(first.events, sent!.id)).toBeDefined();
    await first.stop();
    store.close();

    const reopened = openStore(file);
    cleanups.push(() => reopened.close());
    const second = await startCore(reopened, ipmsgPort);
    const back = second.core.snapshot().peers.find((p) => p.id === peer.id);
    expect(back).toMatchObject({ status: 'online', client: 'udp', plain: { encoding: 'gbk' } });
    expect(back?.plain?.localPort).toBe(peer.plain?.localPort);
    expect(messages(second.core, peer.id)).toHaveLength(2);

    second.core.sendMessage({ conversationId: peer.id, text: '好的，马上到' });
    await waitFor(() => messages(second.core, peer.id).length === 4, 3000, 'the second echo');
    expect(messages(second.core, peer.id)[3]).toEqual(['in', '回声: 好的，马上到']);
    // Nothing but the two texts ever reached the program: no IPMsg greeting at start.
    expect(echo.received().map((r) => r.text)).toEqual(['下午三点开会', '好的，马上到']);
  });

  it('removing a contact closes its port and keeps the history; a taken port is refused', async () => {
    const echo = await startEcho('utf-8');
    const store = openStore(':memory:');
    cleanups.push(() => store.close());
    const { core, events } = await startCore(store, await freePort());
    const peer = await core.addPlainContact({
      host: '127.0.0.1',
      port: echo.port,
      encoding: 'utf8',
    });
    core.sendMessage({ conversationId: peer.id, text: 'bye' });
    await waitFor(() => messages(core, peer.id).length === 2, 3000, 'the echo');

    const taken = await core
      .addPlainContact({
        host: '127.0.0.1',
        port: echo.port + 1,
        encoding: 'utf8',
        localPort: peer.plain!.localPort,
      })
      .catch((e: unknown) => e as Error);
    expect((taken as Error).message).toMatch(/already in use.*Choose another port/);
    expect(core.snapshot().peers).toHaveLength(1);

    core.removePlainContact({ peerId: peer.id });
    expect(events.at(-1)).toEqual({ type: 'peer-removed', peerId: peer.id });
    expect(core.snapshot().peers).toEqual([]);
    expect(messages(core, peer.id)).toHaveLength(2);
    expect(() => core.sendMessage({ conversationId: peer.id, text: 'again' })).toThrow(/removed/);
    // Its history still opens (from a search hit); an unknown one does not.
    expect(core.openConversation(peer.id)).toBe(peer.id);
    expect(() => core.openConversation('udp:127.0.0.1:1')).toThrow(/unknown/);

    // Its local port is free: a program can bind it now.
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(peer.plain!.localPort, '127.0.0.1', () => resolve());
    });
    await new Promise<void>((r) => socket.close(() => r()));
  });
});
