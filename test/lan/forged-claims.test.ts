import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDTO, PeerDTO } from '../../src-shared/contract';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { startUdpProbe, type UdpProbe } from '../lab/udp-probe';
import { until } from '../lab/until';
import { CLAIM_TIMING } from './support/claim-timing';

// Issue 12 on a real bridge: mallory forges entries, messages, receipts, reads and exits
// as a known Pigeon (bravo) and as a known non-Pigeon (dave, a scripted IPMsg client);
// none of it changes whom alpha talks to. Then bravo's interface is re-addressed, and
// that real move still moves the contact, with the notice.
const HOSTS = [
  { name: 'alpha', address: '10.99.0.10', hostname: 'alpha-pc' },
  { name: 'bravo', address: '10.99.0.11', hostname: 'bravo-pc' },
  { name: 'dave', address: '10.99.0.12', hostname: 'dave-pc' },
  { name: 'mallory', address: '10.99.0.66', hostname: 'mallory-pc' },
];
const PORT = 2425;
const BRAVO = 'staff@bravo-pc';
const DAVE = 'dave@dave-pc';

let lan: Lan;
let alpha: PigeonOnHost;
let bravo: PigeonOnHost;
let dave: UdpProbe;
let mallory: UdpProbe;
let packetNo = 7_000_000;
let answering: NodeJS.Timeout | undefined;

/** A datagram as `user@host`, from the given probe, to alpha. */
function forge(from: UdpProbe, as: string, command: number, extra: string) {
  const [user, host] = as.split('@') as [string, string];
  packetNo += 1;
  return from.send('10.99.0.10', PORT, `1:${packetNo}:${user}:${host}:${command}:${extra}`);
}

const peerAtAlpha = async (id: string): Promise<PeerDTO | undefined> =>
  (await alpha.call('getSnapshot')).peers.find((p) => p.id === id);
const historyAtAlpha = async (conversationId: string): Promise<MessageDTO[]> =>
  alpha.call('listMessages', { conversationId, limit: 200 });
const warnings = async () => (await alpha.call('getSnapshot')).trustWarnings ?? [];

beforeAll(async () => {
  lan = await createLan({ hosts: HOSTS });
  alpha = await startPigeonOn(lan, 'alpha', {
    nickname: 'Alpha',
    user: 'staff',
    timing: CLAIM_TIMING,
  });
  bravo = await startPigeonOn(lan, 'bravo', {
    nickname: 'Bob',
    user: 'staff',
    timing: CLAIM_TIMING,
  });
  dave = await startUdpProbe(lan, 'dave', { port: PORT });
  mallory = await startUdpProbe(lan, 'mallory', { port: PORT });
  // Dave answers every entry aimed at him, as any IPMsg client does.
  let answered = 0;
  answering = setInterval(() => {
    const entries = dave.received.filter((d) => (Number(d.text.split(':')[4]) & 0xff) === 0x01);
    for (let i = answered; i < entries.length; i += 1) {
      void forge(dave, DAVE, 0x03, 'Dave\0qa\0').catch(() => undefined);
    }
    answered = entries.length;
  }, 50);
  await forge(dave, DAVE, 0x01, 'Dave\0qa\0');
  await until(async () => (await peerAtAlpha(BRAVO))?.status === 'online', 5000, 'bravo');
  await until(async () => (await peerAtAlpha(DAVE))?.status === 'online', 5000, 'dave');
});

afterAll(async () => {
  if (answering) clearInterval(answering);
  await lan?.dispose();
});

