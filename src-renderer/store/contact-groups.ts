import type { ConversationDTO, PeerDTO } from '../../src-shared/contract';
import { contactName } from '../format/display-name';

export interface ContactGroup {
  /** Unique among the groups (the name, or one of its own for plain UDP contacts). */
  key: string;
  /** The peers' group name; '' for peers without one (and for plain UDP contacts). */
  name: string;
  /** The plain UDP contacts: programs, not people, so they get a group of their own. */
  plain?: boolean;
  /** The user's own group: shown first, as QQ and FeiQ do. */
  own?: boolean;
  online: number;
  total: number;
  peers: PeerDTO[];
}

/** What the user adds to the list: remark names, and which group is their own. */
export interface GroupingOptions {
  remarks?: ReadonlyMap<string, string>;
  ownGroup?: string;
}

const NO_REMARKS: ReadonlyMap<string, string> = new Map();

/** No group name can hold a NUL, so this key never meets a real group's. */
const PLAIN_GROUP_KEY = '\u0000plain';

const presenceRank = { online: 0, away: 1, busy: 1, offline: 2 } as const;

export function matchesFilter(peer: PeerDTO, filter: string, remark = ''): boolean {
  const needle = filter.trim().toLocaleLowerCase();
  if (!needle) return true;
  return [remark, peer.nickname, peer.group, peer.user, peer.host, peer.address].some((field) =>
    field.toLocaleLowerCase().includes(needle),
  );
}

/**
 * Peers grouped by their group name: the user's own group first, then groups by
 * name (the unnamed group, then the plain UDP contacts last), inside a group present
 * peers first, then by the name shown (a remark before the nickname). The collator
 * decides the order of names (pinyin order for zh-CN).
 */
export function groupContacts(
  peers: Iterable<PeerDTO>,
  filter: string,
  collator: Intl.Collator,
  { remarks = NO_REMARKS, ownGroup = '' }: GroupingOptions = {},
): ContactGroup[] {
  const groups = new Map<string, ContactGroup>();
  const own = ownGroup.trim();
  for (const peer of peers) {
    if (!matchesFilter(peer, filter, remarks.get(peer.id))) continue;
    const plain = peer.plain !== undefined;
    const name = plain ? '' : peer.group.trim();
    const key = plain ? PLAIN_GROUP_KEY : name;
    let group = groups.get(key);
    if (!group) {
      group = plain
        ? { key, name, plain, online: 0, total: 0, peers: [] }
        : { key, name, online: 0, total: 0, peers: [] };
      if (!plain && own !== '' && name === own) group.own = true;
      groups.set(key, group);
    }
    group.total += 1;
    if (peer.status !== 'offline') group.online += 1;
    group.peers.push(peer);
  }
  // Names worked out once per peer, not once per comparison.
  const names = new Map<string, string>();
  const nameOf = (peer: PeerDTO) => {
    let name = names.get(peer.id);
    if (name === undefined) names.set(peer.id, (name = contactName(peer, remarks)));
    return name;
  };
  for (const group of groups.values()) {
    group.peers.sort(
      (a, b) =>
        presenceRank[a.status] - presenceRank[b.status] ||
        collator.compare(nameOf(a), nameOf(b)) ||
        collator.compare(a.id, b.id),
    );
  }
  return [...groups.values()].sort((a, b) => {
    if (!a.own !== !b.own) return a.own ? -1 : 1;
    if (!a.plain !== !b.plain) return a.plain ? 1 : -1;
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
