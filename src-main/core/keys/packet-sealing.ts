// Where sealing meets the network: every datagram we send passes `outgoing` (the packet
// sender's last step, so a retransmission is sealed anew), and every packet we receive passes
// `incoming` before any service reads it. Sealing itself is message-seals.ts.
import { Mode, modeOf } from '../ipmsg/commands';
import { parseEntryExtra } from '../ipmsg/entry';
import { decodePacket, type Packet } from '../ipmsg/packet';
import type { Endpoint } from '../net/endpoint';
import type { KeyBook } from './key-book';
import type { MessageSeals } from './message-seals';

export interface PacketSealingDeps {
  seals: MessageSeals;
  keys: KeyBook;
  /** The peer last heard at this address and port. */
  peerAt: (to: Endpoint) => string | undefined;
  /** Tell this address who we are (our entry, with our session key). */
  introduce: (to: Endpoint) => void;
}

const COLON = 0x3a;

/** The header bytes up to and with the fifth ':' (the extra follows). */
function headerOf(bytes: Buffer): Buffer | undefined {
  let at = -1;
  for (let n = 0; n < 5; n++) {
    at = bytes.indexOf(COLON, at + 1);
    if (at === -1) return undefined;
  }
  return bytes.subarray(0, at + 1);
}

export class PacketSealing {
  constructor(private readonly deps: PacketSealingDeps) {}

  /** Our datagram as it goes to `to`: sealed for a sealing Pigeon, undefined when held. */
  readonly outgoing = (bytes: Buffer, to: Endpoint): Buffer | undefined => {
    const peerId = this.deps.peerAt(to);
    if (peerId === undefined || !this.deps.seals.seals(peerId)) return bytes;
    const decoded = decodePacket(bytes);
    const header = headerOf(bytes);
    if (!decoded.ok || !header) return bytes;
    const outcome = this.deps.seals.seal(decoded.packet, peerId);
    if (outcome.kind === 'held') return undefined;
    return outcome.kind === 'sealed' ? Buffer.concat([header, outcome.extra]) : bytes;
  };

  /** The packet as its owner should read it, or undefined when it is refused. */
  incoming(packet: Packet, from: Endpoint): Packet | undefined {
    const peerId = `${packet.user}@${packet.host}`;
    const opened = this.deps.seals.open(packet, peerId);
    if (opened.kind !== 'refused') return opened.packet;
    // Sealed to a session of ours that is gone (we restarted): the peer learns the new one.
    if (opened.unknownSession) this.deps.introduce(from);
    // A clear entry's signed time is used up, so it cannot be replayed as a goodbye later;
    // a goodbye sent before the peer knew our session counts when its signature is fresh.
    if (!opened.clear) return undefined;
    const fresh = this.deps.keys.freshlySigned(packet, peerId);
    return fresh && modeOf(packet.command) === Mode.BR_EXIT ? packet : undefined;
  }

  /** An entry from the peer's own address, signed by its accepted key: its session key counts. */
  heardEntry(packet: Packet, peerId: string): void {
    const signature = this.deps.keys.signatureOf(packet);
    const accepted = this.deps.keys.accepted(peerId);
    if (signature.kind !== 'signed' || !accepted?.signing.equals(signature.keys.signing)) return;
    const entry = parseEntryExtra(packet.extra, packet.command, 'gb18030');
    this.deps.seals.heardSession(peerId, entry.keys?.KE);
  }
}
