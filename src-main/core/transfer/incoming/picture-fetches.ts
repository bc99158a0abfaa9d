// Pictures another Pigeon marks as such are fetched unasked, so anyone on the LAN could
// make Pigeon write. They are fetched only from a contact the user has written to, a few
// at a time, and within a byte and count budget per peer and in total over the last hour;
// a picture past any of these is an ordinary offer the user accepts or not.
import type { TransferRecord } from '../../store/records/transfer-record';

const MiB = 1024 * 1024;

export interface PictureBudget {
  /** Fetches running at once; more wait their turn. */
  atOnce: number;
  /** Pictures waiting their turn at most. */
  waiting: number;
  perPeerBytes: number;
  perPeerCount: number;
  totalBytes: number;
  totalCount: number;
  /** What was fetched longer ago than this no longer counts. */
  windowMs: number;
}

export const PICTURE_BUDGET: PictureBudget = {
  atOnce: 3,
  waiting: 20,
  perPeerBytes: 32 * MiB,
  perPeerCount: 30,
  totalBytes: 128 * MiB,
  totalCount: 100,
  windowMs: 60 * 60 * 1000,
};

export interface PictureFetchDeps {
  /** Whether the user has written in this conversation. */
  chattedWith: (conversationId: string) => boolean;
  now: () => number;
  budget?: Partial<PictureBudget>;
}

interface Spent {
  at: number;
  peerId: string;
  bytes: number;
}

export class PictureFetches {
  private readonly budget: PictureBudget;
  /** Pictures admitted within the window, oldest first (at most `totalCount`). */
  private spent: Spent[] = [];
  private readonly queue: (() => Promise<void>)[] = [];
  private running = 0;

  constructor(private readonly deps: PictureFetchDeps) {
    this.budget = { ...PICTURE_BUDGET, ...deps.budget };
  }

  /** Whether a picture may be fetched unasked; if so, its size counts from now on. */
  admit(record: Pick<TransferRecord, 'conversationId' | 'peerId' | 'totalBytes'>): boolean {
    if (this.queue.length >= this.budget.waiting) return false;
    if (!this.deps.chattedWith(record.conversationId)) return false;
    const now = this.deps.now();
    this.spent = this.spent.filter((s) => now - s.at < this.budget.windowMs);
    let peerBytes = 0;
    let peerCount = 0;
    let totalBytes = 0;
    for (const s of this.spent) {
      totalBytes += s.bytes;
      if (s.peerId !== record.peerId) continue;
      peerBytes += s.bytes;
      peerCount += 1;
    }
    const fits =
      this.spent.length < this.budget.totalCount &&
      totalBytes + record.totalBytes <= this.budget.totalBytes &&
      peerCount < this.budget.perPeerCount &&
      peerBytes + record.totalBytes <= this.budget.perPeerBytes;
    if (fits) this.spent.push({ at: now, peerId: record.peerId, bytes: record.totalBytes });
    return fits;
  }

  /**
   * Runs an admitted fetch (resolving once it has settled) when its turn comes: on a
   * later tick, so the message carrying the picture is stored and shown first.
   */
  run(fetch: () => Promise<void>): void {
    this.queue.push(fetch);
    setImmediate(() => this.next());
  }

  private next(): void {
    while (this.running < this.budget.atOnce && this.queue.length > 0) {
      const fetch = this.queue.shift()!;
      this.running += 1;
      void fetch()
        .catch(() => undefined)
        .finally(() => {
          this.running -= 1;
          this.next();
        });
    }
  }
}
