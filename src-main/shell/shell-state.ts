import type {
  ConversationDTO,
  GroupDTO,
  PeerDTO,
  PigeonEvent,
  SelfDTO,
  SnapshotDTO,
} from '../../src-shared/contract';

/**
 * What the tray and notifications need to know of the core's state: who we
 * are, peers' names, and unread counts. Seeded from a snapshot, kept by events.
 */
export class ShellState {
  self: SelfDTO | undefined;
  private readonly peers = new Map<string, PeerDTO>();
  private readonly conversations = new Map<string, ConversationDTO>();
  private readonly groups = new Map<string, GroupDTO>();

  seed(snapshot: SnapshotDTO): void {
    this.self = snapshot.self;
    for (const peer of snapshot.peers) this.peers.set(peer.id, peer);
    for (const conversation of snapshot.conversations) {
      this.conversations.set(conversation.id, conversation);
    }
    for (const group of snapshot.groups ?? []) this.groups.set(group.id, group);
  }

  apply(event: PigeonEvent): void {
    switch (event.type) {
      case 'self':
        this.self = event.self;
        break;
      case 'peer':
        this.peers.set(event.peer.id, event.peer);
        break;
      case 'conversation':
        this.conversations.set(event.conversation.id, event.conversation);
        break;
      case 'group':
        this.groups.set(event.group.id, event.group);
        break;
      default:
        break;
    }
  }

  totalUnread(): number {
    let total = 0;
    for (const conversation of this.conversations.values())
      total += Math.max(0, conversation.unread);
    return total;
  }

  /** A conversation with unread messages, the one whose last message is oldest. */
  firstUnread(): string | undefined {
    let best: ConversationDTO | undefined;
    for (const conversation of this.conversations.values()) {
      if (conversation.unread <= 0) continue;
      const at = conversation.lastMessage?.at ?? 0;
      if (!best || at < (best.lastMessage?.at ?? 0)) best = conversation;
    }
    return best?.id;
  }

  /** The name to show for a conversation: its peer's nickname, else the peer id. */
  conversationTitle(conversationId: string): string {
    const group = this.groups.get(conversationId);
    if (group) return group.name || group.id;
    const peerId = this.conversations.get(conversationId)?.peerId ?? conversationId;
    const peer = this.peers.get(peerId);
    return peer?.nickname || peer?.user || peerId;
  }

  /** A muted group notifies nothing. */
  isMuted(conversationId: string): boolean {
    return this.groups.get(conversationId)?.muted === true;
  }

  /** A peer's name, for the author of a group message. */
  peerName(peerId: string): string {
    const peer = this.peers.get(peerId);
    return peer?.nickname || peer?.user || peerId;
  }
}
