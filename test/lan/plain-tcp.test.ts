// A Pigeon on one namespace host and TCP programs written as the socket tutorials write
// them on another: a server that binds, listens, accepts and answers what it reads
// (Pigeon connects to it), and a client that connects and prints what it gets (Pigeon
// waits for it). Chinese text both ways, who connected, the program going away and
// coming back, and a third host that is not the named one kept out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDTO, PeerDTO, PlainLinkDTO } from '../../src-shared/contract';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { fixture, runTutorialProgram, type TutorialProgram } from '../lab/tutorial-program';
import { until } from '../lab/until';

const SERVER = fixture('seed-tcp-server.py');
const CLIENT = fixture('seed-tcp-client.py');
const PIGEON = { name: 'pigeon', address: '10.96.0.10', hostname: 'pigeon-pc' };
const DEVICE = { name: 'device', address: '10.96.0.20', hostname: 'device-pc' };
const OTHER = { name: 'other', address: '10.96.0.30', hostname: 'other-pc' };

let lan: Lan;
let pigeon: PigeonOnHost;

beforeAll(async () => {
  lan = await createLan({ hosts: [PIGEON, DEVICE, OTHER] });
  pigeon = await startPigeonOn(lan, PIGEON.name, {
    nickname: '小鸽',
    user: 'staff',
    broadcast: false,
  });
});

afterAll(async () => {
  await pigeon?.quit().catch(() => undefined);
  await lan?.dispose();
});

const run = (host: string, args: string[], first: string) =>
  runTutorialProgram(lan, host, args, first);
const stop = (program: TutorialProgram) => program.stop();

const texts = async (conversationId: string): Promise<[string, string][]> =>
  (await pigeon.call('listMessages', { conversationId })).map((m) => [m.direction, m.text]);

async function link(peerId: string): Promise<PlainLinkDTO | undefined> {
  const { peers } = await pigeon.call('getSnapshot');
  return peers.find((peer) => peer.id === peerId)?.plain?.link;
}

const linkIs = (peerId: string, state: PlainLinkDTO['state'], what: string) =>
  until(
    async () => ((await link(peerId))?.state === state ? link(peerId) : undefined),
    10_000,
    what,
  );

async function stateOf(conversationId: string, sent: MessageDTO): Promise<MessageDTO['state']> {
  const messages = await pigeon.call('listMessages', { conversationId });
  return messages.find((m) => m.id === sent.id)?.state ?? 'failed';
}

describe('plain TCP contacts across namespace hosts', () => {
  it('connects to a tutorial server in GBK, chats both ways, and comes back after it restarts', async () => {
    const port = 9999;
    let server = await run(DEVICE.name, [SERVER, String(port), 'gbk'], 'listening');
    try {
      const peer: PeerDTO = await pigeon.call('addPlainContact', {
        host: DEVICE.address,
        port,
        encoding: 'gbk',
        protocol: 'tcp',
        connection: 'connect',
        nickname: '教学服务器',
      });
      expect(peer).toMatchObject({ id: `tcp:${DEVICE.address}:${port}`, client: 'tcp' });
      const up = await linkIs(peer.id, 'connected', 'connected');
      expect(up?.remote).toBe(`${DEVICE.address}:${port}`);
      await until(() => server.lines.includes(`Linked @ Addr ${PIGEON.address}`), 5000, 'linked');

      const { conversationId } = await pigeon.call('openConversation', { peerId: peer.id });
      const [sent] = await pigeon.call('sendMessage', { conversationId, text: '你好，服务器' });
      await until(() => server.lines.includes('receive data: 你好，服务器'), 5000, 'server read');
      await until(async () => (await texts(conversationId)).length === 2, 5000, 'the answer');
      expect(await texts(conversationId)).toEqual([
        ['out', '你好，服务器'],
        ['in', '回声：你好，服务器'],
      ]);
      expect(await stateOf(conversationId, sent!)).toBe('delivered');

      // What is typed at the server arrives as the contact's message.
      server.type('下午三点开会');
      await until(async () => (await texts(conversationId)).length === 3, 5000, 'its line');
      expect((await texts(conversationId))[2]).toEqual(['in', '下午三点开会']);

      // The server goes away: closed, then refused; what is typed waits for it.
      await stop(server);
      await until(
        async () => ['closed', 'refused'].includes((await link(peer.id))?.state ?? ''),
        10_000,
        'closed by the program',
      );
      const [waiting] = await pigeon.call('sendMessage', { conversationId, text: '还在吗？' });
      await until(async () => (await stateOf(conversationId, waiting!)) === 'queued', 5000, 'q');
      expect((await link(peer.id))?.queued).toBe(1);

      server = await run(DEVICE.name, [SERVER, String(port), 'gbk'], 'listening');
      await pigeon.call('reconnectPlainContact', { peerId: peer.id });
      await until(() => server.lines.includes('receive data: 还在吗？'), 10_000, 'sent on connect');
      expect(await stateOf(conversationId, waiting!)).toBe('delivered');
      expect((await link(peer.id))?.queued).toBe(0);
    } finally {
      await stop(server);
    }
  });

  it('waits for a tutorial client from the named host only, line by line in UTF-8', async () => {
    const port = 9000;
    const peer: PeerDTO = await pigeon.call('addPlainContact', {
      host: DEVICE.address,
      encoding: 'utf8',
      localPort: port,
      protocol: 'tcp',
      connection: 'listen',
      lineBased: true,
    });
    expect(peer.id).toBe(`tcp-listen:${port}`);
    await linkIs(peer.id, 'waiting', 'waiting');

    // A program on another host is not the one named: it is closed at once.
    const stranger = await run(
      OTHER.name,
      [CLIENT, PIGEON.address, String(port), 'utf-8'],
      'connected',
    );
    try {
      await until(() => stranger.lines.includes('closed'), 5000, 'the stranger closed');
      expect((await link(peer.id))?.state).toBe('waiting');
    } finally {
      await stop(stranger);
    }

    const client = await run(
      DEVICE.name,
      [CLIENT, PIGEON.address, String(port), 'utf-8'],
      'connected',
    );
    try {
      const up = await linkIs(peer.id, 'connected', 'the client connected');
      expect(up?.remote).toMatch(new RegExp(`^${DEVICE.address.replace(/\./g, '\\.')}:\\d+$`));

      client.type('你好 🌏 from the client');
      await until(async () => (await texts(peer.id)).length === 1, 5000, 'its line');
      expect(await texts(peer.id)).toEqual([['in', '你好 🌏 from the client']]);

      // Line-based: each message leaves with a newline, as line tools expect.
      await pigeon.call('sendMessage', { conversationId: peer.id, text: '收到 👍' });
      await until(
        () => client.lines.includes(`receive data: '收到 👍\\n'`),
        5000,
        'the client to print it',
      );
    } finally {
      await stop(client);
    }
    // The client left: Pigeon keeps waiting for the next one.
    await linkIs(peer.id, 'closed', 'closed by the program');
    const again = await run(
      DEVICE.name,
      [CLIENT, PIGEON.address, String(port), 'utf-8'],
      'connected',
    );
    try {
      await linkIs(peer.id, 'connected', 'the next client');
    } finally {
      await stop(again);
    }
  });
});
