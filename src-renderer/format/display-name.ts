import type { PeerDTO } from '../../src-shared/contract';

/** What to call a peer: its nickname, or its login or host when it sent none. */
export function displayName(peer: Pick<PeerDTO, 'nickname' | 'user' | 'host'>): string {
  return peer.nickname.trim() || peer.user.trim() || peer.host.trim() || '?';
}
