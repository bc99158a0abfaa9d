import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeerDTO } from '../../src-shared/contract';
import { pigeonVersionString } from '../../src-main/core/ipmsg/client';
import { buildEntryExtra, parseEntryExtra } from '../../src-main/core/ipmsg/entry';
import { decodePacket, encodePacket } from '../../src-main/core/ipmsg/packet';
import { generateIdentity } from '../../src-main/core/keys/identity';
import { entryKeyLines, readEntrySignature } from '../../src-main/core/keys/signed-entry';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { startUdpProbe, type UdpProbe } from '../lab/udp-probe';
import { until } from '../lab/until';
import { CLAIM_TIMING } from './support/claim-timing';

// Issue 12 for a Pigeon with an identity key, on a real bridge: two other hosts forge its
// entry (unsigned, and signed by a key of their own) and the contact stays; the Pigeon
// restarts with a new identity and alpha warns and sends nothing until the user accepts
// the key; then its interface is re-addressed and its signed entry moves the contact.
const HOSTS = [
  { name: 'alpha', address: '10.93.0.10', hostname: 'alpha-pc' },
  { name: 'bravo', address: '10.93.0.11', hostname: 'bravo-pc' },
  { name: 'mallory', address: '10.93.0.66', hostname: 'mallory-pc' },
  { name: 'trudy', address: '10.93.0.67', hostname: 'trudy-pc' },
];
const PORT = 2425;
const ALPHA = 'staff@alpha-pc';
const BRAVO = 'staff@bravo-pc';
const BR_ENTRY_CAPUTF8 = 0x01 | 0x1000000;

let lan: Lan;
let alpha: PigeonOnHost;
let bravo: PigeonOnHost;
let mallory: UdpProbe;
let trudy: UdpProbe;
let packetNo = 8_000_000;

/** Bravo's entry as a Pigeon writes it, signed by `identity` when given. */
function forgedEntry(identity?: ReturnType<typeof generateIdentity>): Buffer {
  const header = { user: 'staff', host: 'bravo-pc' };
  const keyLines = identity ? entryKeyLines(identity, header, Date.now()) : '';
  packetNo += 1;
  return encodePacket({
    version: pigeonVersionString('0.1.0'),
    packetNo,
    ...header,
    command: BR_ENTRY_CAPUTF8,
    extra: buildEntryExtra({ nickname: 'Bob', group: 'qa', ...header }, 'utf8', { keyLines }),
  });
}

/** What a receiver reads of an entry's signature. */
function signatureIn(bytes: Buffer): string {
  const decoded = decodePacket(bytes);
  if (!decoded.ok) return 'undecodable';
  const { packet } = decoded;
  return readEntrySignature(parseEntryExtra(packet.extra, packet.command, 'gb18030').keys, packet)
    .kind;
}

const startBravo = () =>
  startPigeonOn(lan, 'bravo', { nickname: 'Bob', user: 'staff', timing: CLAIM_TIMING });
const peerAtAlpha = async (id: string): Promise<PeerDTO | undefined> =>
  (await alpha.call('getSnapshot')).peers.find((p) => p.id === id);
const warnings = async () => (await alpha.call('getSnapshot')).trustWarnings ?? [];
const keyState = async () => (await alpha.call('getPeerKeys', { peerId: BRAVO })).state;
const atBravo = async (text: string) =>
  (await bravo.call('listMessages', { conversationId: ALPHA })).some((m) => m.text === text);

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  alpha = await startPigeonOn(lan, 'alpha', {
    nickname: 'Alpha',
    user: 'staff',
    timing: CLAIM_TIMING,
  });
  bravo = await startBravo();
  mallory = await startUdpProbe(lan, 'mallory', { port: PORT });
  trudy = await startUdpProbe(lan, 'trudy', { port: PORT });
  await until(async () => (await keyState()) === 'known', 8000, 'bravo’s key at alpha');
});

afterAll(async () => {
  await lan?.dispose();
});

describe('a Pigeon with an identity key', () => {
  it('stays put when others forge its entry, unsigned or signed by another key', async () => {
    const unsigned = forgedEntry();
    const signedByTrudy = forgedEntry(generateIdentity());
    // Well formed: what refuses trudy's is the key, not a broken line.
    expect([signatureIn(unsigned), signatureIn(signedByTrudy)]).toEqual(['none', 'signed']);
    await mallory.send('10.93.0.10', PORT, unsigned);
    await trudy.send('10.93.0.10', PORT, signedByTrudy);
    await until(
      async () => (await warnings()).filter((w) => w.kind === 'impostor').length === 2,
      6000,
      'both impostors warned',
    );
    expect(await warnings()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ peerId: BRAVO, kind: 'impostor', address: '10.93.0.66' }),
        expect.objectContaining({ peerId: BRAVO, kind: 'impostor', address: '10.93.0.67' }),
      ]),
    );
    // Past the probe time: nothing moved it meanwhile.
    await new Promise((r) => setTimeout(r, 2000));
    expect((await peerAtAlpha(BRAVO))?.address).toBe('10.93.0.11');
    expect(await keyState()).toBe('known');
  });

  it('warns of a new key after a restart and sends nothing until the user accepts it', async () => {
    await alpha.call('openConversation', { peerId: BRAVO });
    await bravo.quit();
    bravo = await startBravo();
    await until(async () => (await keyState()) === 'changed', 8000, 'the key change');
    expect(await warnings()).toEqual(
      expect.arrayContaining([expect.objectContaining({ peerId: BRAVO, kind: 'key-changed' })]),
    );
    await expect(
      alpha.call('sendMessage', { conversationId: BRAVO, text: 'before accepting' }),
    ).rejects.toThrow(/key changed/);
    expect((await alpha.call('acceptPeerKey', { peerId: BRAVO })).state).toBe('known');
    await alpha.call('sendMessage', { conversationId: BRAVO, text: 'after accepting' });
    await until(() => atBravo('after accepting'), 5000, 'the message at bravo');
    expect(await atBravo('before accepting')).toBe(false);
  });

  it('moves when its interface is really re-addressed, and says so', async () => {
    await lan.exec('bravo', 'ip', ['addr', 'flush', 'dev', 'eth0']);
    await lan.exec('bravo', 'ip', ['addr', 'add', '10.93.0.21/24', 'brd', '+', 'dev', 'eth0']);
    await lan.exec('bravo', 'ip', ['route', 'add', 'default', 'dev', 'eth0']);
    await until(
      async () => (await peerAtAlpha(BRAVO))?.address === '10.93.0.21',
      8000,
      'bravo moved',
    );
    expect(await warnings()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          peerId: BRAVO,
          kind: 'address-changed',
          previousAddress: '10.93.0.11',
          address: '10.93.0.21',
        }),
      ]),
    );
  });
});
