import type { PigeonEvent } from '../../src-shared/contract';

/**
 * The core's outgoing events: subscribers come and go, and one that throws never
 * breaks the core or the others. Counter updates are sent at most twice a second.
 */
export class EventHub {
  private readonly listeners = new Set<(event: PigeonEvent) => void>();
  private statsTimer: NodeJS.Timeout | undefined;

  on(listener: (event: PigeonEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: PigeonEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A faulty subscriber must not break the core or the other subscribers.
      }
    }
  }

  /** Emit a stats event soon, once, however many datagrams arrive meanwhile. */
  statsChanged(snapshot: () => Extract<PigeonEvent, { type: 'stats' }>['stats']): void {
    if (this.statsTimer) return;
    this.statsTimer = setTimeout(() => {
      this.statsTimer = undefined;
      this.emit({ type: 'stats', stats: snapshot() });
    }, 500);
    this.statsTimer.unref();
  }

  stop(): void {
    if (this.statsTimer) clearTimeout(this.statsTimer);
    this.statsTimer = undefined;
  }
}
