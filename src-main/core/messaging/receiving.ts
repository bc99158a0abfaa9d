import { randomUUID } from 'node:crypto';
import type { ConversationDTO, MessageDTO } from '../../../src-shared/contract';
import type { PeerDirectory, PeerRecord } from '../discovery/peer-directory';
import { peerIdOf } from '../discovery/peer-directory';
import { detectClient } from '../ipmsg/client';
import { Mode } from '../ipmsg/commands';
import { ackExtra } from '../ipmsg/message';
import type { Packet } from '../ipmsg/packet';
import type { LegacyEncoding } from '../ipmsg/text';
import type { MessageAnnouncer } from '../message-announcer';
import type { IncomingMessage } from '../pipeline/incoming-message';
import type { ConversationsRepo } from '../store/conversations-repo';
import { isDiskFull } from '../store/disk-full-watch';
import type { MessagesRepo } from '../store/messages-repo';
import type { Endpoint } from '../net/endpoint';
import type { PacketSender } from '../net/packet-sender';
import type { TransferRecord } from '../store/records/transfer-record';
import { WriteGroup, commitAtOnce } from '../store/write-group';
import { DuplicateFilter } from './duplicate-filter';
import { StoredNumbers } from './stored-numbers';
import { ReorderHold } from './reorder-hold';
import { PartAssembler, type OwedAcknowledgement, type WholeMessage } from './part-assembler';

interface KeptMessage {
  message: MessageDTO;
  conversation: ConversationDTO;
}

export interface ReceivingDeps {
  packets: PacketSender;
  directory: PeerDirectory;
  history: MessagesRepo;
  conversations: ConversationsRepo;
  announcer: MessageAnnouncer;
  /** A peer we did not know wrote to us (or wrote from a new address). */
  onPeerSeen: (peer: PeerRecord, isNew: boolean) => void;
  /** Attachment lists (FILEATTACHOPT): read first, kept only once the message is new. */
  offers?: {
    read(offer: {
      attachments: Buffer;
      packet: Packet;
      peer: PeerRecord;
      legacy: LegacyEncoding;
    }): TransferRecord | undefined;
    keep(transfer: TransferRecord, messageId: string): void;
  };
  now: () => number;
  /** How long a message waits for the one it follows (the sender's retries span about this). */
  reorderHoldMs?: number;
  /**
   * Where new messages are committed: a burst shares one commit, each acknowledged after
   * it. Without one, every message is committed (and acknowledged) before `received` returns.
   */
  writes?: WriteGroup;
}

/** A message in `Receiving.uncommitted`: the peer and its packet number. */
const uncommittedKey = (peerId: string, packetNo: number): string => `${peerId}#${packetNo}`;

interface Arrival {
  incoming: IncomingMessage;
  from: Endpoint;
}

/**
 * Incoming SENDMSG: keep the message, then acknowledge it, and never show one twice.
 * The acknowledgement leaves as soon as the message and its conversation are committed,
 * before the windows are told; the messages of one burst share that commit (WriteGroup),
 * and a repeat of one still waiting for it is acknowledged only after it too.
 * A retransmission seconds later is caught in memory; from another Pigeon, whose
 * packet numbers only ever rise, a message re-sent after either side restarted is
 * caught in the stored history too.
 */
export class Receiving {
  private readonly duplicates: DuplicateFilter;
  private readonly storedNumbers: StoredNumbers;
  private readonly parts = new PartAssembler({
    onWhole: (whole, owed) => this.keepWhole(whole, owed),
  });
  private readonly reorder: ReorderHold<Arrival>;
  private readonly writes: WriteGroup;
  /**
   * Messages (`peer#number`) whose commit is still to come. The duplicate filter is no
   * proof they are kept: a peer's entry (every re-announce) clears it, and the history
   * does not have them yet.
   */
  private readonly uncommitted = new Set<string>();

