import { RoundTripEstimate, type RetryBounds } from './round-trip-estimate';

/** Peers whose round trip is remembered; past it the one heard from longest ago is forgotten. */
const MOST_PEERS = 1024;

/** One round-trip estimate per peer, bounded so that no number of peers grows it forever. */
export class PeerRoundTrips {
  private readonly peers = new Map<string, RoundTripEstimate>();

  constructor(
    private readonly bounds: RetryBounds,
    private readonly most = MOST_PEERS,
  ) {}

  of(peerId: string): RoundTripEstimate {
    let estimate = this.peers.get(peerId);
    if (estimate) {
      // Map order is insertion order: moving it to the end keeps the oldest first.
      this.peers.delete(peerId);
    } else {
      estimate = new RoundTripEstimate(this.bounds);
      if (this.peers.size >= this.most) {
        const oldest = this.peers.keys().next().value;
        if (oldest !== undefined) this.peers.delete(oldest);
      }
    }
    this.peers.set(peerId, estimate);
    return estimate;
  }

  get size(): number {
    return this.peers.size;
  }
}
