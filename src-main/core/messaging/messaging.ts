import { randomUUID } from 'node:crypto';
import { ContractError, type ConversationDTO, type MessageDTO } from '../../../preload/contract';
import { Mode, Opt, hasOption, modeOf } from '../ipmsg/commands';
import {
  ackExtra,
  buildMessageExtra,
  parseAckExtra,
  parseMessageExtra,
  splitText,
} from '../ipmsg/message';
import { entryEncoding } from '../ipmsg/entry';
import { MAX_DATAGRAM_OUT, type Packet } from '../ipmsg/packet';
import { chooseOutgoingEncoding, legacyEncodingFor, type LegacyEncoding } from '../ipmsg/text';
import type { PeerDirectory, PeerRecord } from '../discovery/peer-directory';
import { peerIdOf } from '../discovery/peer-directory';
import type { ConversationBook } from '../history/conversation-book';
import type { MessageHistory } from '../history/message-history';
import type { MessengerTiming } from '../options';
import type { Endpoint, Wire } from '../wire';
import { DeliveryTracker, type PendingDelivery } from './delivery-tracker';
import { DuplicateFilter } from './duplicate-filter';

/** FeiQ clones and unknown clients read at most 4 KB; the rest of the family 8 KB. */
const SMALL_DATAGRAM = 4096;

export interface MessagingDeps {
  wire: Wire;
  directory: PeerDirectory;
  history: MessageHistory;
  conversations: ConversationBook;
  timing: MessengerTiming;
  legacy: LegacyEncoding;
  /** Our own names, which decide how iptux will read our text. */
  presence: () => { nickname: string; group: string };
  onMessage: (message: MessageDTO) => void;
  onConversation: (conversation: ConversationDTO) => void;
  /** A peer we did not know wrote to us (or changed address). */
  onPeerSeen: (peer: PeerRecord, isNew: boolean) => void;
  now?: () => number;
}

/** Sending with acknowledgement and retries, receiving with acknowledgement and de-duplication. */
export class Messaging {
  private readonly tracker: DeliveryTracker;
  private readonly duplicates: DuplicateFilter;
  private readonly now: () => number;

  constructor(private readonly deps: MessagingDeps) {
    this.now = deps.now ?? Date.now;
    this.duplicates = new DuplicateFilter(120_000, 20_000, this.now);
    this.tracker = new DeliveryTracker({
      transmit: (bytes, to) => void deps.wire.sendBytes(bytes, to),
      onFailed: (delivery) => this.failed(delivery),
      retryIntervalMs: deps.timing.retryIntervalMs,
      maxRetries: deps.timing.maxRetries,
    });
  }

  /** Send text to a conversation's peer; text too long for one datagram becomes several messages. */
  send(conversationId: string, text: string): MessageDTO[] {
    const peer = this.requirePeer(conversationId);
    const wire = chooseOutgoingEncoding(
      peer,
      this.deps.legacy,
      entryEncoding(this.deps.presence(), this.deps.legacy),
    );
    const command = Mode.SENDMSG | Opt.SENDCHECKOPT | (wire.utf8Flag ? Opt.UTF8OPT : 0);
    const limit =
      peer.client === 'feiq' || peer.client === 'unknown' ? SMALL_DATAGRAM : MAX_DATAGRAM_OUT;
    // Room for the header, the trailing NUL and a margin for a longer packet number.
    const room = limit - this.deps.wire.headerBytes(command) - 16;
    const chunks = splitText(text.replace(/\r\n?/g, '\n'), room, wire.encoding);
    return chunks.map((chunk) => {
      const message: MessageDTO = {
        id: randomUUID(),
        conversationId,
        direction: 'out',
        text: chunk,
        state: 'sending',
        at: this.now(),
      };
      this.deps.history.add(message);
      this.announce(message, true);
      this.transmit(message, peer);
      return message;
    });
  }

  /** Try a failed message again with a fresh packet number. */
  resend(messageId: string): MessageDTO {
    const message = this.deps.history.get(messageId);
    if (!message || message.direction !== 'out')
      throw new ContractError('failed', 'No such message to resend.');
    if (message.state === 'delivered') return message;
    if (this.tracker.isPending(messageId)) return message;
    const peer = this.requirePeer(message.conversationId);
    const again: MessageDTO = { ...message, state: 'sending' };
    delete again.error;
    this.deps.history.update(again);
    this.announce(again, false);
    this.transmit(again, peer);
    return again;
  }