  constructor(private readonly deps: ReceivingDeps) {
    this.writes =
      deps.writes ??
      new WriteGroup((work) => deps.history.atomically(work), { defer: commitAtOnce });
    this.duplicates = new DuplicateFilter(120_000, 20_000, deps.now);
    this.storedNumbers = new StoredNumbers((peerId) =>
      deps.history.highestReceivedPacketNo(peerId),
    );
    this.reorder = new ReorderHold(deps.reorderHoldMs ?? 4000, ({ incoming, from }) =>
      this.inOrder(incoming, from, this.sender(incoming.packet, from)),
    );
  }

  received(incoming: IncomingMessage, from: Endpoint): PeerRecord {
    const peer = this.sender(incoming.packet, from);
    const { packet, after } = incoming;
    // Overtook the message it follows: waits for it, unacknowledged (a retry of it too).
    if (this.reorder.isHeld(peer.id, packet.packetNo)) return peer;
    if (after !== undefined && !this.duplicates.has(peer.id, packet.packetNo)) {
      if (
        !this.isKept(peer.id, after) &&
        this.reorder.hold(peer.id, after, packet.packetNo, { incoming, from })
      )
        return peer;
    }
    return this.inOrder(incoming, from, peer);
  }

  private inOrder(incoming: IncomingMessage, from: Endpoint, peer: PeerRecord): PeerRecord {
    const { packet, text, attachments, legacy, options, part, groupId, undecryptable } = incoming;
    if (part) {
      // Held until every part is here, and acknowledged only once the whole is stored;
      // a part of a message already kept is just acknowledged again.
      const owed = (): void => this.acknowledge(incoming, from);
      if (this.isStored(peer.id, part.group)) this.writes.afterCommit(owed);
      else this.parts.add(peer.id, part, text, options, owed);
      return peer;
    }
    // An offer may come with no text at all; one with nothing usable is just its text.
    const offer =
      attachments && attachments.length > 0
        ? this.deps.offers?.read({ attachments, packet, peer, legacy })
        : undefined;
    if ((text.length > 0 || offer || undecryptable) && !this.isDuplicate(peer, packet)) {
      const whole = {
        peerId: peer.id,
        group: packet.packetNo,
        text,
        options,
        groupId,
        undecryptable,
      };
      // Committed before the acknowledgement goes out: an acknowledged message is never lost.
      this.keep(whole, offer, (kept) => {
        if (!kept) return;
        this.storedNumbers.stored(peer.id, packet.packetNo);
        this.acknowledge(incoming, from);
        this.show(kept);
        this.reorder.kept(peer.id, packet.packetNo);
      });
      // An offer is counted against its peer's cap once kept: the next one read must see it.
      if (offer) this.writes.flush();
      return peer;
    }
    // A repeat may be of a copy still waiting for its commit: acknowledged behind it.
    this.writes.afterCommit(() => {
      this.acknowledge(incoming, from);
      this.reorder.kept(peer.id, packet.packetNo);
    });
    return peer;
  }

  /** Let go of unfinished long messages and held ones (shutdown): unacknowledged, their senders keep them. */
  dropParts(): void {
    this.writes.flush();
    this.parts.clear();
    this.reorder.clear();
  }

  /** Whether the peer's message numbered `packetNo` is kept already (or needs no keeping). */
  private isKept(peerId: string, packetNo: number): boolean {
    if (this.duplicates.has(peerId, packetNo)) return true;
    return this.isStored(peerId, packetNo);
  }

  /** Stored, or to be stored with the commit under way (acknowledge it after that commit). */
  private isStored(peerId: string, packetNo: number): boolean {
    if (this.uncommitted.has(uncommittedKey(peerId, packetNo))) return true;
    return this.deps.history.findByPacket(peerId, packetNo, 'in') !== undefined;
  }

