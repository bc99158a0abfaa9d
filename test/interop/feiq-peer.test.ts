// Proves the FeiQ stand-in (test/lab/feiq-peer.ts) with raw datagrams from another lab
// host, before any Pigeon test relies on it. Pigeon itself is not involved here.
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FEIQ_FONT_SUFFIX,
  FeiqCommand,
  gbk,
  readFeiqDatagram,
  startFeiqPeer,
  type FeiqPeer,
} from '../lab/feiq-peer';
import { createLan, type Lan } from '../lab/lan';
import { startUdpProbe, type Datagram, type UdpProbe } from '../lab/udp-probe';

const FEIQ = '10.99.0.30';
const TESTER = '10.99.0.31';
const BROADCAST = '10.99.0.255';

/** The probe's datagram read as FeiQ fields. */
const read = (d: Datagram) => readFeiqDatagram(d.from, d.port, d.data);
const fromFeiq =
  (mode: number, after = 0) =>
  (d: Datagram): boolean =>
    d.from === FEIQ && d.receivedAt >= after && read(d).packet?.mode === mode;

let lan: Lan;
let tester: UdpProbe;
let feiq: FeiqPeer;

beforeAll(async () => {
  lan = await createLan({
    hosts: [
      { name: 'feiq', address: FEIQ },
      { name: 'tester', address: TESTER },
    ],
  });
  tester = await startUdpProbe(lan, 'tester', { port: 2425 });
  feiq = await startFeiqPeer(lan, 'feiq', { nick: '王会计', group: '财务部' });
});

afterAll(async () => {
  await feiq?.stop();
  await tester?.stop();
  await lan?.dispose();
});

describe('the FeiQ stand-in', () => {
  it('announces with a FeiQ version and a GBK nickname and group', async () => {
    await feiq.announce([BROADCAST]);
    const entry = read(await tester.waitFor(fromFeiq(FeiqCommand.BR_ENTRY)));
    expect(entry.packet?.version).toMatch(/^1_lbt6_0#128#[0-9A-F]{12}#0#0#0#4001#9$/);
    expect(entry.packet?.command).toBe(FeiqCommand.FILEATTACHOPT | FeiqCommand.BR_ENTRY);
    expect(entry.packet?.extra).toEqual(Buffer.concat([gbk('王会计\0财务部\0')]));
    expect(entry.fields.slice(0, 2)).toEqual(['王会计', '财务部']);
  });

  it('answers BR_ENTRY with ANSENTRY', async () => {
    const before = Date.now();
    await tester.send(BROADCAST, 2425, '1:100:tester:lab:1:Tester\0qa\0');
    const answer = read(await tester.waitFor(fromFeiq(FeiqCommand.ANSENTRY, before)));
    expect(answer.packet?.command).toBe(FeiqCommand.FILEATTACHOPT | FeiqCommand.ANSENTRY);
    expect(answer.fields.slice(0, 2)).toEqual(['王会计', '财务部']);
  });

  it('acknowledges SENDMSG with RECVMSG and records the raw GBK bytes', async () => {
    const text = '报销单已经收到';
    const packet = Buffer.concat([
      Buffer.from('1:201:tester:lab:288:'),
      gbk(text),
      Buffer.from([0]),
    ]);
    await tester.send(FEIQ, 2425, packet);
    const ack = read(await tester.waitFor(fromFeiq(FeiqCommand.RECVMSG)));
    expect(ack.fields[0]).toBe('201');
    const got = await feiq.waitFor((d) => d.packet?.packetNo === 201);
    expect(got.data).toEqual(packet);
    expect(got.text).toBe(text);
    expect(got.packet?.extra.subarray(0, -1)).toEqual(gbk(text));
  });

  it('does not acknowledge broadcast or automatic replies', async () => {
    await tester.send(FEIQ, 2425, '1:202:tester:lab:1312:to all\0'); // SENDCHECKOPT|BROADCASTOPT
    await tester.send(FEIQ, 2425, '1:203:tester:lab:8480:away\0'); // SENDCHECKOPT|AUTORETOPT
    await tester.send(FEIQ, 2425, '1:204:tester:lab:288:marker\0');
    await tester.waitFor((d) => fromFeiq(FeiqCommand.RECVMSG)(d) && read(d).fields[0] === '204');
    const acked = tester.received
      .filter(fromFeiq(FeiqCommand.RECVMSG))
      .map((d) => read(d).fields[0]);
    expect(acked).not.toContain('202');
    expect(acked).not.toContain('203');
  });

  it('sends GBK text with the font suffix, and typing commands', async () => {
    const before = Date.now();
    const packetNo = await feiq.sendMessage(TESTER, '好的，下午见 /:)');
    const message = read(await tester.waitFor(fromFeiq(FeiqCommand.SENDMSG, before)));
    expect(message.packet?.packetNo).toBe(packetNo);
    expect(message.packet?.command).toBe(FeiqCommand.SENDMSG | FeiqCommand.SENDCHECKOPT);
    expect(message.packet?.extra).toEqual(
      Buffer.concat([gbk(`好的，下午见 /:)${FEIQ_FONT_SUFFIX}`), Buffer.from([0])]),
    );
    // GBK, not UTF-8: the UTF-8 reading is garbage.
    expect(message.packet?.extra.toString('utf8')).not.toContain('好的');
    expect(iconv.decode(message.packet!.extra, 'gbk')).toContain('微软雅黑');

    await feiq.sendTyping(TESTER, true);
    await feiq.sendTyping(TESTER, false);
    await tester.waitFor(fromFeiq(FeiqCommand.TYPING_STOPPED, before));
    const typing = tester.received
      .filter((d) => d.from === FEIQ && d.receivedAt >= before)
      .map((d) => read(d).packet);
    expect(typing.map((p) => p?.command)).toEqual([0x20 | 0x100, 0x79, 0x7a]);
    expect(typing.slice(1).every((p) => p?.extra.length === 0)).toBe(true);
    // Its own numbers increase strictly (iptux-like peers drop numbers that go back).
    const numbers = feiq.sent.map((d) => d.packetNo ?? 0);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
