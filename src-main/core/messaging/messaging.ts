import { randomUUID } from 'node:crypto';
import { ContractError, type ConversationDTO, type MessageDTO } from '../../../src-shared/contract';
import type { PeerDirectory, PeerRecord } from '../discovery/peer-directory';
import { peerIdOf } from '../discovery/peer-directory';
import { Mode, Opt, modeOf } from '../ipmsg/commands';
import { entryEncoding } from '../ipmsg/entry';
import { buildMessageExtra, parseAckExtra, splitText } from '../ipmsg/message';
import { MAX_DATAGRAM_OUT, type Packet } from '../ipmsg/packet';
import { chooseOutgoingEncoding, type LegacyEncoding } from '../ipmsg/text';
import type { MessengerTiming } from '../options';
import type { ConversationsRepo } from '../store/conversations-repo';
import type { MessagesRepo } from '../store/messages-repo';
import type { OutboxRepo } from '../store/outbox-repo';
import type { Endpoint } from '../net/endpoint';
import type { PacketSender } from '../net/packet-sender';
import { DeliveryTracker, type PendingDelivery } from './delivery-tracker';
import { Receiving, type ReceivingDeps } from './receiving';
import { SEALED_OPTIONS } from './sealed';

/** FeiQ clones and unknown clients read at most 4 KB; the rest of the family 8 KB. */
const SMALL_DATAGRAM = 4096;

export interface MessagingDeps {
  packets: PacketSender;
  directory: PeerDirectory;
  history: MessagesRepo;
  conversations: ConversationsRepo;
  outbox: OutboxRepo;
  timing: MessengerTiming;
  legacy: LegacyEncoding;
  /** Our own names, which decide how iptux will read our text. */
  presence: () => { nickname: string; group: string };
  onMessage: (message: MessageDTO) => void;
  onConversation: (conversation: ConversationDTO) => void;
  onPeerSeen: (peer: PeerRecord, isNew: boolean) => void;
  /** A peer stopped confirming: worth asking whether it is still there. */
  onPeerSilent: (peer: PeerRecord) => void;
  /** A SENDMSG arrived from a peer (after it was kept and acknowledged). */
  onIncoming?: (packet: Packet, peer: PeerRecord) => void;
  /** Offers of files (see Receiving). */
  offers?: ReceivingDeps['offers'];
  now?: () => number;
}

/**
 * Sending with acknowledgement and retries, and the outbox: text for a peer that is
 * offline waits, and goes out by itself when the peer is heard again.
 *
 * A message another Pigeon did not confirm goes back to the outbox with the same
 * packet number, so it cannot arrive twice (Pigeon remembers numbers it has seen).
 * Toward other clients that guarantee does not hold, so there it ends `failed`
 * and the user decides whether to send it again.
 */
export class Messaging {
  private readonly tracker: DeliveryTracker;
  private readonly receiving: Receiving;
  private readonly now: () => number;

  constructor(private readonly deps: MessagingDeps) {
    this.now = deps.now ?? Date.now;
    this.receiving = new Receiving({ ...deps, now: this.now });
    this.tracker = new DeliveryTracker({
      transmit: (bytes, to) => void deps.packets.sendBytes(bytes, to),
      onFailed: (delivery) => this.unconfirmed(delivery),
      retryIntervalMs: deps.timing.retryIntervalMs,
      maxRetries: deps.timing.maxRetries,
    });
  }

  /**
   * Send text to a conversation's peer; text too long for one datagram becomes several
   * messages. Sealed text is sealed in every part, so no part of it shows unopened.
   */
  send(conversationId: string, text: string, options: { sealed?: boolean } = {}): MessageDTO[] {
    const peer = this.requirePeer(conversationId);
    const textEncoding = this.textEncodingFor(peer);
    const command =
      Mode.SENDMSG |
      Opt.SENDCHECKOPT |
      (textEncoding.utf8Flag ? Opt.UTF8OPT : 0) |
      (options.sealed ? SEALED_OPTIONS : 0);
    const limit =
      peer.client === 'feiq' || peer.client === 'unknown' ? SMALL_DATAGRAM : MAX_DATAGRAM_OUT;
    // Room for the header, the trailing NUL and a margin for a longer packet number.
    const room = limit - this.deps.packets.headerBytes(command) - 16;
    const chunks = splitText(text.replace(/\r\n?/g, '\n'), room, textEncoding.encoding);
    const offline = peer.status === 'offline';
    return chunks.map((chunk) => {
      const message: MessageDTO = {
        id: randomUUID(),
        conversationId,
        direction: 'out',
        text: chunk,
        state: offline ? 'queued' : 'sending',
        at: this.now(),
        ...(options.sealed ? { sealed: true } : {}),
      };
      if (offline) {
        this.deps.history.add(message, { peerId: peer.id });
        this.deps.outbox.enqueue(message.id, peer.id);
        this.announce(message, true);
      } else {
        const packetNo = this.deps.packets.nextPacketNo();
        this.deps.history.add(message, { peerId: peer.id, packetNo });
        this.announce(message, true);
        this.transmit(message, peer, packetNo);
      }
      return message;
    });
  }

  /** Try a failed message again (queued if its peer is offline now). */
  resend(messageId: string): MessageDTO {
    const message = this.requireOutgoing(messageId);
    if (message.state !== 'failed') return message;
    const peer = this.requirePeer(message.conversationId);
    const again: MessageDTO = {
      ...message,
      state: peer.status === 'offline' ? 'queued' : 'sending',
    };
    delete again.error;
    if (again.state === 'queued') {
      this.deps.outbox.enqueue(again.id, peer.id);
      this.settle(again);
    } else {
      // A fresh number: iptux drops a SENDMSG whose number is not above the last it saw.
      const packetNo = this.deps.packets.nextPacketNo();
      this.settle(again, packetNo);
      this.transmit(again, peer, packetNo);
    }
    return again;
  }

