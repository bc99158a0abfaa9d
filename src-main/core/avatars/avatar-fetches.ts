// When Pigeon fetches a peer's avatar, and how often it may: one fetch in flight per
// peer (the hash it names last is fetched next), a few at once in all, and a budget per
// peer and in all per hour, so a peer that keeps changing its hash, or a crowd of made-up
// peers, costs a bounded number of connections. A hash that failed is not tried again soon.
import { rememberBounded } from '../bounded';
import type { Endpoint } from '../net/endpoint';

export interface AvatarFetchLimits {
  /** Fetches running at once, all peers together. */
  concurrent: number;
  /** Fetches started per peer in the last hour. */
  perPeerPerHour: number;
  /** Fetches started in the last hour, all peers together. */
  totalPerHour: number;
  /** A hash that failed is left alone this long. */
  retryAfterMs: number;
}

export const DEFAULT_FETCH_LIMITS: AvatarFetchLimits = {
  concurrent: 4,
  perPeerPerHour: 6,
  totalPerHour: 300,
  retryAfterMs: 10 * 60_000,
};

export interface AvatarFetchesDeps {
  /** Fetch and keep the picture; true when it was kept under `hash`. */
  fetch(from: Endpoint, hash: string): Promise<boolean>;
  /** The picture arrived and was kept. */
  fetched(peerId: string, hash: string): void;
  limits?: Partial<AvatarFetchLimits>;
  now?: () => number;
}

interface Wanted {
  peerId: string;
  from: Endpoint;
  hash: string;
}

const HOUR_MS = 60 * 60_000;
/** Peers waiting for a slot at most; beyond it, the oldest waiting is dropped. */
const MAX_WAITING = 2000;

export class AvatarFetches {
  private readonly limits: AvatarFetchLimits;
  private readonly now: () => number;
  private readonly running = new Set<string>();
  private readonly waiting = new Map<string, Wanted>();
  private readonly startedAt: number[] = [];
  private readonly startedByPeer = new Map<string, number[]>();
  private readonly failedAt = new Map<string, number>();

  constructor(private readonly deps: AvatarFetchesDeps) {
    this.limits = { ...DEFAULT_FETCH_LIMITS, ...deps.limits };
    this.now = deps.now ?? Date.now;
  }

  /** The peer names this picture and we do not have it. */
  want(peerId: string, from: Endpoint, hash: string): void {
    rememberBounded(this.waiting, peerId, { peerId, from, hash }, MAX_WAITING);
    this.next();
  }

  /** The peer no longer names a picture (or names one we have). */
  forget(peerId: string): void {
    this.waiting.delete(peerId);
  }

  /** Fetches started in the last hour (for tests and the curious). */
  startedLastHour(): number {
    this.prune(this.startedAt);
    return this.startedAt.length;
  }

  private next(): void {
    for (const wanted of [...this.waiting.values()]) {
      if (this.running.size >= this.limits.concurrent) return;
      if (this.running.has(wanted.peerId)) continue;
      if (!this.allowed(wanted)) {
        this.waiting.delete(wanted.peerId);
        continue;
      }
      this.waiting.delete(wanted.peerId);
      this.start(wanted);
    }
  }

  private allowed({ peerId, hash }: Wanted): boolean {
    const failed = this.failedAt.get(hash);
    if (failed !== undefined && this.now() - failed < this.limits.retryAfterMs) return false;
    if (this.startedLastHour() >= this.limits.totalPerHour) return false;
    const byPeer = this.startedByPeer.get(peerId) ?? [];
    this.prune(byPeer);
    return byPeer.length < this.limits.perPeerPerHour;
  }

  private start(wanted: Wanted): void {
    const at = this.now();
    this.startedAt.push(at);
    const byPeer = this.startedByPeer.get(wanted.peerId) ?? [];
    byPeer.push(at);
    rememberBounded(this.startedByPeer, wanted.peerId, byPeer, MAX_WAITING);
    this.running.add(wanted.peerId);
    void this.deps
      .fetch(wanted.from, wanted.hash)
      .catch(() => false)
      .then((kept) => {
        this.running.delete(wanted.peerId);
        if (kept) this.deps.fetched(wanted.peerId, wanted.hash);
        else this.rememberFailure(wanted.hash);
        this.next();
      });
  }

  /** A hash that fails again goes last: the failure forgotten first is the oldest one. */
  private rememberFailure(hash: string): void {
    rememberBounded(this.failedAt, hash, this.now(), MAX_WAITING);
  }

  private prune(times: number[]): void {
    const since = this.now() - HOUR_MS;
    while (times.length > 0 && (times[0] ?? 0) <= since) times.shift();
  }
}
