import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Discovery, type Presence } from '../../../../src-main/core/discovery/discovery';
import { PeerDirectory } from '../../../../src-main/core/discovery/peer-directory';
import { buildEntryExtra } from '../../../../src-main/core/ipmsg/entry';
import { Mode, Opt, modeOf } from '../../../../src-main/core/ipmsg/commands';
import type { Packet } from '../../../../src-main/core/ipmsg/packet';
import { defaultTiming } from '../../../../src-main/core/options';
import { decoded, testPacketSender } from '../packet-sender-helper';

interface Sent {
  packet: Packet;
  address: string;
}

const BROADCAST = '255.255.255.255';
const bob = { address: '10.0.0.2', port: 2425 };
const carol = { address: '10.0.0.3', port: 2425 };
const tux = { address: '10.0.0.4', port: 2425 };

function packet(
  from: { user: string; host: string; version: string },
  command: number,
  extra: Buffer,
  packetNo = 7,
): Packet {
  return {
    ...from,
    packetNo,
    command,
    mode: modeOf(command),
    options: command & 0xffffff00,
    extra,
  };
}

const bobPigeon = { user: 'bob', host: 'pc2', version: '1_pigeon 0.1.0' };
const carolPigeon = { user: 'carol', host: 'pc3', version: '1_pigeon 0.1.0' };
const iptux = { user: 'tux', host: 'pc4', version: '1_iptux 0.8.3' };
const pigeonEntry = (who: typeof bobPigeon, mode: number = Mode.BR_ENTRY) =>
  packet(who, mode | Opt.CAPUTF8OPT, Buffer.from(`${who.user}\0Lab\0`));
const iptuxEntry = (mode: number = Mode.BR_ENTRY) =>
  packet(iptux, mode | Opt.ABSENCEOPT, Buffer.from('Tux\0qa\0icon-tux.png\0utf-8\0'));

