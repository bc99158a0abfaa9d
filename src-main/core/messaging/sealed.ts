import { ContractError, type MessageDTO } from '../../../src-shared/contract';
import type { PeerDirectory } from '../discovery/peer-directory';
import { peerIdOf } from '../discovery/peer-directory';
import { Mode, Opt, hasOption } from '../ipmsg/commands';
import { ackExtra, parseAckExtra } from '../ipmsg/message';
import type { Packet } from '../ipmsg/packet';
import type { MessageAnnouncer } from '../message-announcer';
import type { ConversationsRepo } from '../store/conversations-repo';
import type { MessagesRepo } from '../store/messages-repo';
import type { Endpoint } from '../net/endpoint';
import type { PacketSender } from '../net/packet-sender';
import { DeliveryTracker } from '../pipeline/delivery-tracker';

/** IP Messenger repeats an unconfirmed READMSG every 750 ms, 12 times. */
export const READ_RETRY_MS = 750;
export const READ_MAX_RETRIES = 12;

export interface SealedDeps {
  packets: PacketSender;
  directory: PeerDirectory;
  history: MessagesRepo;
  conversations: ConversationsRepo;
  announcer: MessageAnnouncer;
  now?: () => number;
  retryIntervalMs?: number;
  maxRetries?: number;
}

/**
 * Sealed messages, both ways (SENDMSG with SECRETOPT; sending them is Messaging's).
 * - We open one: it shows its text, and the sender gets READMSG (extra: the
 *   message's packet number). If the sender asked (READCHECKOPT) the READMSG
 *   carries that flag and is repeated until ANSREADMSG confirms it, or given up
 *   quietly: a read receipt is a courtesy, never an error the user must handle.
 * - A peer opened ours: its READMSG sets readAt (once: repeats change nothing),
 *   and is confirmed with ANSREADMSG when it asks, carrying the READMSG's number.
 * Clients that ignore sealing (iptux) show the text at once and never answer:
 * the message simply stays "sealed" on our side.
 */
export class SealedMessages {
  /** READMSGs awaiting ANSREADMSG, repeated like any unconfirmed datagram. */
  private readonly receipts: DeliveryTracker;
  private readonly now: () => number;

  constructor(private readonly deps: SealedDeps) {
    this.now = deps.now ?? Date.now;
    this.receipts = new DeliveryTracker({
      transmit: (bytes, to) => void deps.packets.sendBytes(bytes, to),
      // Given up quietly: a read receipt is a courtesy, never an error to handle.
      onFailed: () => undefined,
      retryIntervalMs: deps.retryIntervalMs ?? READ_RETRY_MS,
      maxRetries: deps.maxRetries ?? READ_MAX_RETRIES,
    });
  }

  /** Open a sealed message we received; the sender is told, once. */
  open(messageId: string): MessageDTO {
    const result = this.deps.history.sealed.open(messageId, this.now());
    if (!result) throw new ContractError('failed', 'There is no such sealed message.');
    if (result.opened) {
      this.announce(result.message);
      this.sendReceipt(messageId);
    }
    return result.message;
  }

  /** Stop every retry (shutdown). */
  stop(): void {
    this.receipts.clear();
  }

  /** READMSGs still waiting for their confirmation (tests and diagnostics). */
  get waiting(): number {
    return this.receipts.size;
  }

  /** READMSG: the peer opened one of our sealed messages. */
  peerOpened(packet: Packet, from: Endpoint): void {
    // Confirmed every time it asks: our earlier ANSREADMSG may have been lost.
    if (hasOption(packet.command, Opt.READCHECKOPT)) {
      void this.deps.packets.send(Mode.ANSREADMSG, ackExtra(packet.packetNo), from);
    }
    const packetNo = parseAckExtra(packet.extra);
    if (packetNo === undefined) return;
    const peerId = peerIdOf(packet.user, packet.host);
    const message = this.deps.history.sealed.readByPeer(peerId, packetNo, this.now());
    if (message) this.announce(message);
  }

  /** ANSREADMSG: the peer confirmed our READMSG. */
  receiptConfirmed(packet: Packet): void {
    const packetNo = parseAckExtra(packet.extra);
    if (packetNo === undefined) return;
    const peerId = peerIdOf(packet.user, packet.host);
    // IP Messenger answers with the READMSG's number; a client that answers with
    // the message's own number is understood too.
    if (this.receipts.acknowledge(packetNo, peerId) !== undefined) return;
    const message = this.deps.history.findByPacket(peerId, packetNo, 'in');
    if (message) this.receipts.withdraw(message.id);
  }

  private sendReceipt(messageId: string): void {
    const receipt = this.deps.history.sealed.receiptOf(messageId);
    const peer = receipt && this.deps.directory.get(receipt.peerId);
    if (!receipt || !peer) return;
    const command = Mode.READMSG | (receipt.readCheck ? Opt.READCHECKOPT : 0);
    const readPacketNo = this.deps.packets.nextPacketNo();
    const bytes = this.deps.packets.build(command, ackExtra(receipt.packetNo), readPacketNo);
    const to = { address: peer.address, port: peer.port };
    // Without READCHECKOPT the sender promised no answer: one READMSG, as IP Messenger does.
    if (!receipt.readCheck) {
      void this.deps.packets.sendBytes(bytes, to);
      return;
    }
    this.receipts.send({ messageId, peerId: peer.id, packetNo: readPacketNo, bytes, to });
  }

  private announce(message: MessageDTO): void {
    this.deps.announcer.announce(message, false);
  }
}
