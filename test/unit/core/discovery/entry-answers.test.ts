import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Discovery, type Presence } from '../../../../src-main/core/discovery/discovery';
import { PeerDirectory } from '../../../../src-main/core/discovery/peer-directory';
import { Mode, Opt, modeOf } from '../../../../src-main/core/ipmsg/commands';
import type { Packet } from '../../../../src-main/core/ipmsg/packet';
import { defaultTiming } from '../../../../src-main/core/options';
import { decoded, testPacketSender } from '../packet-sender-helper';

interface Sent {
  packet: Packet;
  address: string;
}

const bob = { address: '10.0.0.2', port: 2425 };

/** Bob's BR_ENTRY as one copy of it arrives. */
function entryFromBob(packetNo: number, command = Mode.BR_ENTRY | Opt.CAPUTF8OPT): Packet {
  return {
    version: '1_pigeon',
    packetNo,
    user: 'bob',
    host: 'pc2',
    command,
    mode: modeOf(command),
    options: command & 0xffffff00,
    extra: Buffer.from('Bob\0Lab\0'),
  };
}

describe('entry answers', () => {
  let sent: Sent[];
  let directory: PeerDirectory;
  let presence: Presence;
  let discovery: Discovery;

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
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
      targets: () => [
        { address: '255.255.255.255', port: 2425 },
        { address: '10.0.0.255', port: 2425 },
      ],
      timing: defaultTiming,
      legacy: 'gb18030',
      onPeer: () => undefined,
    });
  });

  afterEach(() => {
    discovery.stop();
    vi.useRealTimers();
  });

  const answers = () => sent.filter((s) => s.packet.mode === Mode.ANSENTRY);

  it('answers an entry once however many copies of it arrive', () => {
    // The same entry via 255.255.255.255 and via the directed broadcast.
    discovery.entered(entryFromBob(7), bob);
    discovery.entered(entryFromBob(7), bob);
    vi.advanceTimersByTime(1000);
    discovery.entered(entryFromBob(7), bob); // a copy late, after the answer went out
    vi.advanceTimersByTime(1000);
    expect(answers()).toHaveLength(1);
    expect(answers()[0]!.address).toBe(bob.address);
  });

  it('answers a later entry from the same peer again', () => {
    discovery.entered(entryFromBob(7), bob);
    vi.advanceTimersByTime(1000);
    discovery.entered(entryFromBob(8), bob);
    vi.advanceTimersByTime(1000);
    expect(answers()).toHaveLength(2);
  });

  it('answers within a few milliseconds when few hosts were heard', () => {
    discovery.entered(entryFromBob(7), bob);
    vi.advanceTimersByTime(5);
    expect(answers()).toHaveLength(1);
  });

  it('announces with one packet number to every broadcast address', () => {
    discovery.announce();
    const entries = sent.filter((s) => s.packet.mode === Mode.BR_ENTRY);
    expect(entries.map((s) => s.address)).toEqual(['255.255.255.255', '10.0.0.255']);
    expect(new Set(entries.map((s) => s.packet.packetNo)).size).toBe(1);
  });

  it('sends no hello on meeting a UTF-8 peer when our names read the same in any encoding', () => {
    discovery.sighted(entryFromBob(9, Mode.ANSENTRY | Opt.CAPUTF8OPT), bob);
    expect(sent.filter((s) => s.packet.mode === Mode.BR_ABSENCE)).toHaveLength(0);
  });

  it('still gives a UTF-8 peer Chinese names exactly, once', () => {
    presence = { ...presence, nickname: '安妮' };
    discovery.sighted(entryFromBob(9, Mode.ANSENTRY | Opt.CAPUTF8OPT), bob);
    discovery.sighted(entryFromBob(10, Mode.ANSENTRY | Opt.CAPUTF8OPT), bob);
    expect(sent.filter((s) => s.packet.mode === Mode.BR_ABSENCE)).toHaveLength(1);
  });
});
