import type { Endpoint } from '../net/endpoint';
import { PeerRoundTrips } from './peer-round-trips';
import type { RetryBounds } from './round-trip-estimate';

/**
 * Toward another Pigeon the first retry comes after the measured round trip, at least
 * FLOOR (a loaded 2-core machine's timers are that coarse), and 200 ms before any
 * measurement. Other clients keep IP Messenger's fixed interval: they may treat quick
 * duplicates badly.
 */
export const QUICK_RETRY = { initialMs: 200, floorMs: 50 } as const;

export interface PendingDelivery {
  messageId: string;
  peerId: string;
  packetNo: number;
  bytes: Buffer;
  to: Endpoint;
  /** The peer runs Pigeon: retried as soon as its measured round trip says it is lost. */
  toPigeon?: boolean;
}

export interface DeliveryTrackerDeps<D extends PendingDelivery = PendingDelivery> {
  /** Put the datagram on the wire (first send and every retry). */
  transmit: (bytes: Buffer, to: Endpoint) => void;
  onFailed: (delivery: D) => void;
  /** Its acknowledgement arrived (called after it stopped being pending). */
  onDelivered?: (delivery: D) => void;
  retryIntervalMs: number;
  maxRetries: number;
  /** Bounds of the quick retry toward Pigeons (QUICK_RETRY unless set); retryIntervalMs is its ceiling. */
  quickRetry?: Partial<Pick<RetryBounds, 'initialMs' | 'floorMs'>>;
  /** A monotonic clock in ms, for round trips (performance.now unless set). */
  now?: () => number;
}

interface Tracked {
  retries: number;
  timer: NodeJS.Timeout;
  /** When it was first sent (deps.now). */
  sentAt: number;
  /** The wait now running. */
  waitMs: number;
  /** The waits that ran out so far: at giveUpMs the message is failed. */
  waitedMs: number;
  /** The peer's retransmissions when it was sent (see Line). */
  retransmitsAtSend: number;
}

/** A Pigeon's messages awaiting an acknowledgement, in the order first sent. */
interface Line {
  packets: Set<number>;
  /**
   * Retransmissions to the peer while any of them waits. One between a message's send
   * and its acknowledgement may mean the message waited in the peer's reorder hold for
   * an earlier one, so its round trip measures the hold, not the link.
   */
  retransmits: number;
}

/**
 * Waits for RECVMSG acknowledgements: the same datagram (same packet number, so the
 * receiver can recognise it) is sent again until it is acknowledged, and given up as
 * failed (maxRetries + 1) × retryIntervalMs after it was first sent. To other clients
 * it is sent again every interval (maxRetries times, as IP Messenger does); to another
 * Pigeon first after its measured round trip, then after twice the previous wait (up to
 * the interval), so one lost datagram costs tens of milliseconds, not a second, and a
 * lost peer no more time than before.
 */
export class DeliveryTracker<D extends PendingDelivery = PendingDelivery> {
  private readonly pending = new Map<number, D & Tracked>();
  /** Messages awaiting an acknowledgement, so the outbox can ask in constant time. */
  private readonly pendingMessages = new Set<string>();
  private readonly inFlight = new Map<string, Line>();
  private readonly roundTrips: PeerRoundTrips;
  private readonly now: () => number;
  private readonly giveUpMs: number;

  constructor(private readonly deps: DeliveryTrackerDeps<D>) {
    this.roundTrips = new PeerRoundTrips({
      ...QUICK_RETRY,
      ...deps.quickRetry,
      ceilingMs: deps.retryIntervalMs,
    });
    this.now = deps.now ?? (() => performance.now());
    this.giveUpMs = (deps.maxRetries + 1) * deps.retryIntervalMs;
  }

