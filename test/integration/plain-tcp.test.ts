// A real MessengerCore chatting through plain TCP contacts with the Python programs of
// test/lab/fixtures, written as socket tutorials write them: a server that accepts and
// answers what it reads, a client that connects, sends and prints what it gets. Both
// roles, restarts of either side, and a program that floods.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, describe, expect, it } from 'vitest';
import type { MessageDTO, PeerDTO, PigeonEvent } from '../../src-shared/contract';
import type { MessengerCore } from '../../src-main/core/messenger-api';
import { openStore } from '../../src-main/core/store';
import { waitFor } from './support/cores';
import {
  freeTcpPort,
  startCore,
  startProgram,
  startServer,
  type Cleanups,
} from './support/plain-programs';

const cleanups: Cleanups = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function memoryCore() {
  const store = openStore(':memory:');
  cleanups.push(() => store.close());
  return startCore(store, await freeTcpPort(), cleanups);
}

const history = (core: MessengerCore, conversationId: string): [string, string][] =>
  core.listMessages({ conversationId }).map((m) => [m.direction, m.text]);

const lastPeer = (events: PigeonEvent[], id: string): PeerDTO | undefined =>
  events.flatMap((e) => (e.type === 'peer' && e.peer.id === id ? [e.peer] : [])).at(-1);

const linkState = (events: PigeonEvent[], id: string) => lastPeer(events, id)?.plain?.link?.state;

const stateOf = (events: PigeonEvent[], id: string): MessageDTO['state'] | undefined =>
  events
    .flatMap((e) => (e.type === 'message' && e.message.id === id ? [e.message.state] : []))
    .at(-1);

