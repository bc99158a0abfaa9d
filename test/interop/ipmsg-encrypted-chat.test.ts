import type { ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { until } from '../lab/until';

// Pigeon against a scripted IP Messenger 4.x peer that encrypts (test/lab/fixtures/
// ipmsg4-peer.py, Python's `cryptography`): keys exchanged by GETPUBKEY/ANSPUBKEY, text
// encrypted both ways (RSA-2048 + AES-256-CBC, packet-number IV, SHA-256 signatures), and
// none of it in the clear on the wire. The scripted FeiQ and iptux, which do not offer it,
// are covered by feiq-chat and iptux-chat.
const PEER_SCRIPT = fileURLToPath(new URL('../lab/fixtures/ipmsg4-peer.py', import.meta.url));
const PEER_ID = 'ipm4@box4';

let lan: Lan;
let pigeon: PigeonOnHost;
let peer: ChildProcess;
const events: Record<string, unknown>[] = [];

beforeAll(async () => {
  lan = await createLan({
    hosts: [
      { name: 'pigeon', address: '10.94.0.10' },
      { name: 'ipmsg', address: '10.94.0.20' },
    ],
  });
  pigeon = await startPigeonOn(lan, 'pigeon', {
    nickname: '小鸽',
    user: 'dove',
    host: 'dove-pc',
    timing: { answerDelayMaxMs: 100 },
  });
  const config = {
    address: '0.0.0.0',
    user: 'ipm4',
    host: 'box4',
    nick: 'IPMsg Four',
    peers: ['10.94.0.10:2425'],
  };
  peer = lan.spawnOn('ipmsg', 'python3', [PEER_SCRIPT, JSON.stringify(config)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (!peer.stdout) throw new Error('no stdout');
  readline
    .createInterface({ input: peer.stdout })
    .on('line', (line) => events.push(JSON.parse(line) as Record<string, unknown>));
  await until(async () => events.some((e) => e.event === 'ready'), 10_000, 'scripted peer');
});

afterAll(async () => {
  if (peer) await lan?.stop(peer);
  await lan?.dispose();
});

describe('Pigeon and an encrypting IP Messenger 4.x peer', () => {
  it('lists the peer as IP Messenger and chats encrypted both ways', async () => {
    await until(
      async () => (await pigeon.call('getSnapshot')).peers.find((p) => p.id === PEER_ID),
      5000,
      'the peer listed',
    );
    peer.stdin?.write(
      `${JSON.stringify({ op: 'send', to: '10.94.0.10:2425', text: '加密的问候' })}\n`,
    );
    await until(async () => events.find((e) => e.event === 'sent'), 8000, 'sent');
    expect(events.find((e) => e.event === 'sent')).toEqual({ event: 'sent', encrypted: true });
    const received = await until(
      async () =>
        (await pigeon.call('listMessages', { conversationId: PEER_ID })).find(
          (m) => m.direction === 'in',
        ),
      5000,
      'message at Pigeon',
    );
    expect(received).toMatchObject({ text: '加密的问候', state: 'received' });

    const [sent] = await pigeon.call('sendMessage', {
      conversationId: PEER_ID,
      text: '收到，加密回复',
    });
    const atPeer = await until(
      async () => events.find((e) => e.event === 'message'),
      8000,
      'reply at the peer',
    );
    expect(atPeer).toMatchObject({ text: '收到，加密回复', encrypted: true, verified: true });
    expect(String(atPeer.wire)).not.toContain(Buffer.from('收到').toString('hex'));
    await until(
      async () =>
        (await pigeon.call('listMessages', { conversationId: PEER_ID })).find(
          (m) => m.id === sent!.id && m.state === 'delivered',
        ),
      5000,
      'delivered',
    );
    const listed = (await pigeon.call('getSnapshot')).peers.find((p) => p.id === PEER_ID);
    expect(listed).toMatchObject({ client: 'ipmsg', ipmsgEncrypted: true });
  });
});