  /** Handle SENDMSG / RECVMSG; returns false for any other mode. */
  handle(packet: Packet, from: Endpoint): boolean {
    const mode = modeOf(packet.command);
    if (mode === Mode.SENDMSG) {
      this.received(packet, from);
      return true;
    }
    if (mode === Mode.RECVMSG) {
      const packetNo = parseAckExtra(packet.extra);
      const messageId =
        packetNo === undefined
          ? undefined
          : this.tracker.acknowledge(packetNo, peerIdOf(packet.user, packet.host));
      const message = messageId === undefined ? undefined : this.deps.history.get(messageId);
      if (message) this.settle({ ...message, state: 'delivered' });
      return true;
    }
    return false;
  }

  /** A peer re-entered: its packet numbering may have restarted. */
  peerReentered(peerId: string): void {
    this.duplicates.forgetPeer(peerId);
  }

  stop(): void {
    this.tracker.clear();
  }

  private received(packet: Packet, from: Endpoint): void {
    const peer = this.sender(packet, from);
    const legacy = legacyEncodingFor(packet.version, this.deps.legacy);
    const { text } = parseMessageExtra(packet.extra, packet.command, legacy);
    const duplicate = this.duplicates.isDuplicate(peer.id, packet.packetNo);
    if (!duplicate && text.length > 0) {
      const message: MessageDTO = {
        id: randomUUID(),
        conversationId: peer.id,
        direction: 'in',
        text,
        state: 'received',
        at: this.now(),
      };
      // Kept before the acknowledgement goes out: an acknowledged message is never lost.
      this.deps.history.add(message);
      this.announce(message, true);
    }
    const wantsAck =
      hasOption(packet.command, Opt.SENDCHECKOPT) &&
      !hasOption(packet.command, Opt.BROADCASTOPT) &&
      !hasOption(packet.command, Opt.AUTORETOPT);
    if (wantsAck) void this.deps.wire.send(Mode.RECVMSG, ackExtra(packet.packetNo), from);
  }

  /** The sending peer, recorded (or its new address noted) before its message is shown. */
  private sender(packet: Packet, from: Endpoint): PeerRecord {
    const id = peerIdOf(packet.user, packet.host);
    const known = this.deps.directory.get(id);
    const { peer, changed } = this.deps.directory.upsert({
      user: packet.user,
      host: packet.host,
      address: from.address,
      port: from.port,
      at: this.now(),
    });
    if (!known || changed) this.deps.onPeerSeen(peer, !known);
    return peer;
  }

  private transmit(message: MessageDTO, peer: PeerRecord): void {
    const wire = chooseOutgoingEncoding(
      peer,
      this.deps.legacy,
      entryEncoding(this.deps.presence(), this.deps.legacy),
    );
    const command = Mode.SENDMSG | Opt.SENDCHECKOPT | (wire.utf8Flag ? Opt.UTF8OPT : 0);
    const packetNo = this.deps.wire.nextPacketNo();
    const bytes = this.deps.wire.build(command, buildMessageExtra(message.text, wire), packetNo);
    const delivery: PendingDelivery = {
      messageId: message.id,
      peerId: peer.id,
      packetNo,
      bytes,
      to: { address: peer.address, port: peer.port },
    };
    this.tracker.send(delivery);
  }

  private failed(delivery: PendingDelivery): void {
    const message = this.deps.history.get(delivery.messageId);
    if (!message) return;
    const peer = this.deps.directory.get(delivery.peerId);
    const who = peer?.nickname ?? delivery.peerId;
    const tries = this.deps.timing.maxRetries + 1;
    this.settle({
      ...message,
      state: 'failed',
      error: `${who} did not confirm after ${tries} tries: they may be offline, or a firewall blocks UDP port ${delivery.to.port}.`,
    });
  }

  private settle(message: MessageDTO): void {
    this.deps.history.update(message);
    this.announce(message, false);
  }

  private announce(message: MessageDTO, isNew: boolean): void {
    this.deps.onMessage(message);
    this.deps.onConversation(this.deps.conversations.noteMessage(message, isNew));
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
