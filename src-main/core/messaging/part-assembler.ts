import type { MessagePart } from '../ipmsg/message-part';
import type { ReceivedOptions } from '../pipeline/incoming-message';

/** A long message put back together from its parts. */
export interface WholeMessage {
  peerId: string;
  /** The first part's packet number: the message's number in the history. */
  group: number;
  text: string;
  options: ReceivedOptions;
}

/** Acknowledging one part's datagram: owed until the whole message is stored. */
export type OwedAcknowledgement = () => void;

interface Pending {
  peerId: string;
  group: number;
  texts: (string | undefined)[];
  received: number;
  options: ReceivedOptions;
  owed: (OwedAcknowledgement | undefined)[];
  timer: NodeJS.Timeout;
}

export interface PartAssemblerDeps {
  /** Every part is in: store the message, then pay the acknowledgements owed for its parts. */
  onWhole: (message: WholeMessage, owed: OwedAcknowledgement[]) => void;
  /** How long to hold parts while the rest does not come. */
  timeoutMs?: number;
  /** Messages being assembled at once; beyond it the oldest is let go. */
  maxPending?: number;
}

/**
 * Holds the parts of long messages from other Pigeons until all have arrived, then hands
 * over the joined text once. No part is acknowledged before the whole message is stored:
 * parts held when the rest never comes (the sender vanished, too many open at once, a
 * shutdown) are let go unacknowledged, so the sender still has the message and sends it
 * again, rather than the receiver keeping a message with holes the sender thinks arrived.
 * A part repeated while held (its retry) is not held twice.
 */
export class PartAssembler {
  private readonly pending = new Map<string, Pending>();
  private readonly timeoutMs: number;
  private readonly maxPending: number;

  constructor(private readonly deps: PartAssemblerDeps) {
    this.timeoutMs = deps.timeoutMs ?? 60_000;
    this.maxPending = deps.maxPending ?? 32;
  }

  add(
    peerId: string,
    part: MessagePart,
    text: string,
    options: ReceivedOptions,
    owed: OwedAcknowledgement,
  ): void {
    const key = `${peerId}#${part.group}`;
    let entry = this.pending.get(key);
    if (entry && entry.texts.length !== part.count) return; // a part that contradicts the first
    if (!entry) {
      this.makeRoom();
      entry = {
        peerId,
        group: part.group,
        texts: new Array<string | undefined>(part.count).fill(undefined),
        received: 0,
        options,
        owed: new Array<OwedAcknowledgement | undefined>(part.count).fill(undefined),
        timer: this.schedule(key),
      };
      this.pending.set(key, entry);
    }
    // One per part, the latest: a retry carries the same number, a resend a new one the
    // sender now waits for. A peer repeating a part forever holds no more than that.
    entry.owed[part.index] = owed;
    if (entry.texts[part.index] !== undefined) return;
    entry.texts[part.index] = text;
    entry.received += 1;
    if (entry.received === entry.texts.length) this.finish(key);
    else {
      clearTimeout(entry.timer);
      entry.timer = this.schedule(key);
    }
  }

  /** Messages with parts held now. */
  get size(): number {
    return this.pending.size;
  }

  /** Let go of everything held (shutdown): none of it was acknowledged. */
  clear(): void {
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
  }

  private makeRoom(): void {
    while (this.pending.size >= this.maxPending) {
      const oldest = this.pending.keys().next();
      if (oldest.done) return;
      this.letGo(oldest.value);
    }
  }

  private schedule(key: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.letGo(key), this.timeoutMs);
    timer.unref();
    return timer;
  }

  private letGo(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(key);
  }

  private finish(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    this.letGo(key);
    const text = entry.texts.join('');
    this.deps.onWhole(
      { peerId: entry.peerId, group: entry.group, text, options: entry.options },
      entry.owed.filter((pay): pay is OwedAcknowledgement => pay !== undefined),
    );
  }
}
