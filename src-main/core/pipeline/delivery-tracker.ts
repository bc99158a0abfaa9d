import type { Endpoint } from '../net/endpoint';

export interface PendingDelivery {
  messageId: string;
  peerId: string;
  packetNo: number;
  bytes: Buffer;
  to: Endpoint;
}

export interface DeliveryTrackerDeps<D extends PendingDelivery = PendingDelivery> {
  /** Put the datagram on the wire (first send and every retry). */
  transmit: (bytes: Buffer, to: Endpoint) => void;
  onFailed: (delivery: D) => void;
  /** Its acknowledgement arrived (called after it stopped being pending). */
  onDelivered?: (delivery: D) => void;
  retryIntervalMs: number;
  maxRetries: number;
}

/**
 * Waits for RECVMSG acknowledgements: the same datagram (same packet number, so the
 * receiver can recognise it) is sent again every interval, up to maxRetries times,
 * then the message is given up as failed.
 */
export class DeliveryTracker<D extends PendingDelivery = PendingDelivery> {
  private readonly pending = new Map<number, D & { retries: number; timer: NodeJS.Timeout }>();
  /** Messages awaiting an acknowledgement, so the outbox can ask in constant time. */
  private readonly pendingMessages = new Set<string>();

  constructor(private readonly deps: DeliveryTrackerDeps<D>) {}

  send(delivery: D): void {
    this.deps.transmit(delivery.bytes, delivery.to);
    const entry = { ...delivery, retries: 0, timer: this.schedule(delivery.packetNo) };
    this.pending.set(delivery.packetNo, entry);
    this.pendingMessages.add(delivery.messageId);
  }

  /** An acknowledgement arrived; returns the delivered message id, if it was ours and from that peer. */
  acknowledge(packetNo: number, fromPeerId: string | undefined): string | undefined {
    const entry = this.pending.get(packetNo);
    if (!entry || (fromPeerId !== undefined && fromPeerId !== entry.peerId)) return undefined;
    clearTimeout(entry.timer);
    this.forget(entry);
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
  }

  private forget(entry: PendingDelivery): void {
    this.pending.delete(entry.packetNo);
    this.pendingMessages.delete(entry.messageId);
  }

  private schedule(packetNo: number): NodeJS.Timeout {
    return setTimeout(() => this.retry(packetNo), this.deps.retryIntervalMs);
  }

  private retry(packetNo: number): void {
    const entry = this.pending.get(packetNo);
    if (!entry) return;
    if (entry.retries >= this.deps.maxRetries) {
      this.forget(entry);
      this.deps.onFailed(entry);
      return;
    }
    entry.retries += 1;
    this.deps.transmit(entry.bytes, entry.to);
    entry.timer = this.schedule(packetNo);
  }
}
