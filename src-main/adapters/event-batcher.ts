import type { PigeonEvent } from '../../src-shared/contract';

/**
 * Collects events and hands them on in batches, at most every `intervalMs`
 * (about ten a second), so a burst of datagrams or progress never floods a window.
 * Later `stats`, `self`, `peer` and `conversation` updates for the same subject replace
 * earlier ones and take their place at the end, as the latest news.
 *
 * A superseded event is found through a keyed map and left as a hole that `drain`
 * skips, so every push costs the same however large the batch grows (a flood of
 * thousands of peers or messages between two flushes).
 */
export class EventBatcher {
  private pending: (PigeonEvent | undefined)[] = [];
  /** Where each subject's latest event sits in `pending`. */
  private latest = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flush: (events: PigeonEvent[]) => void,
    private readonly intervalMs = 100,
  ) {}

  push(event: PigeonEvent): void {
    const key = coalesceKey(event);
    if (key !== undefined) {
      const at = this.latest.get(key);
      if (at !== undefined) this.pending[at] = undefined;
      this.latest.set(key, this.pending.length);
    }
    this.pending.push(event);
    this.timer ??= setTimeout(() => this.drain(), this.intervalMs);
  }

  /** Deliver whatever is pending now (used on shutdown and in tests). */
  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending.filter((event): event is PigeonEvent => event !== undefined);
    this.pending = [];
    this.latest.clear();
    this.flush(batch);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
    this.latest.clear();
  }
}

function coalesceKey(event: PigeonEvent): string | undefined {
  switch (event.type) {
    case 'stats':
      return 'stats';
    case 'self':
      return 'self';
    case 'peer':
      return `peer:${event.peer.id}`;
    // A peer forgotten replaces news of it still waiting: the window never shows it.
    case 'peer-removed':
      return `peer:${event.peerId}`;
    case 'conversation':
      return `conversation:${event.conversation.id}`;
    default:
      return undefined;
  }
}
