import type { NetworkStatsDTO } from '../../../src-shared/contract';

export type DropReason = keyof NetworkStatsDTO['dropped'];

/** Counters for the network panel and for tests: nothing is dropped silently. */
export class NetworkStats {
  private readonly counts: NetworkStatsDTO = {
    datagramsIn: 0,
    datagramsOut: 0,
    dropped: { malformed: 0, oversized: 0, rateLimited: 0, unknownCommand: 0 },
  };

  received(): void {
    this.counts.datagramsIn += 1;
  }

  sent(): void {
    this.counts.datagramsOut += 1;
  }

  dropped(reason: DropReason): void {
    this.counts.dropped[reason] += 1;
  }

  snapshot(): NetworkStatsDTO {
    return { ...this.counts, dropped: { ...this.counts.dropped } };
  }
}