describe('a third host forging a known peer', () => {
  it('does not move a Pigeon or a non-Pigeon, and its text never shows as theirs', async () => {
    for (const id of [BRAVO, DAVE]) {
      await forge(mallory, id, 0x20 | 0x100, `forged as ${id}\0`);
      await forge(mallory, id, 0x03, 'Mallory\0qa\0');
      await forge(mallory, id, 0x01, 'Mallory\0qa\0');
    }
    await until(
      async () => (await warnings()).filter((w) => w.kind === 'impostor').length === 2,
      6000,
      'both warned',
    );
    expect((await peerAtAlpha(BRAVO))?.address).toBe('10.99.0.11');
    expect((await peerAtAlpha(DAVE))?.address).toBe('10.99.0.12');
    for (const id of [BRAVO, DAVE]) {
      expect((await historyAtAlpha(id)).map((m) => m.text)).not.toContain(`forged as ${id}`);
      const impostor = await until(
        async () => (await historyAtAlpha(`${id}~10.99.0.66`)).find((m) => m.direction === 'in'),
        3000,
        `the forgery filed apart for ${id}`,
      );
      expect(impostor.text).toBe(`forged as ${id}`);
      expect(await peerAtAlpha(`${id}~10.99.0.66`)).toMatchObject({ unverified: true });
    }
    expect(await warnings()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ peerId: BRAVO, kind: 'impostor', address: '10.99.0.66' }),
        expect.objectContaining({ peerId: DAVE, kind: 'impostor', address: '10.99.0.66' }),
      ]),
    );
    // A reply to Bob reaches Bob, not mallory.
    const [sent] = await alpha.call('sendMessage', { conversationId: BRAVO, text: 'for Bob' });
    await until(
      async () =>
        (await bravo.call('listMessages', { conversationId: 'staff@alpha-pc' })).some(
          (m) => m.text === 'for Bob',
        ),
      5000,
      'the reply at bravo',
    );
    expect((await historyAtAlpha(BRAVO)).find((m) => m.id === sent?.id)?.state).toBe('delivered');
    expect(mallory.received.some((d) => d.text.includes('for Bob'))).toBe(false);
  });

  it('cannot confirm, read or sign off for them from its own address', async () => {
    const [sent] = await alpha.call('sendMessage', { conversationId: DAVE, text: 'unanswered' });
    const wire = await dave.waitFor((d) => d.text.includes('unanswered'), 3000);
    const number = wire.text.split(':')[1] as string;
    await forge(mallory, DAVE, 0x21, number);
    await new Promise((r) => setTimeout(r, 300));
    expect((await historyAtAlpha(DAVE)).find((m) => m.id === sent?.id)?.state).toBe('sending');

    const [sealed] = await alpha.call('sendMessage', {
      conversationId: DAVE,
      text: 'sealed for Dave',
      sealed: true,
    });
    const sealedWire = await dave.waitFor((d) => d.text.includes('sealed for Dave'), 3000);
    const sealedNo = sealedWire.text.split(':')[1] as string;
    await forge(dave, DAVE, 0x21, sealedNo);
    await until(
      async () =>
        (await historyAtAlpha(DAVE)).find((m) => m.id === sealed?.id)?.state === 'delivered',
      3000,
      'the sealed message delivered',
    );
    await forge(mallory, DAVE, 0x30, sealedNo);
    for (const id of [BRAVO, DAVE]) await forge(mallory, id, 0x02, 'Mallory\0qa\0');
    await new Promise((r) => setTimeout(r, 500));
    expect((await historyAtAlpha(DAVE)).find((m) => m.id === sealed?.id)?.readAt).toBeUndefined();
    expect((await peerAtAlpha(BRAVO))?.status).toBe('online');
    expect((await peerAtAlpha(DAVE))?.status).toBe('online');
  });

  it('still moves a peer whose interface really was re-addressed, and says so', async () => {
    await lan.exec('bravo', 'ip', ['addr', 'flush', 'dev', 'eth0']);
    await lan.exec('bravo', 'ip', ['addr', 'add', '10.99.0.21/24', 'brd', '+', 'dev', 'eth0']);
    await lan.exec('bravo', 'ip', ['route', 'add', 'default', 'dev', 'eth0']);
    await until(
      async () => (await peerAtAlpha(BRAVO))?.address === '10.99.0.21',
      8000,
      'bravo moved',
    );
    expect(await warnings()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          peerId: BRAVO,
          kind: 'address-changed',
          previousAddress: '10.99.0.11',
          address: '10.99.0.21',
        }),
      ]),
    );
  });
});
