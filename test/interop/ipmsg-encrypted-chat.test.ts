import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIpmsg4Peer, type Ipmsg4Peer } from '../lab/ipmsg4-peer';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { until } from '../lab/until';

// Pigeon against a scripted IP Messenger 4.x peer that encrypts (test/lab/fixtures/
// ipmsg4-peer.py, Python's `cryptography`): keys exchanged by GETPUBKEY/ANSPUBKEY, text
// encrypted both ways (RSA-2048 + AES-256-CBC, packet-number IV, SHA-256 signatures), and
// none of it in the clear on the wire. The scripted FeiQ and iptux, which do not offer it,
// are covered by feiq-chat and iptux-chat.
const PEER_ID = 'ipm4@box4';

let lan: Lan;
let pigeon: PigeonOnHost;
let peer: Ipmsg4Peer;
let events: Record<string, unknown>[];

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
  peer = await startIpmsg4Peer(lan, 'ipmsg', ['10.94.0.10:2425']);
  events = peer.events;
});

afterAll(async () => {
  await peer?.stop();
  await lan?.dispose();
});

describe('Pigeon and an encrypting IP Messenger 4.x peer', () => {
  it('lists the peer as IP Messenger and chats encrypted both ways', async () => {
    await until(
      async () => (await pigeon.call('getSnapshot')).peers.find((p) => p.id === PEER_ID),
      5000,
      'the peer listed',
    );
    peer.send('10.94.0.10:2425', '加密的问候');
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
