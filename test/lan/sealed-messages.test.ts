import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageDTO, PeerDTO } from '../../src-shared/contract';
import { createLan, type Lan } from '../lab/lan';
import { startPigeonOn, type PigeonOnHost } from '../lab/pigeon-on-host';
import { captureLink, tcpSegments, udpDatagrams, type TcpSegment } from '../lab/tcp-capture';
import { startUdpProbe, type UdpProbe } from '../lab/udp-probe';
import { until } from '../lab/until';

// Two keyed Pigeons on a real bridge (issue 12 step 3): a capture on bravo's link holds none
// of a test message's text, in UTF-8 or GBK, in any datagram or TCP segment; and mallory,
// sending from bravo's own address (ARP off, a static neighbour), forges RECVMSG, READMSG,
// SENDMSG and BR_EXIT as bravo in the clear: none of it changes anything at alpha.
const HOSTS = [
  { name: 'alpha', address: '10.91.0.10', hostname: 'alpha-pc' },
  { name: 'bravo', address: '10.91.0.11', hostname: 'bravo-pc' },
  { name: 'mallory', address: '10.91.0.66', hostname: 'mallory-pc' },
];
const TIMING = {
  answerDelayMaxMs: 200,
  retryIntervalMs: 1000,
  maxRetries: 20,
  reannounceMs: 1000,
  ageOutMs: 30_000,
};
const PORT = 2425;
const ALPHA = 'staff@alpha-pc';
const BRAVO = 'staff@bravo-pc';
const WORDS = '工资单在抽屉里';
const MARKER = 'PIGEON-SEALED-MARKER';

let lan: Lan;
let work: string;
let alpha: PigeonOnHost;
let bravo: PigeonOnHost;
let mallory: UdpProbe;
let forged = 9_000_000;

const history = (p: PigeonOnHost, conversationId: string): Promise<MessageDTO[]> =>
  p.call('listMessages', { conversationId, limit: 200 });
const bravoAtAlpha = async (): Promise<PeerDTO | undefined> =>
  (await alpha.call('getSnapshot')).peers.find((p) => p.id === BRAVO);
const mode = (d: TcpSegment): number => Number(d.payload.toString('latin1').split(':')[4]) & 0xff;

/** A clear packet as bravo, from bravo's address and port (mallory's spoofing socket). */
function forge(command: number, extra: string): Promise<void> {
  forged += 1;
  return mallory.send(
    HOSTS[0]!.address,
    PORT,
    `1_pigeon:${forged}:staff:bravo-pc:${command}:${extra}`,
  );
}

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'pigeon-sealed-msg-'));
  lan = await createLan({ hosts: HOSTS });
  alpha = await startPigeonOn(lan, 'alpha', { nickname: 'Alpha', user: 'staff', timing: TIMING });
  bravo = await startPigeonOn(lan, 'bravo', { nickname: 'Bravo', user: 'staff', timing: TIMING });
  await until(
    async () =>
      (await alpha.call('getPeerKeys', { peerId: BRAVO })).state === 'known' &&
      (await bravo.call('getPeerKeys', { peerId: ALPHA })).state === 'known',
    10_000,
    'both keys',
  );
  // Mallory takes bravo's address without answering ARP for it, so bravo keeps its traffic.
  const link = JSON.parse((await lan.exec('alpha', 'ip', ['-j', 'link', 'show', 'eth0'])).stdout);
  await lan.exec('mallory', 'ip', ['link', 'set', 'eth0', 'arp', 'off']);
  await lan.exec('mallory', 'ip', ['addr', 'add', '10.91.0.11/32', 'dev', 'eth0']);
  await lan.exec('mallory', 'ip', [
    'neigh',
    'replace',
    HOSTS[0]!.address,
    'lladdr',
    link[0].address,
    'dev',
    'eth0',
    'nud',
    'permanent',
  ]);
  mallory = await startUdpProbe(lan, 'mallory', { bind: HOSTS[1]!.address, port: PORT });
}, 120_000);

afterAll(async () => {
  await lan?.dispose();
  if (work) await rm(work, { recursive: true, force: true });
});

