/**
 * Messages to one peer in the order they were written: a few in flight at once where the
 * peer can put them back in order (another Pigeon, told which message each follows), one
 * at a time otherwise.
 *
 * Why not all at once: on a lossy link a later message would overtake an earlier one
 * that needed a retry, so the peer would show them out of order; iptux even drops
 * (while confirming) a message whose packet number is below one it already saw, so
 * the overtaken message would be lost without a word. And a thousand unconfirmed
 * messages retried together outrun the receiver's per-address rate limit, which then
 * drops the confirmations too: hence a small window, not an unbounded one.
 */
export class PeerSendQueue<T extends { messageId: string; peerId: string }> {
  /** Per peer: the messages in flight first (`started` of them), then those waiting. */
  private readonly lines = new Map<string, { items: T[]; started: number }>();
  private readonly members = new Map<string, string>();

  /**
   * @param start sends a message; `previous` is the one before it still unconfirmed.
   * @param windowOf how many messages may be in flight with this one (1: alone).
   */
  constructor(
    private readonly start: (item: T, previous: T | undefined) => void,
    private readonly windowOf: (item: T) => number = () => 1,
  ) {}

  /** Queue a message behind its peer's others; it starts at once if the window has room. */
  push(item: T): void {
    if (this.members.has(item.messageId)) return;
    const line = this.lines.get(item.peerId) ?? { items: [], started: 0 };
    line.items.push(item);
    this.lines.set(item.peerId, line);
    this.members.set(item.messageId, item.peerId);
    this.fill(line);
  }

  /** Whether a message is in flight or waiting here. */
  has(messageId: string): boolean {
    return this.members.has(messageId);
  }

  /** A message is settled (confirmed or given up): the next ones start as the window allows. */
  settled(messageId: string): void {
    const peerId = this.members.get(messageId);
    if (peerId === undefined) return;
    this.members.delete(messageId);
    const line = this.lines.get(peerId);
    if (!line) return;
    const at = line.items.findIndex((item) => item.messageId === messageId);
    if (at >= 0) {
      line.items.splice(at, 1);
      if (at < line.started) line.started -= 1;
    }
    if (line.items.length === 0) {
      this.lines.delete(peerId);
      return;
    }
    this.fill(line);
  }

  /**
   * Takes every other message out of a peer's line, in flight or waiting, in the order
   * written: the caller stops those in flight.
   */
  takeAllBut(peerId: string, messageId: string): T[] {
    const line = this.lines.get(peerId);
    if (!line) return [];
    const others = line.items.filter((item) => item.messageId !== messageId);
    line.items = line.items.filter((item) => item.messageId === messageId);
    line.started = Math.min(line.started, line.items.length);
    for (const item of others) this.members.delete(item.messageId);
    return others;
  }

  /** Forget everything (shutdown); nothing starts. */
  clear(): void {
    this.lines.clear();
    this.members.clear();
  }

  private fill(line: { items: T[]; started: number }): void {
    while (line.started < line.items.length) {
      const next = line.items[line.started]!;
      if (!this.roomFor(line, next)) return;
      const previous = line.started > 0 ? line.items[line.started - 1] : undefined;
      line.started += 1;
      this.start(next, previous);
    }
  }

  /** Every message in flight, and the next, must allow that many beside it. */
  private roomFor(line: { items: T[]; started: number }, next: T): boolean {
    const inFlight = line.started;
    if (inFlight === 0) return true;
    if (this.windowOf(next) <= inFlight) return false;
    for (let i = 0; i < inFlight; i += 1) {
      if (this.windowOf(line.items[i]!) <= inFlight) return false;
    }
    return true;
  }
}
