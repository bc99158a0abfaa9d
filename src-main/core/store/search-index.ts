import type { PigeonDatabase } from './database';
import { isDiskFull } from './disk-full-watch';

// Each its own SQL text: pluck() stays set on a shared statement.
const MARK = 'SELECT indexed_through FROM search_index WHERE id = 1';
const NEWEST = 'SELECT max(seq) AS newest FROM messages';
const INDEX = `INSERT INTO messages_fts (rowid, text)
  SELECT seq, text FROM messages WHERE seq > ? AND seq <= ? ORDER BY seq`;
const SET_MARK = 'UPDATE search_index SET indexed_through = ? WHERE id = 1';

/** How long new messages gather before they are indexed together. */
export const DEFAULT_INDEX_DELAY_MS = 1000;

/**
 * The search index is brought up to date in batches, off the path of a message's arrival
 * (migration 14): shortly after messages are stored, before every search, and at start
 * for any a previous run stored but did not index.
 */
export class SearchIndex {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly db: PigeonDatabase,
    private readonly delayMs = DEFAULT_INDEX_DELAY_MS,
  ) {}

  /** A message was stored: index it soon, with whatever else is stored meanwhile. */
  stored(): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      try {
        this.catchUp();
      } catch {
        // A full disk or a busy file: the next message, search or start tries again.
      }
    }, this.delayMs);
    this.timer.unref();
  }

  /** Index every stored message the index does not hold yet; returns how many. */
  catchUp(): number {
    return this.db.write(() => {
      const mark = this.db.statement(MARK).pluck().get() as number;
      const newest = (this.db.statement(NEWEST).get() as { newest: number | null }).newest ?? 0;
      if (newest <= mark) return 0;
      const { changes } = this.db.statement(INDEX).run(mark, newest);
      this.db.statement(SET_MARK).run(newest);
      return changes;
    });
  }

  /**
   * catchUp, unless the disk is full: searching and starting must still work then; the
   * newest messages are found once there is room to index them.
   */
  tryCatchUp(): void {
    try {
      this.catchUp();
    } catch (error) {
      if (!isDiskFull(error)) throw error;
    }
  }

  /** The store is closing: no more timers (what is left is indexed at the next start). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
