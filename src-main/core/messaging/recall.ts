import { ContractError, type MessageDTO } from '../../../src-shared/contract';
import type { PeerDirectory } from '../discovery/peer-directory';
import { peerIdOf } from '../discovery/peer-directory';
import { detectClient } from '../ipmsg/client';
import type { Packet } from '../ipmsg/packet';
import {
  RECALL_ACCEPT_MS,
  RECALL_MODE,
  RECALL_WINDOW_MS,
  RECALLED_MODE,
  readRecallExtra,
  recallExtra,
} from '../ipmsg/recall';
import type { MessageAnnouncer } from '../message-announcer';
import type { Endpoint } from '../net/endpoint';
import type { PacketSender } from '../net/packet-sender';
import type { ConversationsRepo } from '../store/conversations-repo';
import type { PigeonDatabase } from '../store/database';
import { recallStored } from '../store/message-edits';
import type { MessagesRepo } from '../store/messages-repo';

export interface RecallDeps {
  packets: PacketSender;
  directory: PeerDirectory;
  db: PigeonDatabase;
  history: MessagesRepo;
  conversations: ConversationsRepo;
  announcer: MessageAnnouncer;
  now: () => number;
  /** Between tries of an unconfirmed recall (the datagram may be lost). */
  retryMs?: number;
  tries?: number;
}

/**
 * Recall (撤回) of one's own message within two minutes, between Pigeons only: the text
 * goes from both histories and the search, and both logs say the message was recalled.
 * The recall is repeated until the peer confirms it, a few times at most.
 */
export class Recalls {
  private readonly unconfirmed = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(private readonly deps: RecallDeps) {}

  /** The user recalls a message they sent; throws in plain words when it cannot be. */
  recall(messageId: string): MessageDTO {
    const { history, conversations, directory } = this.deps;
    const message = history.get(messageId);
    if (!message || message.direction !== 'out')
      throw new ContractError('invalid-request', 'Only a message you sent can be recalled.');
    if (message.state === 'recalled') return message;
    const peerId = conversations.peerOf(message.conversationId);
    const peer = directory.get(peerId);
    if (peer?.client !== 'pigeon')
      throw new ContractError('failed', 'Only messages to another Pigeon can be recalled.');
    if (message.state !== 'delivered')
      throw new ContractError('failed', 'Only a delivered message can be recalled.');
    if (this.deps.now() - message.at > RECALL_WINDOW_MS)
      throw new ContractError('failed', 'A message can be recalled only within 2 minutes.');
    const packetNo = history.packetNoOf(messageId);
    if (packetNo === undefined)
      throw new ContractError('failed', 'This message cannot be recalled.');
    const recalled = this.recallHere(message);
    this.tell(peerId, packetNo, { address: peer.address, port: peer.port }, this.deps.tries ?? 4);
    return recalled;
  }

  /** A Pigeon recalls a message it sent us: gone from the history, then confirmed. */
  received(packet: Packet, from: Endpoint): void {
    if (detectClient(packet.version) !== 'pigeon') return;
    const packetNo = readRecallExtra(packet.extra);
    if (packetNo === undefined) return;
    const peerId = peerIdOf(packet.user, packet.host);
    const message = this.deps.history.findByPacket(peerId, packetNo, 'in');
    // Not here (yet): unconfirmed, so the sender tries again.
    if (!message) return;
    if (message.state !== 'recalled') {
      // Long after it arrived, a recall is refused: the peer gets no confirmation.
      if (this.deps.now() - message.at > RECALL_ACCEPT_MS) return;
      this.recallHere(message);
    }
    void this.deps.packets.send(RECALLED_MODE, recallExtra(packetNo), from);
  }

  /** The peer confirmed a recall: stop repeating it. */
  confirmed(packet: Packet): void {
    const packetNo = readRecallExtra(packet.extra);
    if (packetNo === undefined) return;
    const key = keyOf(peerIdOf(packet.user, packet.host), packetNo);
    clearTimeout(this.unconfirmed.get(key));
    this.unconfirmed.delete(key);
  }

  stop(): void {
    for (const timer of this.unconfirmed.values()) clearTimeout(timer);
    this.unconfirmed.clear();
  }

  private recallHere(message: MessageDTO): MessageDTO {
    recallStored(this.deps.db, message.id);
    const recalled: MessageDTO = { ...message, text: '', state: 'recalled' };
    delete recalled.error;
    this.deps.announcer.announce(recalled, false);
    return recalled;
  }

  private tell(peerId: string, packetNo: number, to: Endpoint, triesLeft: number): void {
    const key = keyOf(peerId, packetNo);
    void this.deps.packets.send(RECALL_MODE, recallExtra(packetNo), to);
    if (triesLeft <= 1) {
      this.unconfirmed.delete(key);
      return;
    }
    const timer = setTimeout(
      () => this.tell(peerId, packetNo, to, triesLeft - 1),
      this.deps.retryMs ?? 1000,
    );
    timer.unref?.();
    this.unconfirmed.set(key, timer);
  }
}

const keyOf = (peerId: string, packetNo: number) => `${peerId}#${packetNo}`;
