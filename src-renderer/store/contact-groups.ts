import type { ConversationDTO, PeerDTO } from '../../preload/contract';
import { displayName } from '../format/display-name';

export interface ContactGroup {
  /** The peers' group name; '' for peers without one. */
  name: string;
  online: number;
  total: number;
  peers: PeerDTO[];
}

const presenceRank = { online: 0, away: 1, offline: 2 } as const;

export function matchesFilter(peer: PeerDTO, filter: string): boolean {
  const needle = filter.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [peer.nickname, peer.group, peer.user, peer.host, peer.address].some((field) =>
    field.toLocaleLowerCase().includes(needle),
  );
}

/**
 * Peers grouped by their group name: groups by name (the unnamed group last),
 * inside a group present peers first, then by nickname. The collator decides the
 * order of names (pinyin order for zh-CN).
 */
export function groupContacts(
  peers: Iterable<PeerDTO>,
  filter: string,
  collator: Intl.Collator,
): ContactGroup[] {
  const groups = new Map<string, ContactGroup>();
  for (const peer of peers) {
    if (!matchesFilter(peer, filter)) continue;
    const name = peer.group.trim();
    let group = groups.get(name);
    if (!group) {
      group = { name, online: 0, total: 0, peers: [] };
      groups.set(name, group);
    }
    group.total += 1;
    if (peer.status !== 'offline') group.online += 1;
    group.peers.push(peer);
  }
  for (const group of groups.values()) {
    group.peers.sort(
      (a, b) =>
        presenceRank[a.status] - presenceRank[b.status] ||
        collator.compare(displayName(a), displayName(b)) ||
        collator.compare(a.id, b.id),
    );
  }
  return [...groups.values()].sort((a, b) => {
    if (!a.name !== !b.name) return a.name ? -1 : 1;
    return collator.compare(a.name, b.name);
  });
}

/** Unread count per peer, from the conversations. */
export function unreadByPeer(
  conversations: ReadonlyMap<string, ConversationDTO>,
): ReadonlyMap<string, number> {
  const unread = new Map<string, number>();
  for (const conversation of conversations.values()) {
    if (conversation.unread > 0) {
      unread.set(conversation.peerId, (unread.get(conversation.peerId) ?? 0) + conversation.unread);
    }
  }
  return unread;
}