describe('status and signature in discovery', () => {
  let sent: Sent[];
  let directory: PeerDirectory;
  let presence: Presence;
  let talking: Set<string>;
  let heard: string[];
  let discovery: Discovery;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
    heard = [];
    talking = new Set();
    directory = new PeerDirectory();
    presence = { nickname: 'Ann', group: 'Lab', user: 'ann', host: 'pc1', status: 'online' };
    const packets = testPacketSender(
      { version: '1_pigeon', user: 'ann', host: 'pc1' },
      1_000_000,
      (bytes, address) => sent.push({ packet: decoded(bytes), address }),
    );
    discovery = new Discovery({
      packets,
      directory,
      presence: () => presence,
      targets: () => [{ address: BROADCAST, port: 2425 }],
      timing: defaultTiming,
      legacy: 'gb18030',
      onPeer: (peer) => heard.push(peer.id),
      talksWith: (id) => talking.has(id),
    });
  });

  afterEach(() => {
    discovery.stop();
    vi.useRealTimers();
  });

  const to = (address: string, mode?: number) =>
    sent.filter((s) => s.address === address && (mode === undefined || s.packet.mode === mode));

  it('announces busy with ABSENCEOPT and [忙碌] to everyone, SG: and ST: to Pigeons', () => {
    presence = { ...presence, status: 'busy', signature: '在改构建', language: 'zh-CN' };
    discovery.announce();
    const [broadcast] = to(BROADCAST, Mode.BR_ENTRY);
    expect(broadcast!.packet.options & Opt.ABSENCEOPT).toBe(Opt.ABSENCEOPT);
    expect(broadcast!.packet.extra.toString('hex')).toContain(Buffer.from('[').toString('hex'));
    expect(broadcast!.packet.extra.includes(Buffer.from('\nSG:'))).toBe(false);

    discovery.entered(pigeonEntry(bobPigeon), bob);
    vi.advanceTimersByTime(2000);
    const [answer] = to(bob.address, Mode.ANSENTRY);
    const block = answer!.packet.extra.toString('utf8');
    expect(block).toContain('\nSG:在改构建');
    expect(block).toContain('\nST:busy');
    expect(block).toContain('\nNN:Ann\n');
  });

  it("reads a Pigeon's signature and busy status, and keeps them through a bare broadcast", () => {
    const extra = buildEntryExtra(
      {
        nickname: 'Bob',
        group: 'Lab',
        user: 'bob',
        host: 'pc2',
        signature: 'On call\u0007 today',
        absence: { status: 'busy', title: 'Busy' },
      },
      'utf8',
    );
    const busyBob = { nickname: 'Bob', status: 'busy', signature: 'On call today' };
    discovery.sighted(
      packet(bobPigeon, Mode.ANSENTRY | Opt.CAPUTF8OPT | Opt.ABSENCEOPT, extra),
      bob,
    );
    expect(directory.get('bob@pc2')).toMatchObject(busyBob);
    // The periodic broadcast: legacy fields only, `Bob[Busy]` with ABSENCEOPT.
    const bare = buildEntryExtra(
      {
        nickname: 'Bob',
        group: 'Lab',
        user: 'bob',
        host: 'pc2',
        absence: { status: 'busy', title: 'Busy' },
      },
      'utf8',
      { utf8Block: false },
    );
    discovery.entered(
      packet(bobPigeon, Mode.BR_ENTRY | Opt.CAPUTF8OPT | Opt.ABSENCEOPT, bare, 8),
      bob,
    );
    expect(directory.get('bob@pc2')).toMatchObject(busyBob);
    // Back online, signature cleared: the block says so.
    const online = buildEntryExtra(
      { nickname: 'Bob', group: 'Lab', user: 'bob', host: 'pc2' },
      'utf8',
    );
    discovery.sighted(packet(bobPigeon, Mode.BR_ABSENCE | Opt.CAPUTF8OPT, online, 9), bob);
    expect(directory.get('bob@pc2')?.status).toBe('online');
    expect(directory.get('bob@pc2')?.signature).toBeUndefined();
  });

  it('while invisible: no broadcast, answers only peers it talks with', () => {
    presence = { ...presence, status: 'invisible' };
    talking.add('bob@pc2');
    discovery.announce();
    expect(sent).toHaveLength(0);

    discovery.entered(pigeonEntry(bobPigeon), bob);
    discovery.entered(pigeonEntry(carolPigeon), carol);
    vi.advanceTimersByTime(2000);
    expect(to(bob.address, Mode.ANSENTRY)).toHaveLength(1);
    expect(to(carol.address)).toHaveLength(0);
    // Both are known to us all the same.
    expect(directory.get('carol@pc3')?.status).toBe('online');

    discovery.answerVersion(carol);
    discovery.answerAbsence(carol);
    discovery.introduceTo(carol);
    expect(to(carol.address)).toHaveLength(0);
  });

  it('going invisible: strangers see us leave, the peer we talk with sees us stay', () => {
    discovery.entered(pigeonEntry(bobPigeon), bob);
    discovery.entered(pigeonEntry(carolPigeon), carol);
    vi.advanceTimersByTime(2000);
    sent.length = 0;
    talking.add('bob@pc2');
    presence = { ...presence, status: 'invisible' };
    discovery.announcePresence();
    expect(to(BROADCAST)).toHaveLength(0);
    expect(to(carol.address).map((s) => s.packet.mode)).toEqual([Mode.BR_EXIT]);
    expect(to(bob.address).map((s) => s.packet.mode)).toEqual([Mode.BR_ABSENCE]);
    // Seen as online by Bob: no ABSENCEOPT.
    expect(to(bob.address)[0]!.packet.options & Opt.ABSENCEOPT).toBe(0);
  });

  it('sends iptux our signature (0xfc) after its entry, and marks us iptux-compatible', () => {
    presence = { ...presence, signature: '签名 sign' };
    discovery.entered(iptuxEntry(), tux);
    vi.advanceTimersByTime(2000);
    const [sign] = to(tux.address, Mode.IPTUX_SENDSIGN);
    expect(sign!.packet.extra).toEqual(Buffer.from('签名 sign\0', 'utf8'));
    const [answer] = to(tux.address, Mode.ANSENTRY);
    // nick, group, an empty icon and the encoding: iptux then sends its own signature.
    expect(answer!.packet.extra).toEqual(Buffer.from('Ann\0Lab\0\0utf-8\0'));
  });

  it('introduces itself, marked compatible, to an iptux that answered before knowing us', () => {
    discovery.sighted(iptuxEntry(Mode.ANSENTRY), tux);
    const [entry] = to(tux.address, Mode.BR_ENTRY);
    expect(entry!.packet.extra).toEqual(Buffer.from('Ann\0Lab\0\0utf-8\0'));
    // Known now: its next answer brings no second introduction.
    discovery.sighted(iptuxEntry(Mode.ANSENTRY), tux);
    expect(to(tux.address, Mode.BR_ENTRY)).toHaveLength(1);
  });

  it('writes no iptux fields when our names need the legacy codepage', () => {
    presence = { ...presence, nickname: '安', signature: '签名' };
    discovery.entered(iptuxEntry(), tux);
    vi.advanceTimersByTime(2000);
    const [answer] = to(tux.address, Mode.ANSENTRY);
    expect(answer!.packet.extra).toEqual(Buffer.from('b0b200' + '4c616200', 'hex'));
    // The signature goes in the encoding iptux reads our text with.
    const [sign] = to(tux.address, Mode.IPTUX_SENDSIGN);
    expect(sign!.packet.extra).toEqual(Buffer.from('c7a9c3fb00', 'hex'));
  });

  it("reads iptux's signature (0xfc) onto a known peer, cleaned, and ignores strangers", () => {
    discovery.sighted(iptuxEntry(Mode.ANSENTRY), tux);
    heard.length = 0;
    const sign = packet(iptux, Mode.IPTUX_SENDSIGN, Buffer.from('好好学习\r\n天天向上\0'), 9);
    discovery.signatureHeard(sign, tux);
    expect(directory.get('tux@pc4')?.signature).toBe('好好学习 天天向上');
    expect(heard).toEqual(['tux@pc4']);
    discovery.signatureHeard(sign, tux);
    expect(heard).toEqual(['tux@pc4']);

    const stranger = { ...iptux, user: 'x', host: 'y' };
    discovery.signatureHeard(packet(stranger, Mode.IPTUX_SENDSIGN, Buffer.from('hi\0')), carol);
    expect(directory.get('x@y')).toBeUndefined();

    const long = packet(iptux, Mode.IPTUX_SENDSIGN, Buffer.from('字'.repeat(300)), 10);
    discovery.signatureHeard(long, tux);
    expect(Array.from(directory.get('tux@pc4')?.signature ?? '')).toHaveLength(100);
  });
});