describe('plain TCP contact: Pigeon connects to a program that listens', () => {
  it('chats in UTF-8 as written, through history, unread counts and search', async () => {
    const server = await startServer(cleanups);
    const { core, events } = await memoryCore();
    const peer = await core.addPlainContact({
      host: '127.0.0.1',
      port: server.port,
      encoding: 'utf8',
      protocol: 'tcp',
      connection: 'connect',
    });
    expect(peer).toMatchObject({ id: `tcp:127.0.0.1:${server.port}`, client: 'tcp' });
    await waitFor(() => linkState(events, peer.id) === 'connected', 5000, 'connected');
    expect(lastPeer(events, peer.id)).toMatchObject({ status: 'online' });
    expect(server.of('accepted')).toHaveLength(1);

    const conversationId = core.openConversation(peer.id);
    const [sent] = core.sendMessage({ conversationId, text: '你好，世界 🌏' });
    await waitFor(() => stateOf(events, sent!.id) === 'delivered', 3000, 'delivered');
    await waitFor(() => server.heard() === '你好，世界 🌏', 3000, 'the server to read it');
    // Written as-is: no newline added for a contact that is not line-based.
    expect(Buffer.from(server.of('received')[0]!.hex!, 'hex')).toEqual(
      Buffer.from('你好，世界 🌏', 'utf8'),
    );
    await waitFor(() => history(core, conversationId).length === 2, 3000, 'the answer');
    expect(history(core, conversationId)).toEqual([
      ['out', '你好，世界 🌏'],
      ['in', '回声: 你好，世界 🌏'],
    ]);
    expect(core.snapshot().conversations.find((c) => c.id === conversationId)?.unread).toBe(1);
    expect(core.searchMessages({ query: '回声' }).map((h) => h.message.conversationId)).toEqual([
      conversationId,
    ]);
  });

  it('GBK and line-based: each message ends with a newline, lines arrive as messages', async () => {
    const server = await startServer(cleanups, { encoding: 'gbk' });
    const { core, events } = await memoryCore();
    const peer = await core.addPlainContact({
      host: '127.0.0.1',
      port: server.port,
      encoding: 'gbk',
      protocol: 'tcp',
      lineBased: true,
    });
    await waitFor(() => linkState(events, peer.id) === 'connected', 5000, 'connected');
    core.sendMessage({ conversationId: peer.id, text: '中文' });
    await waitFor(() => server.of('received').length > 0, 3000, 'read');
    expect(Buffer.from(server.of('received')[0]!.hex!, 'hex')).toEqual(
      iconv.encode('中文\n', 'gbk'),
    );
    await server.send({ hex: iconv.encode('第一行\r\n第二', 'gbk').toString('hex') });
    await server.send({ hex: iconv.encode('行\n', 'gbk').toString('hex') });
    await waitFor(() => history(core, peer.id).length >= 4, 3000, 'the lines');
    expect(history(core, peer.id).filter(([d]) => d === 'in')).toEqual([
      ['in', '回声: 中文'],
      ['in', '第一行'],
      ['in', '第二行'],
    ]);
  });

  it('the program restarts: closed, refused, text queued, then sent when it is back', async () => {
    const first = await startServer(cleanups);
    const { core, events } = await memoryCore();
    const peer = await core.addPlainContact({
      host: '127.0.0.1',
      port: first.port,
      encoding: 'utf8',
      protocol: 'tcp',
    });
    await waitFor(() => linkState(events, peer.id) === 'connected', 5000, 'connected');
    await first.stop();
    await waitFor(() => linkState(events, peer.id) === 'closed', 5000, 'closed by the program');
    expect(lastPeer(events, peer.id)?.plain?.link?.reason).toMatch(/closed the connection/);
    await waitFor(() => linkState(events, peer.id) === 'refused', 5000, 'refused on retry');
    expect(lastPeer(events, peer.id)?.plain?.link?.retryAt).toBeGreaterThan(Date.now() - 100);

    const [typed] = core.sendMessage({ conversationId: peer.id, text: 'while you were away' });
    await waitFor(() => stateOf(events, typed!.id) === 'queued', 3000, 'queued');
    expect(lastPeer(events, peer.id)?.plain?.link?.queued).toBe(1);

    const second = await startServer(cleanups, { port: first.port });
    await core.reconnectPlainContact({ peerId: peer.id });
    await waitFor(() => stateOf(events, typed!.id) === 'delivered', 5000, 'sent on connect');
    await waitFor(() => second.heard() === 'while you were away', 3000, 'the new server');
    expect(lastPeer(events, peer.id)?.plain?.link).toMatchObject({
      state: 'connected',
      queued: 0,
    });
  });

  it('a contact set to refuse fails what is typed while disconnected, with the reason', async () => {
    const port = await freeTcpPort();
    const { core, events } = await memoryCore();
    const peer = await core.addPlainContact({
      host: '127.0.0.1',
      port,
      encoding: 'utf8',
      protocol: 'tcp',
      whenDisconnected: 'refuse',
    });
    await waitFor(() => linkState(events, peer.id) === 'refused', 5000, 'refused');
    const [typed] = core.sendMessage({ conversationId: peer.id, text: 'hello?' });
    await waitFor(() => stateOf(events, typed!.id) === 'failed', 3000, 'failed');
    expect(core.listMessages({ conversationId: peer.id })[0]).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/not connected.*refused/i),
    });
  });

  it('a program that floods is cut into bounded messages at a bounded rate', async () => {
    const server = await startServer(cleanups, { flood: 200_000 });
    const { core, events } = await memoryCore();
    // The budget runs from the moment the connection can open, not from when this test
    // noticed it: on a loaded machine that notice came late and its tokens went uncounted.
    const started = Date.now();
    const peer = await core.addPlainContact({
      host: '127.0.0.1',
      port: server.port,
      encoding: 'utf8',
      protocol: 'tcp',
    });
    await waitFor(() => linkState(events, peer.id) === 'connected', 5000, 'connected');
    await new Promise((r) => setTimeout(r, 2000));
    const shown = core.listMessages({ conversationId: peer.id, limit: 1000 });
    const seconds = (Date.now() - started) / 1000;
    expect(shown.length).toBeGreaterThan(10);
    // 20 a second after a burst of 40, plus the one 64 KB read that ran the budget out
    // (cut into 16 messages), and some slack for a slow machine.
    expect(shown.length).toBeLessThanOrEqual(40 + Math.ceil(seconds * 20) + 16 + 10);
    expect(Math.max(...shown.map((m) => m.text.length))).toBeLessThanOrEqual(4096);
    // About 17 MB were offered; TCP held the program back instead of Pigeon's memory.
    expect(server.of('flooded')).toEqual([]);
    core.removePlainContact({ peerId: peer.id });
  });
});

