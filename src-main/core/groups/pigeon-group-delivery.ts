// Our messages to a Pigeon group: one row in the group's conversation, and a copy to each
// member one-to-one through the message pipeline (SENDMSG with the group's tag, repeated
// until its RECVMSG). A member offline, or silent after every retry, gets its copy when it
// is back, with the same packet number, so it shows the message once. Members that are not
// Pigeons get it as a one-to-one message, `[group] author: text`, in their own chat.
import { randomUUID } from 'node:crypto';
import type { GroupDeliveryDTO, MessageDTO } from '../../../src-shared/contract';
import type { PeerDirectory } from '../discovery/peer-directory';
import { MAX_DATAGRAM_OUT } from '../ipmsg/packet';
import { splitText } from '../ipmsg/split-text';
import type { MessageAnnouncer } from '../message-announcer';
import type { MessageSender } from '../pipeline/message-sender';
import type { MessagesRepo } from '../store/messages-repo';
import type { GroupDeliveryState, PigeonGroupsRepo } from '../store/pigeon-groups-repo';
import { GROUP_TRAILER_BYTES, groupTrailer } from '../ipmsg/group-tag';
import { groupDigest, membersIn, type PigeonGroupState } from './pigeon-group-state';
import { pigeonGroupId, pigeonGroupUuid } from './group-ids';

export interface GroupDeliveryDeps {
  repo: PigeonGroupsRepo;
  directory: PeerDirectory;
  sender: MessageSender;
  history: MessagesRepo;
  announcer: MessageAnnouncer;
  self: () => { id: string; nickname: string };
  sendOneToOne: (peerId: string, text: string) => void;
  /** A member whose key changed gets nothing until the user accepts the new key. */
  awaitsAcceptance: (peerId: string) => boolean;
  now: () => number;
}

/** Room for the text after the header, the NUL and the group's tag. */
const TEXT_BUDGET = MAX_DATAGRAM_OUT - 512 - GROUP_TRAILER_BYTES;

export class PigeonGroupDelivery {
  constructor(private readonly deps: GroupDeliveryDeps) {}

  /** The user writes to the group: text longer than a datagram becomes several messages. */
  send(state: PigeonGroupState, text: string): MessageDTO[] {
    return splitText(text, TEXT_BUDGET, 'utf8').map((chunk) => this.sendOne(state, chunk));
  }

  /** A member is back: the copies that wait for it go out, each with its own number. */
  memberBack(peerId: string, stateOf: (groupUuid: string) => PigeonGroupState | undefined): void {
    const peer = this.deps.directory.get(peerId);
    if (!peer || peer.status === 'offline' || peer.client !== 'pigeon') return;
    if (this.deps.awaitsAcceptance(peerId)) return;
    for (const waiting of this.deps.repo.waitingFor(peerId)) {
      const message = this.deps.history.get(waiting.messageId);
      const uuid = message && pigeonGroupUuid(message.conversationId);
      const state = uuid ? stateOf(uuid) : undefined;
      if (!message || !state) continue;
      this.transmit(state, message, peerId, waiting.packetNo);
    }
  }

  /** "Delivered to 3 of 4": the members a message reached, of all it was for. */
  withDelivery(message: MessageDTO): MessageDTO {
    if (message.direction !== 'out') return message;
    const deliveries = this.deps.repo.deliveriesOf(message.id);
    if (deliveries.length === 0) return message;
    const delivered = deliveries.filter((d) => d.state === 'delivered').length;
    return { ...message, delivery: { delivered, of: deliveries.length } };
  }

  /** Who has the message and who not yet, for the list shown on demand. */
  deliveryList(messageId: string): GroupDeliveryDTO[] {
    return this.deps.repo.deliveriesOf(messageId).map(({ peerId, state }) => ({
      peerId,
      nickname: this.deps.directory.get(peerId)?.nickname ?? peerId,
      state,
      ...(state !== 'delivered' && state !== 'forwarded' && this.deps.awaitsAcceptance(peerId)
        ? { keyChanged: true as const }
        : {}),
    }));
  }

  private sendOne(state: PigeonGroupState, text: string): MessageDTO {
    const { self, directory, repo, history, announcer } = this.deps;
    const groupId = pigeonGroupId(state.id);
    const message: MessageDTO = {
      id: randomUUID(),
      conversationId: groupId,
      direction: 'out',
      text,
      state: 'sending',
      at: this.deps.now(),
    };
    const others = membersIn(state).filter((id) => id !== self().id);
    const plan = others.map((peerId) => {
      const peer = directory.get(peerId);
      const packetNo = this.deps.sender.nextPacketNo();
      const how: GroupDeliveryState =
        peer && peer.client !== 'pigeon'
          ? 'forwarded'
          : peer && peer.status !== 'offline' && !this.deps.awaitsAcceptance(peerId)
            ? 'sending'
            : 'queued';
      return { peerId, packetNo, how };
    });
    message.state = plan.some((p) => p.how === 'sending')
      ? 'sending'
      : plan.some((p) => p.how === 'queued')
        ? 'queued'
        : 'delivered';
    history.atomically(() => {
      history.add(message, { peerId: groupId });
      for (const { peerId, packetNo, how } of plan)
        repo.putDelivery({ messageId: message.id, peerId, packetNo, state: how });
    });
    const shown = this.withDelivery(message);
    announcer.announce(shown, true);
    for (const { peerId, packetNo, how } of plan) {
      if (how === 'sending') this.transmit(state, message, peerId, packetNo);
      // As the issue's `[项目组] 小王: …`: the group, then who wrote.
      if (how === 'forwarded')
        this.deps.sendOneToOne(peerId, `[${state.name.value}] ${self().nickname}: ${text}`);
    }
    return shown;
  }

  private transmit(
    state: PigeonGroupState,
    message: MessageDTO,
    peerId: string,
    packetNo: number,
  ): void {
    const peer = this.deps.directory.get(peerId);
    if (!peer) return;
    const trailer = groupTrailer({ groupId: state.id, digest: groupDigest(state) });
    this.deps.repo.putDelivery({ messageId: message.id, peerId, packetNo, state: 'sending' });
    this.deps.sender.sendConfirmed(
      { recipient: peer, text: message.text, options: { confirm: true }, packetNo, trailer },
      `${message.id}>${peerId}`,
      {
        delivered: () => this.settle(message.id, peerId, packetNo, 'delivered'),
        unconfirmed: () => this.settle(message.id, peerId, packetNo, 'queued'),
      },
    );
  }

  private settle(messageId: string, peerId: string, packetNo: number, how: GroupDeliveryState) {
    const { repo, history, announcer } = this.deps;
    repo.putDelivery({ messageId, peerId, packetNo, state: how });
    const message = history.get(messageId);
    if (!message) return;
    const counted = this.withDelivery(message);
    const state = (counted.delivery?.delivered ?? 0) > 0 ? 'delivered' : 'queued';
    const settled: MessageDTO = { ...counted, state };
    if (state !== message.state) history.update({ ...message, state });
    announcer.announce(settled, false);
  }
}
