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

interface Pending {
  peerId: string;
  group: number;
  texts: (string | undefined)[];
  received: number;
  options: ReceivedOptions;
  timer: NodeJS.Timeout;
}

export interface PartAssemblerDeps {
  onWhole: (message: WholeMessage) => void;
  /** How long to wait for a missing part before keeping what arrived. */
  timeoutMs?: number;
  /** Messages being assembled at once; beyond it the oldest is kept as it stands. */
  maxPending?: number;
}

/**
 * Holds the parts of long messages from other Pigeons until all have arrived, then hands
 * over the joined text once. A part's packet may be repeated (its acknowledgement lost):
 * a part already held is ignored. Parts are acknowledged as they arrive, so a message whose
 * sender vanished mid-way is kept with what came rather than lost.
 */
export class PartAssembler {
  private readonly pending = new Map<string, Pending>();
  private readonly timeoutMs: number;
  private readonly maxPending: number;

  constructor(private readonly deps: PartAssemblerDeps) {
    this.timeoutMs = deps.timeoutMs ?? 60_000;
    this.maxPending = deps.maxPending ?? 32;
  }

  add(peerId: string, part: MessagePart, text: string, options: ReceivedOptions): void {
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
        timer: this.schedule(key),
      };
      this.pending.set(key, entry);
    }
    if (entry.texts[part.index] !== undefined) return;
    entry.texts[part.index] = text;
    entry.received += 1;
    if (entry.received === entry.texts.length) this.finish(key);
    else {
      clearTimeout(entry.timer);
      entry.timer = this.schedule(key);
    }
  }

  /** True while parts of this message are being held (its later parts are not new messages). */
  isAssembling(peerId: string, group: number): boolean {
    return this.pending.has(`${peerId}#${group}`);
  }

  /** Keep everything held as it stands (shutdown). */
  flush(): void {
    for (const key of [...this.pending.keys()]) this.finish(key);
  }

  private makeRoom(): void {
    while (this.pending.size >= this.maxPending) {
      const oldest = this.pending.keys().next();
      if (oldest.done) return;
      this.finish(oldest.value);
    }
  }

  private schedule(key: string): NodeJS.Timeout {
    const timer = setTimeout(() => this.finish(key), this.timeoutMs);
    timer.unref();
    return timer;
  }

  private finish(key: string): void {
    const entry = this.pending.get(key);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.pending.delete(key);
    const text = entry.texts.filter((t): t is string => t !== undefined).join('');
    try {
      this.deps.onWhole({ peerId: entry.peerId, group: entry.group, text, options: entry.options });
    } catch {
      // Runs on a timer too: a store error must not end the process.
    }
  }
}