  private acknowledge({ packet, options }: IncomingMessage, from: Endpoint): void {
    const wantsAck = options.confirm && !options.broadcast && !options.autoReply;
    if (wantsAck) void this.deps.packets.send(Mode.RECVMSG, ackExtra(packet.packetNo), from);
  }

  /** A long message from another Pigeon, whole: kept, its parts acknowledged, then shown. */
  private keepWhole(whole: WholeMessage, owed: OwedAcknowledgement[]): void {
    const stored = this.isStored(whole.peerId, whole.group);
    if (stored || whole.text.length === 0) {
      this.writes.afterCommit(() => {
        for (const acknowledge of owed) acknowledge();
        this.reorder.kept(whole.peerId, whole.group);
      });
      return;
    }
    this.keep(whole, undefined, (kept) => {
      // Not stored (a full disk): nothing acknowledged, so the sender sends it again.
      if (!kept) return;
      this.storedNumbers.stored(whole.peerId, whole.group);
      for (const acknowledge of owed) acknowledge();
      this.show(kept);
      this.reorder.kept(whole.peerId, whole.group);
    });
  }

  /**
   * Store a message (numbered by its packet, or its first part's) and its offer. On a
   * full disk it is neither shown nor acknowledged: the sender keeps it and tries again
   * (a Pigeon from its outbox, other clients report it undelivered), so nothing the
   * sender was told arrived is lost. `then` runs once the commit is done (or failed).
   */
  private keep(
    {
      peerId,
      group,
      text,
      options,
      groupId,
      undecryptable,
    }: WholeMessage & { groupId?: string | undefined; undecryptable?: boolean | undefined },
    offer: TransferRecord | undefined,
    then: (kept: KeptMessage | undefined) => void,
  ): void {
    const message: MessageDTO = {
      id: randomUUID(),
      conversationId: groupId ?? peerId,
      ...(groupId === undefined ? {} : { authorId: peerId }),
      direction: 'in',
      text,
      // Never dropped silently: the user sees that something came and could not be read.
      state: undecryptable ? 'undecryptable' : 'received',
      at: this.deps.now(),
      ...(options.sealed ? { sealed: true } : {}),
      ...(offer ? { transferId: offer.id } : {}),
    };
    const key = uncommittedKey(peerId, group);
    this.uncommitted.add(key);
    this.writes.add(
      () => {
        if (offer) this.deps.offers?.keep(offer, message.id);
        this.deps.history.add(message, { peerId, packetNo: group, readCheck: options.readCheck });
        return this.deps.announcer.note(message);
      },
      (outcome) => {
        this.uncommitted.delete(key);
        if (outcome.ok) return then({ message, conversation: outcome.value });
        if (!isDiskFull(outcome.error)) throw outcome.error;
        this.duplicates.forget(peerId, group);
        then(undefined);
      },
    );
  }

  /** A sealed message shows no text until it is opened (openSealed). */
  private show({ message, conversation }: KeptMessage): void {
    this.deps.announcer.tell(message.sealed ? { ...message, text: '' } : message, conversation);
  }

  /** A peer re-entered: other clients (iptux) restart their numbering then. */
  peerReentered(peerId: string): void {
    this.duplicates.forgetPeer(peerId);
  }

  private isDuplicate(peer: PeerRecord, packet: Packet): boolean {
    if (this.duplicates.isDuplicate(peer.id, packet.packetNo)) return true;
    if (this.uncommitted.has(uncommittedKey(peer.id, packet.packetNo))) return true;
    if (detectClient(packet.version) !== 'pigeon') return false;
    if (this.storedNumbers.isAbove(peer.id, packet.packetNo)) return false;
    return this.deps.history.findByPacket(peer.id, packet.packetNo, 'in') !== undefined;
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
      client: known?.client ?? detectClient(packet.version),
      version: known?.version || packet.version,
      at: this.deps.now(),
    });
    if (!known || changed) this.deps.onPeerSeen(peer, !known);
    return peer;
  }
}
