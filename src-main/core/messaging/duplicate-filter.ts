/**
 * Recognises a message seen moments ago (a retransmission whose acknowledgement was
 * lost). Entries expire, because clients such as iptux restart their packet numbers
 * at 1 on each launch: an old number from a new session is a new message.
 */
export class DuplicateFilter {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly windowMs = 120_000,
    private readonly maxEntries = 20_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True if this (peer, packet number) was already seen within the window; records it otherwise. */
  isDuplicate(peerKey: string, packetNo: number): boolean {
    const key = `${peerKey}#${packetNo}`;
    const now = this.now();
    const at = this.seen.get(key);
    if (at !== undefined && now - at <= this.windowMs) return true;
    this.seen.delete(key);
    this.seen.set(key, now);
    this.prune(now);
    return false;
  }

  /** Whether this (peer, packet number) was seen within the window; records nothing. */
  has(peerKey: string, packetNo: number): boolean {
    const at = this.seen.get(`${peerKey}#${packetNo}`);
    return at !== undefined && this.now() - at <= this.windowMs;
  }

  /** A message that could not be kept: its retransmission must be taken as new. */
  forget(peerKey: string, packetNo: number): void {
    this.seen.delete(`${peerKey}#${packetNo}`);
  }

  /** A peer announced itself anew: its numbering may have restarted. */
  forgetPeer(peerKey: string): void {
    const prefix = `${peerKey}#`;
    for (const key of this.seen.keys()) if (key.startsWith(prefix)) this.seen.delete(key);
  }

  private prune(now: number): void {
    for (const [key, at] of this.seen) {
      // Map iterates oldest first: stop at the first entry still inside the window.
      if (now - at <= this.windowMs && this.seen.size <= this.maxEntries) break;
      this.seen.delete(key);
    }
  }
}
