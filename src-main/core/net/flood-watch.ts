import type { Endpoint } from './endpoint';

export interface FloodWatchDeps {
  /** The known peer at that address, if any: strangers' floods are only counted. */
  peerAt: (from: Endpoint) => { id: string } | undefined;
  /** Tell the windows, once per episode: the peer's chat shows one line. */
  tell: (peerId: string, at: number) => void;
  /** A new line only after this long without one for the same sender. */
  quietMs?: number;
  now?: () => number;
}

/** Senders remembered at once; past it the memory starts over (a flood of addresses). */
const REMEMBERED = 1024;

/**
 * Datagrams over a sender's rate limit are dropped unacknowledged, so the sending client
 * retries and in the end reports them undelivered. This makes that visible on the
 * receiving side too, at almost no cost per refused datagram: one map lookup, and the
 * peer directory asked at most once per sender per quiet period.
 */
export class FloodWatch {
  /** Address, then port: no key string built per refused datagram (a flood's hot path). */
  private readonly lastTold = new Map<string, Map<number, number>>();
  private remembered = 0;
  private readonly quietMs: number;
  private readonly now: () => number;

  constructor(private readonly deps: FloodWatchDeps) {
    this.quietMs = deps.quietMs ?? 60_000;
    this.now = deps.now ?? Date.now;
  }

  /** A datagram from `from` was refused by the rate limit. */
  refused(from: Endpoint): void {
    const now = this.now();
    let ports = this.lastTold.get(from.address);
    const last = ports?.get(from.port);
    if (last !== undefined && now - last < this.quietMs) return;
    if (this.remembered >= REMEMBERED) {
      this.lastTold.clear();
      this.remembered = 0;
      ports = undefined;
    }
    if (!ports) {
      ports = new Map();
      this.lastTold.set(from.address, ports);
    }
    if (!ports.has(from.port)) this.remembered += 1;
    ports.set(from.port, now);
    const peer = this.deps.peerAt(from);
    if (peer) this.deps.tell(peer.id, now);
  }
}
