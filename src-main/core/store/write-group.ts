/** What one write of a group came to: its result, or the error that undid it. */
export type WriteOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

interface PendingWrite {
  work: () => unknown;
  done: (outcome: WriteOutcome<unknown>) => void;
}

export interface WriteGroupOptions {
  /**
   * When the gathered writes are committed. `setImmediate` (the default) commits what
   * arrived in one turn of the event loop: every datagram read in one poll. A function
   * that calls `flush` at once makes every write its own commit (tests, and callers that
   * must see the write done on return).
   */
  defer?: (flush: () => void) => void;
  /**
   * A `done` that threw after a deferred commit, where nothing above it would catch it.
   * Without one the error is thrown from wherever the commit ran (for `commitAtOnce`: `add`).
   */
  onError?: (error: unknown) => void;
}

/**
 * Group commit: writes that arrive close together share one transaction, so a burst of
 * messages costs one commit (one WAL append on a history file) instead of one each.
 *
 * Each write runs in its own savepoint, so one that fails (a row refused) is undone alone
 * and the others still commit. Each `done` runs only after the commit, in the order the
 * writes were added: whatever it tells the network (an acknowledgement) is on disk. If the
 * commit itself fails (a full disk), every write of the group is told so.
 */
export class WriteGroup {
  private pending: PendingWrite[] = [];
  private scheduled = false;
  private readonly defer: (flush: () => void) => void;

  constructor(
    private readonly atomically: <T>(work: () => T) => T,
    private readonly options: WriteGroupOptions = {},
  ) {
    this.defer = options.defer ?? ((flush) => setImmediate(flush));
  }

  /** Whether writes are waiting for their commit (a caller's reply should wait behind them). */
  get busy(): boolean {
    return this.pending.length > 0;
  }

  add<T>(work: () => T, done: (outcome: WriteOutcome<T>) => void): void {
    this.pending.push({ work, done: done as (outcome: WriteOutcome<unknown>) => void });
    if (this.scheduled) return;
    this.scheduled = true;
    this.defer(() => this.flushReporting());
  }

  /** Run something once the writes now waiting are committed (at once when none are). */
  afterCommit(then: () => void): void {
    if (this.pending.length === 0) then();
    else this.add(() => undefined, then);
  }

  /** Commit what is waiting now and tell each write; the first `done` that threw is rethrown. */
  flush(): void {
    this.scheduled = false;
    const writes = this.pending;
    this.pending = [];
    if (writes.length === 0) return;
    let outcomes: WriteOutcome<unknown>[];
    try {
      outcomes = this.atomically(() =>
        writes.map(({ work }): WriteOutcome<unknown> => {
          try {
            // Nested: a savepoint, so a failed write is undone without the others.
            return { ok: true, value: this.atomically(work) };
          } catch (error) {
            return { ok: false, error };
          }
        }),
      );
    } catch (error) {
      outcomes = writes.map(() => ({ ok: false, error }));
    }
    let thrown: { error: unknown } | undefined;
    writes.forEach(({ done }, index) => {
      try {
        done(outcomes[index]!);
      } catch (error) {
        thrown ??= { error };
      }
    });
    if (thrown) throw thrown.error;
  }

  private flushReporting(): void {
    if (!this.scheduled) return; // flushed already, by hand
    const { onError } = this.options;
    if (!onError) return this.flush();
    try {
      this.flush();
    } catch (error) {
      onError(error);
    }
  }
}

/** For a WriteGroup whose every write is its own commit, done before `add` returns. */
export const commitAtOnce = (flush: () => void): void => flush();
