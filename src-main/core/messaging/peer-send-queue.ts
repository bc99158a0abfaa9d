/**
 * One message in flight per peer, the rest waiting in the order they were written.
 *
 * Why not all at once: on a lossy link a later message would overtake an earlier one
 * that needed a retry, so the peer would show them out of order; iptux even drops
 * (while confirming) a message whose packet number is below one it already saw, so
 * the overtaken message would be lost without a word. And a thousand unconfirmed
 * messages retried together outrun the receiver's per-address rate limit, which then
 * drops the confirmations too.
 */
export class PeerSendQueue<T extends { messageId: string; peerId: string }> {
  /** Per peer: the message in flight first, then those waiting. */
  private readonly lines = new Map<string, T[]>();
  private readonly members = new Map<string, string>();

  constructor(private readonly start: (item: T) => void) {}

  /** Queue a message behind its peer's others; it starts at once if the line was empty. */
  push(item: T): void {
    if (this.members.has(item.messageId)) return;
    const line = this.lines.get(item.peerId) ?? [];
    line.push(item);
    this.lines.set(item.peerId, line);
    this.members.set(item.messageId, item.peerId);
    if (line.length === 1) this.start(item);
  }

  /** Whether a message is in flight or waiting here. */
  has(messageId: string): boolean {
    return this.members.has(messageId);
  }

  /** The message in flight is settled (confirmed or given up): the next one starts. */
  settled(messageId: string): void {
    const peerId = this.members.get(messageId);
    if (peerId === undefined) return;
    this.members.delete(messageId);
    const line = this.lines.get(peerId) ?? [];
    const at = line.findIndex((item) => item.messageId === messageId);
    if (at >= 0) line.splice(at, 1);
    if (line.length === 0) {
      this.lines.delete(peerId);
      return;
    }
    if (at === 0) this.start(line[0]!);
  }

  /** Takes every message still waiting (not the one in flight) out of a peer's line. */
  takeWaiting(peerId: string): T[] {
    const line = this.lines.get(peerId);
    if (!line || line.length <= 1) return [];
    const waiting = line.splice(1);
    for (const item of waiting) this.members.delete(item.messageId);
    return waiting;
  }

  /** Forget everything (shutdown); nothing starts. */
  clear(): void {
    this.lines.clear();
    this.members.clear();
  }
}