describe('messages between two keyed Pigeons on the wire', () => {
  it('show none of their text in any datagram or segment, in UTF-8 or GBK', async () => {
    const capture = await captureLink(lan, 'bravo', path.join(work, 'bravo.pcap'), 'udp or tcp');
    await new Promise((r) => setTimeout(r, 500)); // tcpdump's filter in place
    await alpha.call('sendMessage', { conversationId: BRAVO, text: `${WORDS} ${MARKER} 1` });
    await alpha.call('sendMessage', {
      conversationId: BRAVO,
      text: `${WORDS} ${MARKER} 2`,
      sealed: true,
    });
    await bravo.call('sendMessage', { conversationId: ALPHA, text: `${WORDS} ${MARKER} 3` });
    await until(
      async () => (await history(bravo, ALPHA)).filter((m) => m.direction === 'in').length === 2,
      8000,
      'both at bravo',
    );
    await until(
      async () => (await history(alpha, BRAVO)).some((m) => m.text.endsWith(`${MARKER} 3`)),
      8000,
      'the reply at alpha',
    );
    await new Promise((r) => setTimeout(r, 500)); // tcpdump writes what it holds
    const pcap = await capture.stop();
    const packets = [...udpDatagrams(pcap), ...tcpSegments(pcap)];
    const needles = [Buffer.from(MARKER), Buffer.from(WORDS), iconv.encode(WORDS, 'gbk')];
    const leaks = packets.filter((p) => needles.some((n) => p.payload.includes(n)));
    expect(leaks.map((p) => `${p.from}:${p.fromPort} → ${p.to}:${p.toPort}`)).toEqual([]);
    // The capture saw the messages themselves: sealed SENDMSGs both ways.
    const messages = packets.filter((p) => p.fromPort === PORT && mode(p) === 0x20);
    expect(messages.filter((p) => p.from === HOSTS[0]!.address).length).toBeGreaterThanOrEqual(2);
    expect(messages.filter((p) => p.from === HOSTS[1]!.address).length).toBeGreaterThanOrEqual(1);
    for (const p of messages) expect(p.payload.toString('latin1')).toContain(':PS1:');
  }, 60_000);

  it('refuse clear receipts, messages and goodbyes forged from bravo’s own address', async () => {
    const watch = await captureLink(lan, 'alpha', path.join(work, 'alpha.pcap'), 'udp');
    await new Promise((r) => setTimeout(r, 500));
    const [unopened] = await alpha.call('sendMessage', {
      conversationId: BRAVO,
      text: 'sealed, unopened',
      sealed: true,
    });
    await until(
      async () =>
        (await history(alpha, BRAVO)).find((m) => m.id === unopened?.id)?.state === 'delivered',
      5000,
      'the sealed message delivered',
    );
    // Then bravo hears nothing for a while: alpha's next message waits for its RECVMSG.
    await lan.exec('bravo', 'nft', ['add', 'table', 'inet', 'deaf']);
    await lan.exec('bravo', 'nft', [
      'add chain inet deaf in { type filter hook input priority 0; policy accept; }',
    ]);
    await lan.exec('bravo', 'nft', ['add rule inet deaf in udp dport 2425 drop']);
    const [waiting] = await alpha.call('sendMessage', {
      conversationId: BRAVO,
      text: 'are you there',
    });
    await new Promise((r) => setTimeout(r, 1500));
    const sent = udpDatagrams(await watch.stop()).filter(
      (d) => d.to === HOSTS[1]!.address && mode(d) === 0x20,
    );
    const numbers = [...new Set(sent.map((d) => d.payload.toString('latin1').split(':')[1]))];
    expect(numbers.length).toBeGreaterThanOrEqual(2);
    for (const no of numbers) {
      await forge(0x21, `${no}`);
      await forge(0x30, `${no}`);
    }
    await forge(0x20 | 0x100, 'wire the money to mallory\0');
    await forge(0x02, 'Bravo\0\0');
    await new Promise((r) => setTimeout(r, 800));
    const atAlpha = await history(alpha, BRAVO);
    expect(atAlpha.find((m) => m.id === waiting?.id)?.state).toBe('sending');
    expect(atAlpha.find((m) => m.id === unopened?.id)?.readAt).toBeUndefined();
    expect(atAlpha.map((m) => m.text)).not.toContain('wire the money to mallory');
    expect(await bravoAtAlpha()).toMatchObject({ status: 'online', address: HOSTS[1]!.address });

    // Bravo hears again: the retries (sealed anew) deliver both.
    await lan.exec('bravo', 'nft', ['delete', 'table', 'inet', 'deaf']);
    await until(
      async () =>
        (await history(alpha, BRAVO))
          .filter((m) => m.id === waiting?.id || m.id === unopened?.id)
          .every((m) => m.state === 'delivered'),
      15_000,
      'delivered after all',
    );
    expect(
      (await history(alpha, BRAVO)).find((m) => m.id === unopened?.id)?.readAt,
    ).toBeUndefined();
  }, 60_000);
});
