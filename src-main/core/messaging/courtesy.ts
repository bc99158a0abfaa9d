import type { PigeonEvent } from '../../../src-shared/contract';
import type { PeerDirectory, PeerRecord } from '../discovery/peer-directory';
import { peerIdOf } from '../discovery/peer-directory';
import { Mode, Opt, hasOption, modeOf } from '../ipmsg/commands';
import { buildMessageExtra } from '../ipmsg/message';
import type { Packet } from '../ipmsg/packet';
import type { OutgoingTextEncoding } from '../ipmsg/text';
import type { Endpoint } from '../net/endpoint';
import type { PacketSender } from '../net/packet-sender';

/** How often one peer hears our away message. */
const AUTO_REPLY_EVERY_MS = 10 * 60_000;
/** A typing indicator nobody switched off goes out by itself. */
const TYPING_TIMEOUT_MS = 8000;

export interface CourtesyDeps {
  packets: PacketSender;
  directory: PeerDirectory;
  /** Our away message while away, else undefined. */
  awayMessage: () => string | undefined;
  textEncodingFor: (peer: PeerRecord) => OutgoingTextEncoding;
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
  messageArrived(packet: Packet, peer: PeerRecord): void {
    this.stopTyping(peer.id);
    const text = this.deps.awayMessage();
    if (
      !text ||
      hasOption(packet.command, Opt.AUTORETOPT) ||
      hasOption(packet.command, Opt.BROADCASTOPT)
    )
      return;
    const last = this.lastAutoReply.get(peer.id);
    const now = this.deps.now();
    if (last !== undefined && now - last < AUTO_REPLY_EVERY_MS) return;
    this.lastAutoReply.set(peer.id, now);
    const textEncoding = this.deps.textEncodingFor(peer);
    const command = Mode.SENDMSG | Opt.AUTORETOPT | (textEncoding.utf8Flag ? Opt.UTF8OPT : 0);
    void this.deps.packets.send(command, buildMessageExtra(text, textEncoding), peer);
  }

  /** FeiQ's typing commands; returns false for any other mode. */
  handle(packet: Packet, from: Endpoint): boolean {
    const mode = modeOf(packet.command);
    if (mode !== Mode.TYPING && mode !== Mode.TYPING_STOP && mode !== Mode.OPEN_WINDOW)
      return false;
    const peer =
      this.deps.directory.get(peerIdOf(packet.user, packet.host)) ??
      this.deps.directory.findByAddress(from.address, from.port);
    if (!peer || mode === Mode.OPEN_WINDOW) return true;
    if (mode === Mode.TYPING) this.startTyping(peer.id);
    else this.stopTyping(peer.id);
    return true;
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
