import { randomUUID } from 'node:crypto';
import { ContractError, type MessageDTO } from '../../../src-shared/contract';
import type { PeerDirectory, PeerRecord } from '../discovery/peer-directory';
import type { MessageAnnouncer } from '../message-announcer';
import type { MessengerTiming } from '../options';
import type { PendingDelivery } from '../pipeline/delivery-tracker';
import type { IncomingMessage } from '../pipeline/incoming-message';
import type { DeliveryOutcome, MessageSender } from '../pipeline/message-sender';
import type { ConversationsRepo } from '../store/conversations-repo';
import type { MessagesRepo } from '../store/messages-repo';
import type { OutboxRepo } from '../store/outbox-repo';
import { WriteGroup, commitAtOnce } from '../store/write-group';
import type { Endpoint } from '../net/endpoint';
import type { PacketSender } from '../net/packet-sender';
import { PeerSendQueue } from './peer-send-queue';
import { transmitMessage } from './long-message';
import { Receiving, type ReceivingDeps } from './receiving';

/** Messages in flight at once to another Pigeon: it puts them back in order (ReorderHold). */
const PIGEON_WINDOW = 16;
/** Text this short is one datagram, so it can carry its order marker. */
const WINDOWED_BYTES = 1024;

/** A message on its way: waits in its peer's line until the one before it is settled. */
interface Outgoing {
  messageId: string;
  peerId: string;
  message: MessageDTO;
  peer: PeerRecord;
  packetNo: number;
}

export interface MessagingDeps {
  /** Every SENDMSG goes out through the pipeline's sender... */
  sender: MessageSender;
  /** ...and the RECVMSG we owe for what arrives, straight on the wire. */
  packets: PacketSender;
  directory: PeerDirectory;
  history: MessagesRepo;
  conversations: ConversationsRepo;
  outbox: OutboxRepo;
  timing: MessengerTiming;
  announcer: MessageAnnouncer;
  onPeerSeen: (peer: PeerRecord, isNew: boolean) => void;
  /** A peer stopped confirming: worth asking whether it is still there. */
  onPeerSilent: (peer: PeerRecord) => void;
  /** Offers of files (see Receiving). */
  offers?: ReceivingDeps['offers'];
  /** A message waits for its recipient's IP Messenger key, if it offers encryption. */
  ipmsgKeys?: { whenReady(peer: PeerRecord): Promise<void> };
  now?: () => number;
  /**
   * Where messages received and confirmations of ours are committed: those of one burst
   * together (see WriteGroup). Without one, each is committed on its own, at once.
   */
  writes?: WriteGroup;
}

/**
 * Sending with acknowledgement and retries, and the outbox: text for a peer that is
 * offline waits, and goes out by itself when the peer is heard again.
 *
 * A message another Pigeon did not confirm goes back to the outbox with the same
 * packet number, so it cannot arrive twice (Pigeon remembers numbers it has seen).
 * Toward other clients that guarantee does not hold, so there it ends `failed`
 * and the user decides whether to send it again.
 *
 * Messages to one peer go out one at a time, in the order written (see PeerSendQueue).
 */
export class Messaging {
  private readonly receiving: Receiving;
  private readonly now: () => number;
  private readonly lines = new PeerSendQueue<Outgoing>(
    (item, previous) => this.start(item, previous?.packetNo),
    (item) => windowOf(item),
  );
  /** Copies of a message sent to several (群发) not yet delivered: they go out with MULTICASTOPT. */
  private readonly multicast = new Set<string>();
  /** What a RECVMSG (or its absence) does to one of our messages. */
  private readonly outcome: DeliveryOutcome = {
    delivered: (messageId) => this.delivered(messageId),
    unconfirmed: (delivery) => this.unconfirmed(delivery),
  };

  private readonly writes: WriteGroup;

  constructor(private readonly deps: MessagingDeps) {
    this.now = deps.now ?? Date.now;
    this.writes =
      deps.writes ??
      new WriteGroup((work) => deps.history.atomically(work), { defer: commitAtOnce });
    this.receiving = new Receiving({
      ...deps,
      writes: this.writes,
      now: this.now,
      // Bounds only a wait for a message that never comes (see ReorderHold): the sender
      // gives up on it (maxRetries + 1) × retryIntervalMs after its first send, quick
      // retries or not.
      reorderHoldMs: deps.timing.retryIntervalMs * deps.timing.maxRetries,
    });
  }

  /**
   * Send text to a conversation's peer. Text too long for one datagram stays one message
   * toward another Pigeon (sent in marked parts), and becomes several messages toward
   * other clients. Sealed text is sealed in every part, so no part of it shows unopened.
   * A copy of a message sent to several is marked so (MULTICASTOPT) on every try.
   */
  send(
    conversationId: string,
    text: string,
    options: { sealed?: boolean | undefined; multicast?: boolean } = {},
  ): MessageDTO[] {
    const peer = this.requirePeer(conversationId);
    const chunks =
      peer.client === 'pigeon'
        ? [text]
        : this.deps.sender.split({
            recipient: peer,
            text,
            options: {
              confirm: true,
              sealed: options.sealed === true,
              multicast: options.multicast === true,
            },
          });
    const offline = peer.status === 'offline';
    // Anything that waits for this peer goes first, so the new text cannot overtake it.
    if (!offline) this.flushOutbox(peer.id);
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
      if (options.multicast) this.multicast.add(message.id);
      if (offline) {
        this.deps.history.add(message, { peerId: peer.id });
        this.deps.outbox.enqueue(message.id, peer.id);
        this.announce(message, true);
      } else {
        const packetNo = this.deps.sender.nextPacketNo();
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
      const packetNo = this.deps.sender.nextPacketNo();
      this.settle(again, packetNo);
      this.transmit(again, peer, packetNo);
    }
    return again;
  }