describe('plain TCP contact: Pigeon waits for a program to connect', () => {
  it('accepts one client at a time, shows who connected, and takes the next after it leaves', async () => {
    const port = await freeTcpPort();
    const { core, events } = await memoryCore();
    const peer = await core.addPlainContact({
      host: '',
      encoding: 'utf8',
      protocol: 'tcp',
      connection: 'listen',
      localPort: port,
    });
    expect(peer).toMatchObject({ id: `tcp-listen:${port}`, client: 'tcp' });
    expect(peer.plain?.link?.state).toBe('waiting');

    const client = startProgram(
      'tcp-client.py',
      ['--port', String(port), '--say', 'hello from the client'],
      cleanups,
    );
    await waitFor(() => client.of('connected')[0], 5000, 'client connected');
    await waitFor(() => linkState(events, peer.id) === 'connected', 5000, 'accepted');
    expect(lastPeer(events, peer.id)?.plain?.link?.remote).toBe(
      `127.0.0.1:${client.of('connected')[0]!.port}`,
    );
    await waitFor(() => history(core, peer.id).length === 1, 3000, 'the greeting');
    expect(history(core, peer.id)).toEqual([['in', 'hello from the client']]);

    // A second program is turned away while the first is connected.
    const intruder = startProgram('tcp-client.py', ['--port', String(port)], cleanups);
    await waitFor(() => intruder.of('closed')[0], 5000, 'the second client turned away');

    core.sendMessage({ conversationId: peer.id, text: '欢迎' });
    await waitFor(() => client.heard() === '欢迎', 3000, 'the client to print it');

    await client.stop();
    await waitFor(() => linkState(events, peer.id) === 'closed', 5000, 'closed by the client');
    const again = startProgram(
      'tcp-client.py',
      ['--port', String(port), '--say', 'back'],
      cleanups,
    );
    await waitFor(() => again.of('connected')[0], 5000, 'client back');
    await waitFor(() => history(core, peer.id).at(-1)?.[1] === 'back', 3000, 'the second visit');
  });

  it('only the named address may connect', async () => {
    const port = await freeTcpPort();
    const { core, events } = await memoryCore();
    const peer = await core.addPlainContact({
      host: '127.0.0.9',
      encoding: 'utf8',
      protocol: 'tcp',
      connection: 'listen',
      localPort: port,
    });
    const client = startProgram('tcp-client.py', ['--port', String(port)], cleanups);
    await waitFor(() => client.of('closed')[0] ?? client.of('refused')[0], 5000, 'turned away');
    expect(linkState(events, peer.id) ?? peer.plain?.link?.state).toBe('waiting');
  });

  it('Pigeon restarts: the contact waits on its port again and the program reconnects', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'pigeon-plain-tcp-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'history.db');
    const port = await freeTcpPort();
    const ipmsgPort = await freeTcpPort();
    const store = openStore(file);
    const first = await startCore(store, ipmsgPort, cleanups);
    const peer = await first.core.addPlainContact({
      host: '',
      encoding: 'utf8',
      protocol: 'tcp',
      connection: 'listen',
      localPort: port,
      whenDisconnected: 'queue',
    });
    const client = startProgram(
      'tcp-client.py',
      ['--port', String(port), '--say', 'one'],
      cleanups,
    );
    await waitFor(() => history(first.core, peer.id).length === 1, 5000, 'first message');
    await first.stop();
    store.close();
    await waitFor(() => client.of('closed')[0], 5000, 'the client sees Pigeon go');

    const reopened = openStore(file);
    cleanups.push(() => reopened.close());
    const second = await startCore(reopened, ipmsgPort, cleanups);
    expect(second.core.snapshot().peers.find((p) => p.id === peer.id)?.plain?.link?.state).toBe(
      'waiting',
    );
    const back = startProgram('tcp-client.py', ['--port', String(port), '--say', 'two'], cleanups);
    await waitFor(() => back.of('connected')[0], 5000, 'connected again');
    await waitFor(() => history(second.core, peer.id).length === 2, 5000, 'second message');
    expect(history(second.core, peer.id)).toEqual([
      ['in', 'one'],
      ['in', 'two'],
    ]);
  });
});
