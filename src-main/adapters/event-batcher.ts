import type { PigeonEvent } from '../../src-shared/contract';

/**
 * Collects events and hands them on in batches, at most every `intervalMs`
 * (about ten a second), so a burst of datagrams or progress never floods a window.
 * Later `stats` and `peer` updates for the same subject replace earlier ones.
 */
export class EventBatcher {
  private pending: PigeonEvent[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flush: (events: PigeonEvent[]) => void,
    private readonly intervalMs = 100,
  ) {}

  push(event: PigeonEvent): void {
    const key = coalesceKey(event);
    if (key) {
      const at = this.pending.findIndex((e) => coalesceKey(e) === key);
      if (at >= 0) this.pending.splice(at, 1);
    }
    this.pending.push(event);
    this.timer ??= setTimeout(() => this.drain(), this.intervalMs);
  }

  /** Deliver whatever is pending now (used on shutdown and in tests). */
  drain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.flush(batch);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = [];
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
    case 'conversation':
      return `conversation:${event.conversation.id}`;
    default:
      return undefined;
  }
}
