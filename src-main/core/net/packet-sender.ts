import { encodePacket, MAX_DATAGRAM_OUT } from '../ipmsg/packet';
import type { PacketNumberer } from '../ipmsg/packet-number';
import type { UdpTransport } from './udp-transport';
import type { Endpoint } from './endpoint';
import type { NetworkStats } from './network-stats';

export interface Identity {
  version: string;
  user: string;
  host: string;
}

/** A last step for every datagram (sealing toward keyed Pigeons); undefined holds it back. */
export type OutgoingSeal = (bytes: Buffer, to: Endpoint) => Buffer | undefined;

/** Builds Pigeon's datagrams (identity, packet numbers) and hands them to the transport. */
export class PacketSender {
  constructor(
    private readonly transport: UdpTransport,
    private readonly identity: Readonly<Identity>,
    private readonly numbers: PacketNumberer,
    private readonly stats: NetworkStats,
  ) {}

  private seal: OutgoingSeal | undefined;
  /** Header sizes by command: asked for every message sent, and our identity never changes. */
  private readonly headerSizes = new Map<number, number>();

  sealWith(seal: OutgoingSeal): void {
    this.seal = seal;
  }

  nextPacketNo(): number {
    return this.numbers.next();
  }

  /** Encode a packet; `packetNo` is fresh unless given (retransmissions keep theirs). */
  build(command: number, extra: Buffer | string = '', packetNo = this.numbers.next()): Buffer {
    const bytes = encodePacket({ ...this.identity, packetNo, command, extra });
    if (bytes.length > MAX_DATAGRAM_OUT) {
      // Callers split text before this point; reaching here is a bug, not user input.
      throw new RangeError(`datagram of ${bytes.length} bytes exceeds ${MAX_DATAGRAM_OUT}`);
    }
    return bytes;
  }

  /** Bytes of the header alone, to size message chunks. */
  headerBytes(command: number): number {
    let size = this.headerSizes.get(command);
    if (size === undefined) {
      size = encodePacket({ ...this.identity, packetNo: 4294967295, command, extra: '' }).length;
      this.headerSizes.set(command, size);
    }
    return size;
  }

  async sendBytes(bytes: Buffer, to: Endpoint): Promise<boolean> {
    const out = this.seal ? this.seal(bytes, to) : bytes;
    if (!out) return false;
    const ok = await this.transport.send(out, to.address, to.port);
    if (ok) this.stats.sent();
    return ok;
  }

  send(command: number, extra: Buffer | string, to: Endpoint): Promise<boolean> {
    return this.sendBytes(this.build(command, extra), to);
  }
}
