// Sending what the outgoing pipeline built: a message that asks for confirmation is
// repeated until its RECVMSG comes (or given up), and the RECVMSG is matched here, for
// chat messages and file offers alike, so one place owns every acknowledgement.
import type { Packet } from '../ipmsg/packet';
import { parseAckExtra } from '../ipmsg/message';
import { peerIdOf } from '../discovery/peer-directory';
import { DeliveryTracker, type PendingDelivery } from './delivery-tracker';
import type { PeerRecord } from '../discovery/peer-directory';
import type { OutgoingTextEncoding } from '../ipmsg/text';
import {
  buildMessagePacket,
  splitForRecipient,
  textEncodingFor,
  type OutgoingContext,
  type OutgoingMessage,
} from './outgoing-message';

/** What becomes of a confirmed message, told to whoever sent it. */
export interface DeliveryOutcome {
  delivered(messageId: string): void;
  /** No RECVMSG after every retry. */
  unconfirmed(delivery: PendingDelivery): void;
}

export interface MessageSenderDeps extends OutgoingContext {
  timing: { retryIntervalMs: number; maxRetries: number };
}

export class MessageSender {
  /** Each pending delivery carries the outcome to tell, so the tracker's map is the only one. */
  private readonly tracker: DeliveryTracker<PendingDelivery & { outcome: DeliveryOutcome }>;

  constructor(private readonly deps: MessageSenderDeps) {
    this.tracker = new DeliveryTracker({
      transmit: (bytes, to) => void deps.packets.sendBytes(bytes, to),
      onDelivered: (delivery) => delivery.outcome.delivered(delivery.messageId),
      onFailed: (delivery) => {
        try {
          delivery.outcome.unconfirmed(delivery);
        } catch {
          // Runs on a timer: a store error must not end the process.
        }
      },
      retryIntervalMs: deps.timing.retryIntervalMs,
      maxRetries: deps.timing.maxRetries,
    });
  }

  /** Build a message that asks for confirmation and send it until it is confirmed. */
  sendConfirmed(
    message: OutgoingMessage & { packetNo: number },
    messageId: string,
    outcome: DeliveryOutcome,
  ): void {
    const bytes = buildMessagePacket(
      { ...message, options: { ...message.options, confirm: true } },
      this.deps,
    );
    this.track(message, messageId, bytes, outcome);
  }

  /** Send bytes built beforehand (an offer, whose build may refuse) until confirmed. */
  track(
    message: Pick<OutgoingMessage, 'recipient'> & { packetNo: number },
    messageId: string,
    bytes: Buffer,
    outcome: DeliveryOutcome,
  ): void {
    const { recipient } = message;
    this.tracker.send({
      messageId,
      peerId: recipient.id,
      packetNo: message.packetNo,
      bytes,
      to: { address: recipient.address, port: recipient.port },
      toPigeon: recipient.client === 'pigeon',
      outcome,
    });
  }

  /** Send once, unconfirmed (an away reply). */
  sendOnce(message: OutgoingMessage): void {
    const { recipient } = message;
    void this.deps.packets.sendBytes(buildMessagePacket(message, this.deps), recipient);
  }

  /** RECVMSG: tells the sender of the message it confirms; false if none of ours, or not from its peer. */
  acknowledged(packet: Packet): boolean {
    const packetNo = parseAckExtra(packet.extra);
    if (packetNo === undefined) return false;
    return this.tracker.acknowledge(packetNo, peerIdOf(packet.user, packet.host)) !== undefined;
  }

  /** The datagram for a message, built by the pipeline (see buildMessagePacket). */
  build(message: OutgoingMessage): Buffer {
    return buildMessagePacket(message, this.deps);
  }

  /** The parts `text` must be cut into for this recipient (see splitForRecipient). */
  split(message: Omit<OutgoingMessage, 'packetNo' | 'attachments'>): string[] {
    return splitForRecipient(message, this.deps);
  }

  textEncodingFor(peer: PeerRecord): OutgoingTextEncoding {
    return textEncodingFor(peer, this.deps);
  }

  nextPacketNo(): number {
    return this.deps.packets.nextPacketNo();
  }

  isPending(messageId: string): boolean {
    return this.tracker.isPending(messageId);
  }

  /** Stop retrying one message without reporting it (its sender put it back in the outbox). */
  withdraw(messageId: string): boolean {
    return this.tracker.withdraw(messageId);
  }

  /** Stop every retry (shutdown); nothing is reported. */
  stop(): void {
    this.tracker.clear();
  }
}
