// Pigeon groups between Pigeons: no server, so each member keeps the group's state and
// tells the others of every change (GROUP_STATE, repeated until confirmed). Copies merge
// field by field (pigeon-group-state.ts), so concurrent changes converge. A member who was
// away catches up: its state is pushed when it is back, and every group message carries
// the digest of the sender's copy, so a member whose copy differs asks for it.
import { randomUUID } from 'node:crypto';
import {
  ContractError,
  groupNoticeText,
  type GroupDTO,
  type GroupNotice,
  type MessageDTO,
  type ParsedRequest,
} from '../../../src-shared/contract';
import { peerIdOf } from '../discovery/peer-directory';
import { Mode } from '../ipmsg/commands';
import { ackExtra } from '../ipmsg/message';
import type { GroupTag } from '../ipmsg/group-tag';
import type { Packet } from '../ipmsg/packet';
import type { Endpoint } from '../net/endpoint';
import type { PacketSender } from '../net/packet-sender';
import type { GroupBook } from './group-book';
import { pigeonGroupId, pigeonGroupUuid } from './group-ids';
import { groupNotices } from './pigeon-group-notices';
import {
  GROUP_FETCH_MODE,
  GROUP_STATE_MODE,
  groupFetchExtra,
  groupStateExtra,
  MAX_GROUP_MEMBERS,
  readGroupFetchExtra,
  readGroupStateExtra,
} from './pigeon-group-packets';
import {
  applyChange,
  groupClock,
  groupDigest,
  membersIn,
  mergeGroupStates,
  newGroupState,
  type GroupChange,
  type PigeonGroupState,
} from './pigeon-group-state';
import { PigeonGroupDelivery, type GroupDeliveryDeps } from './pigeon-group-delivery';

/** The delivery's needs, and the group book and raw packets for the state. */
export interface PigeonGroupsDeps extends GroupDeliveryDeps {
  book: GroupBook;
  packets: PacketSender;
}

export class PigeonGroups {
  readonly delivery: PigeonGroupDelivery;

  constructor(private readonly deps: PigeonGroupsDeps) {
    this.delivery = new PigeonGroupDelivery(deps);
  }

  create({ name, memberIds }: ParsedRequest<'createGroup'>): GroupDTO {
    const self = this.deps.self();
    const members = [...new Set(memberIds)]
      .filter((id) => id !== self.id)
      .map((id) => {
        const peer = this.deps.directory.get(id);
        if (!peer) throw new ContractError('failed', `${id} is unknown.`);
        return { id, nickname: peer.nickname };
      });
    if (members.length === 0) throw new ContractError('failed', 'Pick at least one contact.');
    if (members.length >= MAX_GROUP_MEMBERS)
      throw new ContractError('failed', `A group holds at most ${MAX_GROUP_MEMBERS} members.`);
    const state = newGroupState(randomUUID(), self, name, members);
    const group = this.keep(state, undefined);
    this.push(state, membersIn(state));
    return group;
  }

  change({ groupId, change }: ParsedRequest<'changeGroup'>): GroupDTO {
    const before = this.requireState(groupId);
    const self = this.deps.self();
    if (!before.members[self.id]?.in)
      throw new ContractError('failed', 'You are no longer in this group.');
    const edit = this.editOf(change, self.id, before);
    const after = applyChange(before, self.id, edit);
    const group = this.keep(after, before);
    // Those removed hear it too, so their copy says they are out.
    this.push(after, [...new Set([...membersIn(before), ...membersIn(after)])]);
    return group;
  }

  send(groupId: string, text: string): MessageDTO[] {
    const state = this.requireState(groupId);
    if (!state.members[this.deps.self().id]?.in)
      throw new ContractError('failed', 'You are no longer in this group.');
    return this.delivery.send(state, text);
  }

  /** GROUP_STATE: merged into ours when it comes from someone the group lists. */
  stateReceived(packet: Packet, from: Endpoint): void {
    const theirs = readGroupStateExtra(packet.extra);
    if (!theirs) return;
    const author = peerIdOf(packet.user, packet.host);
    const ours = this.state(theirs.id);
    if (!theirs.members[author] && !ours?.members[author]) return;
    // Only a group we are in, or were: a stranger cannot make us keep groups.
    const self = this.deps.self().id;
    if (!theirs.members[self] && !ours) return;
    void this.deps.packets.send(Mode.RECVMSG, ackExtra(packet.packetNo), from);
    const merged = ours ? mergeGroupStates(ours, theirs) : theirs;
    if (!ours || groupDigest(merged) !== groupDigest(ours)) this.keep(merged, ours);
    // We knew more than they did: tell them.
    if (groupDigest(merged) !== groupDigest(theirs)) this.push(merged, [author]);
  }

  /** GROUP_FETCH: a member asks for our copy. */
  fetchReceived(packet: Packet): void {
    const uuid = readGroupFetchExtra(packet.extra);
    const state = uuid ? this.state(uuid) : undefined;
    const asker = peerIdOf(packet.user, packet.host);
    if (state?.members[asker]) this.push(state, [asker]);
  }

