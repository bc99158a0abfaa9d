// Group conversations: what peers send to a group is kept in the group's conversation
// (never dropped), and what the user writes to one goes to its members the way their
// client expects it. Pigeon's own groups, FeiQ's and iptux's all meet here.
import { randomUUID } from 'node:crypto';
import { ContractError, type GroupDTO, type MessageDTO } from '../../../src-shared/contract';
import { peerIdOf, type PeerDirectory, type PeerRecord } from '../discovery/peer-directory';
import { makeCommand, Mode, Opt } from '../ipmsg/commands';
import { buildMessageExtra } from '../ipmsg/message';
import type { Packet } from '../ipmsg/packet';
import { splitText } from '../ipmsg/split-text';
import { chooseOutgoingEncoding, type LegacyEncoding } from '../ipmsg/text';
import type { MessageAnnouncer } from '../message-announcer';
import type { Endpoint } from '../net/endpoint';
import type { PacketSender } from '../net/packet-sender';
import type { IncomingMessage } from '../pipeline/incoming-message';
import type { MessagesRepo } from '../store/messages-repo';
import { BROADCAST_GROUP_ID, iptuxGroupId, SEGMENT_GROUP_ID } from './group-ids';
import type { FeiqGroups } from './feiq-groups';
import type { GroupBook } from './group-book';
import type { PigeonGroups } from './pigeon-groups';
import { iptuxGroupCommand, readIptuxGroupMessage, type IptuxScope } from './iptux-group-message';
import { iptuxShowsGroupMessages } from './iptux-versions';

export interface GroupsDeps {
  book: GroupBook;
  feiq: FeiqGroups;
  /** Groups made by Pigeons, kept by their members. */
  pigeon: PigeonGroups;
  directory: PeerDirectory;
  packets: PacketSender;
  history: MessagesRepo;
  announcer: MessageAnnouncer;
  /** Keeps a received message (in its group when `groupId` is set) and acknowledges it. */
  receive: (message: IncomingMessage, from: Endpoint) => void;
  /** A one-to-one message, as the user would send it (members that take no group packet). */
  sendOneToOne: (peerId: string, text: string) => void;
  legacy: LegacyEncoding;
  /** Our nickname, for members who get a group message one-to-one. */
  selfName: () => string;
  /** The encoding our entry implied, which iptux reads our text with. */
  ownEntryEncoding: () => LegacyEncoding | 'utf8';
  now: () => number;
}

/** Room for the text in one datagram after the header (generous) and the NUL. */
const TEXT_BUDGET = 8192 - 512;

export class Groups {
  constructor(private readonly deps: GroupsDeps) {}

  all(): GroupDTO[] {
    return this.deps.book.all();
  }

