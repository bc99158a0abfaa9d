// Proves the interop lab: Debian's iptux runs on a namespace host and talks IPMsg with
// raw datagrams from another host. Pigeon itself is not involved here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactPath } from '../lab/artifacts';
import { formatPacket, modeOf, nextPacketNo, splitPacket, type RawPacket } from '../lab/ipmsg-raw';
import { startIptux, type IptuxPeer } from '../lab/iptux';
import { createLan, type Lan } from '../lab/lan';
import { startUdpProbe, type Datagram, type UdpProbe } from '../lab/udp-probe';
import { stat } from 'node:fs/promises';

const IPTUX = '10.99.0.20';
const TESTER = '10.99.0.21';
const PORT = 2425;
const BR_ENTRY = 0x01;
const BR_EXIT = 0x02;
const ANSENTRY = 0x03;
const SENDMSG = 0x20;
const RECVMSG = 0x21;
const SENDCHECKOPT = 0x100;

/** Matches a datagram from iptux whose packet passes `test`. */
const fromIptux =
  (test: (p: RawPacket) => boolean) =>
  (d: Datagram): boolean => {
    const packet = splitPacket(d.text);
    return d.from === IPTUX && packet !== undefined && test(packet);
  };

describe('iptux as a real IPMsg peer', () => {
  let lan: Lan;
  let tester: UdpProbe;
  let iptux: IptuxPeer;

  beforeAll(async () => {
    lan = await createLan({
      hosts: [
        { name: 'iptux', address: IPTUX },
        { name: 'tester', address: TESTER },
      ],
    });
    // Listen before iptux starts, to hear its entry broadcast.
    tester = await startUdpProbe(lan, 'tester', { port: PORT });
    iptux = await startIptux(lan, 'iptux', { nick: 'IptuxBot', group: 'qa' });
  });

  afterAll(async () => {
    await iptux?.stop();
    await tester?.stop();
    await lan?.dispose();
  });

  it('broadcasts BR_ENTRY with its nick and group on start', async () => {
    const entry = await tester.waitFor(
      fromIptux((p) => modeOf(p) === BR_ENTRY),
      10_000,
    );
    const packet = splitPacket(entry.text);
    expect(packet?.version).toMatch(/^1_iptux /);
    expect(packet?.extra.startsWith('IptuxBot\0qa\0')).toBe(true);
  });

  it('answers a broadcast BR_ENTRY with ANSENTRY', async () => {
    const packetNo = nextPacketNo();
    const entry = formatPacket({
      packetNo,
      user: 'tester',
      host: 'labhost',
      command: BR_ENTRY,
      extra: 'Tester\0qa\0',
    });
    const sentAt = Date.now();
    await tester.send('255.255.255.255', PORT, entry);
    const answer = await tester.waitFor(
      (d) => d.receivedAt >= sentAt && fromIptux((p) => modeOf(p) === ANSENTRY)(d),
      10_000,
    );
    const packet = splitPacket(answer.text);
    expect(packet?.extra.split('\0').slice(0, 2)).toEqual(['IptuxBot', 'qa']);
  });

  it('acknowledges a SENDMSG with SENDCHECKOPT and logs the text', async () => {
    const packetNo = nextPacketNo();
    const text = `hello from the lab ${packetNo} 你好`;
    const message = formatPacket({
      packetNo,
      user: 'tester',
      host: 'labhost',
      command: SENDMSG | SENDCHECKOPT,
      extra: `${text}\0`,
    });
    await tester.send(IPTUX, PORT, message);
    const ack = await tester.waitFor(
      fromIptux((p) => modeOf(p) === RECVMSG && p.extra.replace(/\0+$/, '') === String(packetNo)),
      10_000,
    );
    expect(splitPacket(ack.text)?.command).toBe(289);
    const logged = await iptux.waitForEntry((e) => e.direction === 'received' && e.text === text);
    expect(logged).toMatchObject({ nick: 'Tester', user: 'tester', host: 'labhost' });
  });

  it('sends text typed into its chat window, and screenshots show it', async () => {
    const text = `typed reply ${Date.now()} 你好世界`;
    await iptux.typeMessage('Tester', text);
    const reply = await tester.waitFor(
      fromIptux((p) => modeOf(p) === SENDMSG && p.extra.replace(/\0+$/, '') === text),
      10_000,
    );
    expect(splitPacket(reply.text)?.command).toBe(SENDMSG | SENDCHECKOPT);
    const shot = await artifactPath('iptux-smoke.png');
    await iptux.screenshot(shot);
    expect((await stat(shot)).size).toBeGreaterThan(1000);
  });

  it('announces BR_EXIT on a clean quit', async () => {
    const before = Date.now();
    await iptux.quit();
    const exit = await tester.waitFor(
      (d) => d.receivedAt >= before && fromIptux((p) => modeOf(p) === BR_EXIT)(d),
    );
    expect(splitPacket(exit.text)?.user).toBeTruthy();
  });
});
