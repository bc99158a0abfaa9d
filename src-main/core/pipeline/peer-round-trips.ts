import { rememberBounded } from '../bounded';
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
    const estimate = this.peers.get(peerId) ?? new RoundTripEstimate(this.bounds);
    rememberBounded(this.peers, peerId, estimate, this.most);
    return estimate;
  }

  get size(): number {
    return this.peers.size;
  }
}
