import type { PeerDTO } from '../../src-shared/contract';

/** What to call a peer: its nickname, or its login or host when it sent none. */
export function displayName(peer: Pick<PeerDTO, 'nickname' | 'user' | 'host'>): string {
  return peer.nickname.trim() || peer.user.trim() || peer.host.trim() || '?';
}

/** What to call a contact in lists: the remark the user gave it (备注), else its own name. */
export function contactName(
  peer: Pick<PeerDTO, 'id' | 'nickname' | 'user' | 'host'>,
  remarks: ReadonlyMap<string, string>,
): string {
  return remarks.get(peer.id) || displayName(peer);
}
