// What the pipeline tests share: a PacketSender over a stand-in socket that records what
// it sends, and decoding a datagram those tests built or captured.
import { decodePacket, PacketNumberer, type Packet } from '../../../src-main/core/ipmsg';
import { NetworkStats } from '../../../src-main/core/net/network-stats';
import { PacketSender } from '../../../src-main/core/net/packet-sender';
import type { UdpTransport } from '../../../src-main/core/net/udp-transport';

/** A datagram decoded, or the test fails with the codec's reason. */
export function decoded(bytes: Buffer): Packet {
  const result = decodePacket(bytes);
  if (!result.ok) throw new Error(result.detail);
  return result.packet;
}

/** A PacketSender for `identity`, numbering from `now`, whose socket hands each datagram to `sent`. */
export function testPacketSender(
  identity: { version: string; user: string; host: string },
  now: number,
  sent: (bytes: Buffer, address: string, port: number) => void = () => undefined,
): PacketSender {
  const transport = {
    send: (bytes: Buffer, address: string, port: number) => {
      sent(bytes, address, port);
      return Promise.resolve(true);
    },
  } as unknown as UdpTransport;
  return new PacketSender(transport, identity, new PacketNumberer(() => now), new NetworkStats());
}
