// Which peers are kept on disk across restarts: those the user dealt with (a conversation,
// or a remark name). Strangers live in memory only, so a flood of made-up names costs no
// writes and is gone at the next start; the directory never evicts a kept peer.
import type { PigeonEvent } from '../../../src-shared/contract';
import type { PigeonStore } from '../store';
import type { PeerRecord } from '../store/records/peer-record';

export class RememberedPeers {
  private readonly kept = new Set<string>();

  constructor(
    private readonly store: Pick<PigeonStore, 'peers' | 'conversations' | 'remarks' | 'peerKeys'>,
  ) {}

  /**
   * The peers to show (offline) at start. Strangers an earlier run stored (and their
   * keys) are forgotten here, in one write each.
   */
  load(): PeerRecord[] {
    for (const conversation of this.store.conversations.all()) this.kept.add(conversation.peerId);
    for (const remark of this.store.remarks.all()) this.kept.add(remark.peerId);
    const stored = this.store.peers.all();
    const strangers = stored.filter((peer) => !this.kept.has(peer.id)).map((peer) => peer.id);
    if (strangers.length > 0) this.store.peers.removeMany(strangers);
    // Keys too: trust on first use starts at the first dealing, not at the first flood.
    this.store.peerKeys.forgetStrangers(
      this.store.peerKeys.peerIds().filter((id) => !this.kept.has(id)),
    );
    return stored.filter((peer) => this.kept.has(peer.id));
  }

  /** A peer the user dealt with: never evicted, and remembered after a restart. */
  isKept(id: string): boolean {
    return this.kept.has(id);
  }

  /** Discovery learned something about a peer: stored only when it is kept. */
  changed(peer: PeerRecord): void {
    if (this.kept.has(peer.id)) this.store.peers.upsert(peer);
  }

  /** A conversation started or a remark was given: from now on the peer is kept. */
  dealtWith(id: string, peer: PeerRecord | undefined): void {
    if (this.kept.has(id)) return;
    this.kept.add(id);
    if (peer) this.store.peers.upsert(peer);
  }
}

/** The peer an event shows the user dealt with (a conversation, a remark), if any. */
export function peerDealtWith(event: PigeonEvent): string | undefined {
  if (event.type === 'conversation') return event.conversation.peerId;
  if (event.type === 'remark' && event.remark !== '') return event.peerId;
  return undefined;
}