  send(delivery: D): void {
    this.deps.transmit(delivery.bytes, delivery.to);
    const waitMs = delivery.toPigeon
      ? this.roundTrips.of(delivery.peerId).timeoutMs
      : this.deps.retryIntervalMs;
    let line: Line | undefined;
    if (delivery.toPigeon) {
      line = this.inFlight.get(delivery.peerId) ?? { packets: new Set<number>(), retransmits: 0 };
      line.packets.add(delivery.packetNo);
      this.inFlight.set(delivery.peerId, line);
    }
    const entry = {
      ...delivery,
      retransmitsAtSend: line?.retransmits ?? 0,
      retries: 0,
      sentAt: this.now(),
      waitMs,
      waitedMs: 0,
      timer: this.schedule(delivery.packetNo, waitMs),
    };
    this.pending.set(delivery.packetNo, entry);
    this.pendingMessages.add(delivery.messageId);
  }

  /** An acknowledgement arrived; returns the delivered message id, if it was ours and from that peer. */
  acknowledge(packetNo: number, fromPeerId: string | undefined): string | undefined {
    const entry = this.pending.get(packetNo);
    if (!entry || (fromPeerId !== undefined && fromPeerId !== entry.peerId)) return undefined;
    clearTimeout(entry.timer);
    // Karn's rule: a retransmitted message's acknowledgement may answer any of its copies.
    const clean =
      entry.retries === 0 &&
      this.inFlight.get(entry.peerId)?.retransmits === entry.retransmitsAtSend;
    this.forget(entry);
    if (entry.toPigeon && clean) {
      this.roundTrips.of(entry.peerId).sample(this.now() - entry.sentAt);
    }
    this.deps.onDelivered?.(entry);
    return entry.messageId;
  }

  /** Stop retrying a message's datagram without reporting it (it was answered another way). */
  withdraw(messageId: string): boolean {
    if (!this.pendingMessages.has(messageId)) return false;
    for (const entry of this.pending.values()) {
      if (entry.messageId !== messageId) continue;
      clearTimeout(entry.timer);
      this.forget(entry);
      return true;
    }
    return false;
  }

  isPending(messageId: string): boolean {
    return this.pendingMessages.has(messageId);
  }

  get size(): number {
    return this.pending.size;
  }

  /** Stop every retry timer (shutdown); nothing is reported as failed. */
  clear(): void {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
    this.pendingMessages.clear();
    this.inFlight.clear();
  }

  private forget(entry: PendingDelivery): void {
    this.pending.delete(entry.packetNo);
    this.pendingMessages.delete(entry.messageId);
    const line = this.inFlight.get(entry.peerId);
    if (line?.packets.delete(entry.packetNo) && line.packets.size === 0) {
      this.inFlight.delete(entry.peerId);
    }
  }

  /** Whether nothing sent earlier to the same Pigeon awaits an acknowledgement. */
  private isOldest(entry: PendingDelivery): boolean {
    const line = this.inFlight.get(entry.peerId);
    return line?.packets.values().next().value === entry.packetNo;
  }

  private schedule(packetNo: number, waitMs: number): NodeJS.Timeout {
    return setTimeout(() => this.retry(packetNo), waitMs);
  }

  private retry(packetNo: number): void {
    const entry = this.pending.get(packetNo);
    if (!entry) return;
    entry.waitedMs += entry.waitMs;
    if (entry.waitedMs >= this.giveUpMs) {
      this.forget(entry);
      this.deps.onFailed(entry);
      return;
    }
    let next = this.deps.retryIntervalMs;
    if (entry.toPigeon) {
      const estimate = this.roundTrips.of(entry.peerId);
      // Only the oldest speaks of the link: later ones may wait in the peer's reorder hold.
      if (this.isOldest(entry)) estimate.expired(entry.waitMs);
      const line = this.inFlight.get(entry.peerId);
      if (line) line.retransmits += 1;
      next = estimate.nextWait(entry.waitMs);
    }
    entry.retries += 1;
    this.deps.transmit(entry.bytes, entry.to);
    // The last wait ends at the give-up time, whatever the backoff reached.
    entry.waitMs = Math.min(next, this.giveUpMs - entry.waitedMs);
    entry.timer = this.schedule(packetNo, entry.waitMs);
  }
}
