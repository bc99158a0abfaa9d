import type { PigeonEvent } from '../../../src-shared/contract';
import type { PeerDirectory, PeerRecord } from '../discovery/peer-directory';
import { peerIdOf } from '../discovery/peer-directory';
import { Mode } from '../ipmsg/commands';
import type { Packet } from '../ipmsg/packet';
import type { IncomingMessage } from '../pipeline/incoming-message';
import type { MessageSender } from '../pipeline/message-sender';
import type { Endpoint } from '../net/endpoint';
import type { PacketSender } from '../net/packet-sender';

/** How often one peer hears our away message. */
const AUTO_REPLY_EVERY_MS = 10 * 60_000;
/** A typing indicator nobody switched off goes out by itself. */
const TYPING_TIMEOUT_MS = 8000;

export interface CourtesyDeps {
  packets: PacketSender;
  /** Away replies are messages: they go out through the pipeline. */
  sender: MessageSender;
  directory: PeerDirectory;
  /** Our away message while away, else undefined. */
  awayMessage: () => string | undefined;
  emit: (event: PigeonEvent) => void;
  now: () => number;
}

/**
 * The small social signals around messages: an automatic reply while away (marked
 * AUTORETOPT so it is never answered back, which would ping-pong between two away
 * users), and the typing indicator FeiQ and Pigeon show.
 */
export class Courtesy {
  private readonly lastAutoReply = new Map<string, number>();
  private readonly typingTimers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly deps: CourtesyDeps) {}

  /** A message arrived from `peer`: answer it automatically if we are away. */
  messageArrived(message: IncomingMessage, peer: PeerRecord): void {
    this.stopTyping(peer.id);
    const text = this.deps.awayMessage();
    if (!text || message.options.autoReply || message.options.broadcast) return;
    const last = this.lastAutoReply.get(peer.id);
    const now = this.deps.now();
    if (last !== undefined && now - last < AUTO_REPLY_EVERY_MS) return;
    this.lastAutoReply.set(peer.id, now);
    this.deps.sender.sendOnce({ recipient: peer, text, options: { autoReply: true } });
  }

  /** FeiQ's TYPING (true) and TYPING_STOP (false), as Pigeon sends them too. */
  peerTyping(packet: Packet, from: Endpoint, typing: boolean): void {
    const peer =
      this.deps.directory.get(peerIdOf(packet.user, packet.host)) ??
      this.deps.directory.findByAddress(from.address, from.port);
    if (!peer) return;
    if (typing) this.startTyping(peer.id);
    else this.stopTyping(peer.id);
  }

  /** Tell a peer we are typing; only FeiQ and Pigeon show it (others would log an unknown command). */
  sendTyping(peer: PeerRecord, typing: boolean): void {
    if (peer.client !== 'feiq' && peer.client !== 'pigeon') return;
    if (peer.status === 'offline') return;
    void this.deps.packets.send(typing ? Mode.TYPING : Mode.TYPING_STOP, '', peer);
  }

  stop(): void {
    for (const timer of this.typingTimers.values()) clearTimeout(timer);
    this.typingTimers.clear();
  }

  private startTyping(peerId: string): void {
    const running = this.typingTimers.get(peerId);
    if (running) clearTimeout(running);
    else this.deps.emit({ type: 'typing', conversationId: peerId, typing: true });
    const timer = setTimeout(() => this.stopTyping(peerId), TYPING_TIMEOUT_MS);
    timer.unref();
    this.typingTimers.set(peerId, timer);
  }

  private stopTyping(peerId: string): void {
    const running = this.typingTimers.get(peerId);
    if (!running) return;
    clearTimeout(running);
    this.typingTimers.delete(peerId);
    this.deps.emit({ type: 'typing', conversationId: peerId, typing: false });
  }
}