  get(id: string): GroupDTO | undefined {
    return this.deps.book.get(id);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  setMuted(id: string, muted: boolean): GroupDTO {
    const group = this.deps.book.setMuted(id, muted);
    if (!group) throw new ContractError('failed', 'This group is unknown.');
    return group;
  }

  /** iptux's 0xFB: in the sender's group of that kind, or its own chat for REGULAR. */
  iptuxReceived(packet: Packet, from: Endpoint): void {
    const { scope, incoming } = readIptuxGroupMessage(packet, this.deps.legacy);
    if (scope === 'regular') return this.deps.receive(incoming, from);
    const author = peerIdOf(packet.user, packet.host);
    const groupId = this.iptuxGroupFor(scope, author);
    this.deps.receive({ ...incoming, groupId }, from);
  }

  /**
   * IP Messenger's broadcast message (SENDMSG with BROADCASTOPT): a notice to everyone,
   * kept with iptux's broadcasts in the one "Everyone (broadcast)" conversation, its
   * author named. A notice is not a private word: filed in the sender's own chat it would
   * read as one, and a user who wants every announcement finds them all in one place.
   */
  broadcastReceived(incoming: IncomingMessage, from: Endpoint): void {
    const author = peerIdOf(incoming.packet.user, incoming.packet.host);
    const groupId = this.deps.book.ensure(BROADCAST_GROUP_ID, 'broadcast', '', author).id;
    this.deps.receive({ ...incoming, groupId }, from);
  }

  /** FeiQ's group message, heard on the multicast group. */
  feiqReceived(packet: Packet, from: Endpoint): void {
    this.deps.feiq.received(packet, from);
  }

  /**
   * The user writes to a group: one message in the group's conversation, and to each
   * member online what their client reads as a group message. iptux's group packets are
   * never acknowledged, so "delivered" means sent to at least one member.
   */
  send(groupId: string, text: string): MessageDTO[] {
    const group = this.deps.book.get(groupId);
    if (!group) throw new ContractError('failed', 'This group is unknown.');
    if (group.kind === 'pigeon') return this.deps.pigeon.send(groupId, text);
    // FeiQ's members are whoever listens on the multicast group: one datagram reaches them.
    const reached =
      group.kind === 'feiq' ? this.sendFeiq(group.id, text) : this.sendEach(group, text);
    const message: MessageDTO = {
      id: randomUUID(),
      conversationId: group.id,
      direction: 'out',
      text,
      state: reached ? 'delivered' : 'failed',
      at: this.deps.now(),
    };
    if (!reached) message.error = 'No member of this group is online.';
    this.deps.history.add(message, { peerId: group.id });
    this.deps.announcer.announce(message, true);
    return [message];
  }

  /**
   * A broadcast notice started from the main window: "Everyone (broadcast)" exists from
   * the first notice on, sent or received, and every later one is kept there.
   */
  startBroadcast(text: string): MessageDTO[] {
    this.deps.book.ensure(BROADCAST_GROUP_ID, 'broadcast', '');
    return this.send(BROADCAST_GROUP_ID, text);
  }

  private sendFeiq(groupId: string, text: string): boolean {
    this.deps.feiq.send(groupId, text);
    return true;
  }

  /** To each member online; false when none is. */
  private sendEach(group: GroupDTO, text: string): boolean {
    const recipients = this.recipientsOf(group);
    for (const peer of recipients) this.sendTo(group, peer, text);
    return recipients.length > 0;
  }

  private iptuxGroupFor(scope: Exclude<IptuxScope, 'regular'>, author: string): string {
    const { book, directory } = this.deps;
    if (scope === 'broadcast') return book.ensure(BROADCAST_GROUP_ID, 'broadcast', '', author).id;
    if (scope === 'segment') return book.ensure(SEGMENT_GROUP_ID, 'iptux', '', author).id;
    const name = directory.get(author)?.group ?? '';
    return book.ensure(iptuxGroupId(name), 'iptux', name, author).id;
  }

  /** Who is online now of those the group reaches. */
  private recipientsOf(group: GroupDTO): PeerRecord[] {
    const online = this.deps.directory.all().filter((peer) => peer.status !== 'offline');
    if (group.id === BROADCAST_GROUP_ID) return online;
    if (group.id === SEGMENT_GROUP_ID) return online.filter((peer) => peer.client === 'iptux');
    if (group.kind === 'iptux') return online.filter((peer) => peer.group === group.name);
    return online.filter((peer) => group.members.includes(peer.id));
  }

  private sendTo(group: GroupDTO, peer: PeerRecord, text: string): void {
    if (peer.client === 'iptux' && (iptuxShowsGroupMessages(peer.version) || isWholeLan(group)))
      return this.sendIptux(group, peer, text);
    if (group.id === BROADCAST_GROUP_ID) return this.sendBroadcast(peer, text);
    // As the issue's `[项目组] 小王: …`: the group, then who wrote. An iptux that drops
    // group packets (see iptux-versions.ts) gets it so too.
    this.deps.sendOneToOne(peer.id, `[${group.name}] ${this.deps.selfName()}: ${text}`);
  }

  /** The way iptux's group dialog does it: one 0xFB per member, never acknowledged. */
  private sendIptux(group: GroupDTO, peer: PeerRecord, text: string): void {
    const scope: IptuxScope =
      group.id === BROADCAST_GROUP_ID
        ? 'broadcast'
        : group.id === SEGMENT_GROUP_ID
          ? 'segment'
          : 'group';
    this.sendChunks(iptuxGroupCommand(scope), peer, text);
  }

  /** IPMsg's broadcast message: no acknowledgement asked, none given. */
  private sendBroadcast(peer: PeerRecord, text: string): void {
    this.sendChunks(makeCommand(Mode.SENDMSG, Opt.BROADCASTOPT), peer, text);
  }

  private sendChunks(command: number, peer: PeerRecord, text: string): void {
    const { packets, legacy, ownEntryEncoding } = this.deps;
    const encoding = chooseOutgoingEncoding(peer, legacy, ownEntryEncoding());
    const withFlag = encoding.utf8Flag ? (command | Opt.UTF8OPT) >>> 0 : command;
    for (const chunk of splitText(text, TEXT_BUDGET, encoding.encoding)) {
      void packets.send(withFlag, buildMessageExtra(chunk, encoding), peer);
    }
  }
}

/** Everyone, or iptux's segment: groups every iptux shows. */
function isWholeLan(group: GroupDTO): boolean {
  return group.id === BROADCAST_GROUP_ID || group.id === SEGMENT_GROUP_ID;
}