  /** Withdraw a queued message before it goes out. */
  cancel(messageId: string): MessageDTO {
    const message = this.requireOutgoing(messageId);
    if (
      message.state !== 'queued' ||
      this.deps.sender.isPending(messageId) ||
      this.lines.has(messageId)
    ) {
      throw new ContractError(
        'failed',
        'Only a message still waiting in the outbox can be cancelled.',
      );
    }
    this.deps.outbox.remove(messageId);
    this.multicast.delete(messageId);
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
      if (this.lines.has(entry.messageId) || entry.message.state !== 'queued') continue;
      // Pigeon peers get the number it had (they refuse a number twice); others a fresh one.
      const stored = this.deps.history.packetNoOf(entry.messageId);
      const packetNo =
        stored !== undefined && peer.client === 'pigeon' ? stored : this.deps.sender.nextPacketNo();
      const sending: MessageDTO = { ...entry.message, state: 'sending' };
      delete sending.error;
      this.settle(sending, packetNo);
      this.transmit(sending, peer, packetNo);
    }
  }

  /** A SENDMSG arrived (read by the incoming pipeline): keep, acknowledge, then flush. */
  received(message: IncomingMessage, from: Endpoint): PeerRecord {
    const peer = this.receiving.received(message, from);
    this.flushOutbox(peer.id);
    return peer;
  }

  peerReentered(peerId: string): void {
    this.receiving.peerReentered(peerId);
  }

  /** Shutdown: parts of unfinished long messages were never acknowledged; their senders keep them. */
  stop(): void {
    this.receiving.dropParts();
  }

  private transmit(message: MessageDTO, peer: PeerRecord, packetNo: number): void {
    this.lines.push({ messageId: message.id, peerId: peer.id, message, peer, packetNo });
  }

  /** The message's turn in its peer's line has come: its key fetched, send it until confirmed. */
  private start(item: Outgoing, after: number | undefined): void {
    const keys = this.deps.ipmsgKeys;
    if (!keys) return this.startNow(item, after);
    void keys.whenReady(item.peer).then(() => {
      // The peer as it is now: it may have moved while its key was on the way.
      const peer = this.deps.directory.get(item.peerId) ?? item.peer;
      this.startNow({ ...item, peer }, after);
    });
  }

  private startNow({ message, peer, packetNo }: Outgoing, after: number | undefined): void {
    try {
      // From the stored message, so a resent or queued sealed message stays sealed.
      transmitMessage(this.deps.sender, message, peer, packetNo, this.outcome, {
        multicast: this.multicast.has(message.id),
        after,
      });
    } catch (error) {
      // Not sendable at all: say so, and let the line move on.
      this.settle({ ...message, state: 'failed', error: (error as Error).message });
      this.lines.settled(message.id);
    }
  }

  private delivered(messageId: string): void {
    this.multicast.delete(messageId);
    // This runs for every message sent: the confirmations of one burst share a commit.
    this.writes.add(
      () => {
        const delivered = this.deps.history.markDelivered(messageId);
        if (!delivered) return undefined;
        this.deps.outbox.remove(messageId);
        return { delivered, conversation: this.deps.conversations.noteStateChange(delivered) };
      },
      (outcome) => {
        try {
          if (!outcome.ok) throw outcome.error;
          if (outcome.value)
            this.deps.announcer.tell(outcome.value.delivered, outcome.value.conversation);
        } finally {
          this.lines.settled(messageId);
        }
      },
    );
  }

  private unconfirmed(delivery: PendingDelivery): void {
    try {
      this.giveUp(delivery);
    } finally {
      this.lines.settled(delivery.messageId);
    }
  }

  private giveUp(delivery: PendingDelivery): void {
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
      // The rest of its line waits with it, in flight or not (the peer holds later ones
      // unacknowledged until this one comes). Under load an earlier message can still be
      // in flight when a later one is given up: the outbox gives them back in the order
      // written, not queued, so the earlier still goes first.
      for (const later of this.lines.takeAllBut(peer.id, message.id)) {
        this.deps.sender.withdraw(later.messageId);
        this.deps.outbox.enqueue(later.messageId, peer.id);
        this.settle({
          ...(this.deps.history.get(later.messageId) ?? later.message),
          state: 'queued',
        });
      }
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

  private settle(message: MessageDTO, packetNo?: number): void {
    this.deps.history.update(message, packetNo === undefined ? {} : { packetNo });
    this.announce(message, false);
  }

  private announce(message: MessageDTO, isNew: boolean): void {
    this.deps.announcer.announce(message, isNew);
  }

  private requireOutgoing(messageId: string): MessageDTO {
    const message = this.deps.history.get(messageId);
    if (!message || message.direction !== 'out')
      throw new ContractError('failed', 'No such message.');
    return message;
  }

  private requirePeer(conversationId: string): PeerRecord {
    const peer = this.deps.directory.get(this.deps.conversations.peerOf(conversationId));
    if (!peer)
      throw new ContractError(
        'failed',
        'This contact is unknown: wait until they appear in the contact list.',
      );
    return peer;
  }
}

/** A short message to another Pigeon shares the line with others; anything else goes alone. */
function windowOf({ peer, message }: Outgoing): number {
  if (peer.client !== 'pigeon') return 1;
  return Buffer.byteLength(message.text) <= WINDOWED_BYTES ? PIGEON_WINDOW : 1;
}