  /**
   * A group message arrived (before it is kept): a group we do not know yet appears at
   * once, and a copy that differs from the sender's is fetched from it.
   */
  messageArrived(tag: GroupTag, authorId: string): void {
    const state = this.state(tag.groupId);
    if (!state) {
      const self = this.deps.self().id;
      this.deps.book.ensure(pigeonGroupId(tag.groupId), 'pigeon', '', authorId);
      this.deps.book.ensure(pigeonGroupId(tag.groupId), 'pigeon', '', self);
    }
    if (!state || groupDigest(state) !== tag.digest) this.fetch(tag.groupId, authorId);
  }

  /** A peer (re-)entered: what waits for it goes out, and it hears its groups' state. */
  peerBack(peerId: string): void {
    const peer = this.deps.directory.get(peerId);
    if (!peer || peer.client !== 'pigeon') return;
    this.delivery.memberBack(peerId, (uuid) => this.state(uuid));
    for (const group of this.deps.book.all()) {
      const uuid = pigeonGroupUuid(group.id);
      const state = uuid ? this.state(uuid) : undefined;
      if (state?.members[peerId]) this.push(state, [peerId]);
    }
  }

  /** Our message as the windows show it, with how many members have it. */
  withDelivery(message: MessageDTO): MessageDTO {
    return this.delivery.withDelivery(message);
  }

  private editOf(
    change: ParsedRequest<'changeGroup'>['change'],
    self: string,
    state: PigeonGroupState,
  ): GroupChange {
    if (change.kind === 'rename') return change;
    if (change.kind === 'leave') return { kind: 'remove', member: self };
    if (change.kind === 'remove') return { kind: 'remove', member: change.peerId };
    const peer = this.deps.directory.get(change.peerId);
    if (!peer) throw new ContractError('failed', 'This contact is unknown.');
    if (Object.keys(state.members).length >= MAX_GROUP_MEMBERS && !state.members[peer.id])
      throw new ContractError('failed', `A group holds at most ${MAX_GROUP_MEMBERS} members.`);
    return { kind: 'add', member: peer.id, nickname: peer.nickname };
  }

  /** Stored, shown, and the changes since `before` told in the group's log. */
  private keep(state: PigeonGroupState, before: PigeonGroupState | undefined): GroupDTO {
    const id = pigeonGroupId(state.id);
    const group = this.deps.book.put(
      {
        id,
        kind: 'pigeon',
        name: state.name.value,
        members: membersIn(state),
        creator: state.creator,
      },
      groupClock(state),
    );
    this.deps.repo.saveState(id, JSON.stringify(state));
    for (const notice of groupNotices(before, state, this.deps.self().id)) this.note(id, notice);
    return group;
  }

  private note(groupId: string, notice: GroupNotice): void {
    const message: MessageDTO = {
      id: randomUUID(),
      conversationId: groupId,
      direction: 'in',
      text: groupNoticeText(notice),
      state: 'notice',
      at: this.deps.now(),
      authorId: notice.by,
    };
    this.deps.history.add(message, { peerId: notice.by });
    // Our own change is no news to us: it does not raise the unread count.
    this.deps.announcer.announce(message, notice.by !== this.deps.self().id);
  }

  /** Our state to each of these members (not us), repeated until they confirm. */
  private push(state: PigeonGroupState, to: readonly string[]): void {
    const extra = groupStateExtra(state);
    const self = this.deps.self().id;
    for (const peerId of to) {
      const peer = this.deps.directory.get(peerId);
      if (peerId === self || !peer || peer.status === 'offline' || peer.client !== 'pigeon')
        continue;
      const packetNo = this.deps.packets.nextPacketNo();
      const bytes = this.deps.packets.build(GROUP_STATE_MODE, extra, packetNo);
      // Unconfirmed: it hears the state when it is back (peerBack) or from a digest.
      const ignore = (): void => undefined;
      this.deps.sender.track(
        { recipient: peer, packetNo },
        `group-state:${state.id}>${peerId}`,
        bytes,
        {
          delivered: ignore,
          unconfirmed: ignore,
        },
      );
    }
  }

  private fetch(uuid: string, from: string): void {
    const peer = this.deps.directory.get(from);
    if (peer) void this.deps.packets.send(GROUP_FETCH_MODE, groupFetchExtra(uuid), peer);
  }

  /** Our copy of a group's state, parsed again (the file is not trusted). */
  private state(uuid: string): PigeonGroupState | undefined {
    const json = this.deps.repo.state(pigeonGroupId(uuid));
    if (json === undefined) return undefined;
    return readStoredState(json);
  }

  private requireState(groupId: string): PigeonGroupState {
    const uuid = pigeonGroupUuid(groupId);
    const state = uuid ? this.state(uuid) : undefined;
    if (!state) throw new ContractError('failed', 'This group is unknown.');
    return state;
  }
}

/** A stored state through the wire parser, so an edited file is refused like a packet. */
function readStoredState(json: string): PigeonGroupState | undefined {
  try {
    const state = JSON.parse(json) as PigeonGroupState;
    return readGroupStateExtra(groupStateExtra(state));
  } catch {
    return undefined;
  }
}