  /** Withdraw a queued message before it goes out. */
  cancel(messageId: string): MessageDTO {
    const message = this.requireOutgoing(messageId);
    if (message.state !== 'queued' || this.tracker.isPending(messageId)) {
      throw new ContractError(
        'failed',
        'Only a message still waiting in the outbox can be cancelled.',
      );
    }
    this.deps.outbox.remove(messageId);
    const cancelled: MessageDTO = { ...message, state: 'cancelled' };
    delete cancelled.error;
    this.settle(cancelled);
    return cancelled;
  }

  /** The peer is there: send what waits for it, in the order it was written. */
  flushOutbox(peerId: string): void {
    const peer = this.deps.directory.get(peerId);
    if (!peer || peer.status === 'offline') return;
    for (const entry of this.deps.outbox.forPeer(peerId)) {
      if (this.tracker.isPending(entry.messageId) || entry.message.state !== 'queued') continue;
      // Pigeon peers get the number it had (they refuse a number twice); others a fresh one.
      const stored = this.deps.history.packetNoOf(entry.messageId);
      const packetNo =
        stored !== undefined && peer.client === 'pigeon'
          ? stored
          : this.deps.packets.nextPacketNo();
      const sending: MessageDTO = { ...entry.message, state: 'sending' };
      delete sending.error;
      this.settle(sending, packetNo);
      this.transmit(sending, peer, packetNo);
    }
  }

  /** Handle SENDMSG / RECVMSG; returns false for any other mode. */
  handle(packet: Packet, from: Endpoint): boolean {
    const mode = modeOf(packet.command);
    if (mode === Mode.SENDMSG) {
      const peer = this.receiving.received(packet, from);
      this.deps.onIncoming?.(packet, peer);
      this.flushOutbox(peer.id);
      return true;
    }
    if (mode === Mode.RECVMSG) {
      const packetNo = parseAckExtra(packet.extra);
      const peerId = peerIdOf(packet.user, packet.host);
      const messageId =
        packetNo === undefined ? undefined : this.tracker.acknowledge(packetNo, peerId);
      const message = messageId === undefined ? undefined : this.deps.history.get(messageId);
      if (message) {
        this.deps.outbox.remove(message.id);
        const delivered: MessageDTO = { ...message, state: 'delivered' };
        delete delivered.error;
        this.settle(delivered);
      }
      return true;
    }
    return false;
  }

  peerReentered(peerId: string): void {
    this.receiving.peerReentered(peerId);
  }

  stop(): void {
    this.tracker.clear();
  }

  private transmit(message: MessageDTO, peer: PeerRecord, packetNo: number): void {
    const textEncoding = this.textEncodingFor(peer);
    // From the stored message, so a resent or queued sealed message stays sealed.
    const command =
      Mode.SENDMSG |
      Opt.SENDCHECKOPT |
      (textEncoding.utf8Flag ? Opt.UTF8OPT : 0) |
      (message.sealed ? SEALED_OPTIONS : 0);
    const bytes = this.deps.packets.build(
      command,
      buildMessageExtra(message.text, textEncoding),
      packetNo,
    );
    const delivery: PendingDelivery = {
      messageId: message.id,
      peerId: peer.id,
      packetNo,
      bytes,
      to: { address: peer.address, port: peer.port },
    };
    this.tracker.send(delivery);
  }

  private unconfirmed(delivery: PendingDelivery): void {
    const message = this.deps.history.get(delivery.messageId);
    if (!message) return;
    const peer = this.deps.directory.get(delivery.peerId);
    const who = peer?.nickname ?? delivery.peerId;
    const tries = this.deps.timing.maxRetries + 1;
    if (peer?.client === 'pigeon') {
      this.deps.outbox.enqueue(message.id, peer.id);
      this.settle({
        ...message,
        state: 'queued',
        error: `${who} did not confirm after ${tries} tries; it will be sent again when they are back.`,
      });
      this.deps.onPeerSilent(peer);
      return;
    }
    this.deps.outbox.remove(message.id);
    this.settle({
      ...message,
      state: 'failed',
      error: `${who} did not confirm after ${tries} tries: they may be offline, or a firewall blocks UDP port ${delivery.to.port}.`,
    });
  }

  /** How text to this peer is encoded (also for the away message). */
  textEncodingFor(peer: PeerRecord) {
    const own = entryEncoding(this.deps.presence(), this.deps.legacy);
    return chooseOutgoingEncoding(peer, this.deps.legacy, own);
  }

  private settle(message: MessageDTO, packetNo?: number): void {
    this.deps.history.update(message, packetNo === undefined ? {} : { packetNo });
    this.announce(message, false);
  }

  private announce(message: MessageDTO, isNew: boolean): void {
    this.deps.onMessage(message);
    this.deps.onConversation(this.deps.conversations.noteMessage(message, isNew));
  }

  private requireOutgoing(messageId: string): MessageDTO {
    const message = this.deps.history.get(messageId);
    if (!message || message.direction !== 'out')
      throw new ContractError('failed', 'No such message.');
    return message;
  }

  private requirePeer(conversationId: string): PeerRecord {
    const conversation = this.deps.conversations.get(conversationId);
    const peer = this.deps.directory.get(conversation?.peerId ?? conversationId);
    if (!peer)
      throw new ContractError(
        'failed',
        'This contact is unknown: wait until they appear in the contact list.',
      );
    return peer;
  }
}
