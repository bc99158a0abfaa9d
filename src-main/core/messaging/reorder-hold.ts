/** Messages held at once, all peers together: past it a message is taken as it comes. */
const MOST_HELD = 1000;

interface Held<T> {
  item: T;
  key: string;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * Puts another Pigeon's messages back in the order written. A message that says which
 * earlier one it follows (`after`), arriving before that one, waits here unacknowledged
 * until the earlier one is kept. Its sender retries it meanwhile; those copies are
 * ignored. After `holdMs` it is let go, still unacknowledged, never kept out of order:
 * its sender, having given up on the earlier one, puts both back in its outbox and sends
 * them again in order. A peer cannot grow this without bound: past MOST_HELD, messages
 * are not held (and so kept as they come).
 *
 * The hold costs no more than the sender's retries: a held message goes the moment the
 * one it follows is kept, so a Pigeon's quick retry of that one (after its round trip,
 * pipeline/delivery-tracker.ts) ends the hold in tens of milliseconds. `holdMs` only
 * bounds a wait for a message that never comes; the sender still gives up at the same
 * time as before, and every retry of a message let go holds it again.
 */
export class ReorderHold<T> {
  /** By what each waits for (`peer#after`). */
  private readonly waiting = new Map<string, Held<T>>();
  /** The packet numbers held (`peer#packetNo`), to recognise a retry of one. */
  private readonly numbers = new Set<string>();

  constructor(
    private readonly holdMs: number,
    private readonly release: (item: T) => void,
  ) {}

  /** Whether a message with this number from the peer is waiting here. */
  isHeld(peerId: string, packetNo: number): boolean {
    return this.numbers.has(`${peerId}#${packetNo}`);
  }

  /** Holds a message until `after` is kept; false (not held) when there is no room or a slot is taken. */
  hold(peerId: string, after: number, packetNo: number, item: T): boolean {
    const key = `${peerId}#${after}`;
    if (this.waiting.size >= MOST_HELD || this.waiting.has(key)) return false;
    const number = `${peerId}#${packetNo}`;
    const timer = setTimeout(() => this.forget(key), this.holdMs);
    timer.unref?.();
    this.waiting.set(key, { item, key: number, timer });
    this.numbers.add(number);
    return true;
  }

  /** A message from the peer was kept: the one that follows it, if waiting, goes now. */
  kept(peerId: string, packetNo: number): void {
    if (this.waiting.size > 0) this.let(`${peerId}#${packetNo}`);
  }

  /** Shutdown: what waits was never acknowledged, so its sender still has it. */
  clear(): void {
    for (const held of this.waiting.values()) clearTimeout(held.timer);
    this.waiting.clear();
    this.numbers.clear();
  }

  private forget(key: string): void {
    const held = this.waiting.get(key);
    if (!held) return;
    this.waiting.delete(key);
    this.numbers.delete(held.key);
  }

  private let(key: string): void {
    const held = this.waiting.get(key);
    if (!held) return;
    clearTimeout(held.timer);
    this.waiting.delete(key);
    this.numbers.delete(held.key);
    this.release(held.item);
  }
}
