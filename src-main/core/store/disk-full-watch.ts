import { StoreError } from './store-error';

/** See DiskFullWatch's constructor. */
export const DISK_FULL_SETTLE_MS = 5000;

/**
 * Whether the history file's disk is full right now. Set by the first write that fails
 * for lack of space, cleared by the first write that succeeds again, so whoever listens
 * hears of each change once, not once per failed write.
 */
export class DiskFullWatch {
  private full = false;
  private lastFailure = 0;
  private readonly listeners = new Set<(full: boolean) => void>();

  /**
   * @param settleMs how long writes must have stopped failing before a success clears
   *   the state: on a disk at the edge, a small write fits now and then between failures,
   *   and the user should not see the notice come and go with each.
   */
  constructor(
    private readonly settleMs = DISK_FULL_SETTLE_MS,
    private readonly now: () => number = Date.now,
  ) {}

  get isFull(): boolean {
    return this.full;
  }

  /** A write failed for lack of space. */
  noteFull(): void {
    this.lastFailure = this.now();
    if (this.full) return;
    this.full = true;
    this.tell();
  }

  /** A write succeeded: there is space again. */
  noteSpace(): void {
    if (!this.full || this.now() - this.lastFailure < this.settleMs) return;
    this.full = false;
    this.tell();
  }

  /** Hear of each change; returns how to stop listening. */
  onChange(listener: (full: boolean) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private tell(): void {
    for (const listener of this.listeners) {
      try {
        listener(this.full);
      } catch {
        // A listener's bug must not turn a store write into a failure.
      }
    }
  }
}

/** A failure for lack of space: SQLite's SQLITE_FULL (as a StoreError) or a file's ENOSPC. */
export function isDiskFull(error: unknown): boolean {
  if (error instanceof StoreError) return error.code === 'disk-full';
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}
