import type { PeerDTO, PigeonEvent } from '../../src-shared/contract';

/**
 * Once the page can no longer hear from Pigeon, it cannot know who is online: every
 * peer is shown offline rather than as it was when the link died.
 */
export function presenceForgotten(peers: Iterable<PeerDTO>): PigeonEvent[] {
  const events: PigeonEvent[] = [];
  for (const peer of peers) {
    if (peer.status !== 'offline')
      events.push({ type: 'peer', peer: { ...peer, status: 'offline' } });
  }
  return events;
}
