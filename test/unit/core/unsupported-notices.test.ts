import { describe, expect, it } from 'vitest';
import { decodePacket, Mode, type Packet } from '../../../src-main/core/ipmsg';
import { UnsupportedNotices } from '../../../src-main/core/unsupported-notices';

function packet(command: number, user = 'bob'): Packet {
  const result = decodePacket(Buffer.from(`1_lbt6_0#128#000C29D0E0B4:7:${user}:pc:${command}:x`));
  if (!result.ok) throw new Error(result.detail);
  return result.packet;
}

function notices() {
  let now = 1_000_000;
  const told: string[] = [];
  const service = new UnsupportedNotices({
    directory: { get: (id: string) => (id === 'bob@pc' ? ({ id } as never) : undefined) },
    tell: (peerId, what) => told.push(`${peerId} ${what}`),
    now: () => now,
  });
  return { service, told, later: (ms: number) => (now += ms) };
}

describe('unsupported notices', () => {
  it('tells once per peer and kind in a burst, again after it', () => {
    const { service, told, later } = notices();
    for (let i = 0; i < 5; i += 1) service.received(packet(Mode.FEIQ_IMAGE));
    service.received(packet(Mode.IPTUX_ASKSHARED));
    expect(told).toEqual(['bob@pc picture', 'bob@pc shared-files']);
    later(59_000);
    service.received(packet(Mode.FEIQ_IMAGE));
    expect(told).toHaveLength(2);
    later(2_000);
    service.received(packet(Mode.FEIQ_IMAGE));
    expect(told).toEqual(['bob@pc picture', 'bob@pc shared-files', 'bob@pc picture']);
  });

  it('says nothing of a stranger, nor of a mode it does not own', () => {
    const { service, told } = notices();
    service.received(packet(Mode.KNOCK, 'stranger'));
    service.received(packet(Mode.IPTUX_SENDSIGN));
    expect(told).toEqual([]);
  });
});
