import { rememberBounded } from '../bounded';

/** Peers whose highest number is remembered; beyond it the least recent are looked up again. */
const REMEMBERED = 4096;

/**
 * The highest packet number stored from each Pigeon peer. Another Pigeon's numbers
 * only ever rise, so a message numbered above it cannot be in the history: the
 * duplicate check then needs no query. Only a number at or below it (a message re-sent
 * after a restart, or one overtaken on the way) is looked up in the history.
 */
export class StoredNumbers {
  private readonly highest = new Map<string, number>();

  constructor(private readonly lookup: (peerId: string) => number) {}

  /** Whether `packetNo` is above every number stored from the peer. */
  isAbove(peerId: string, packetNo: number): boolean {
    return packetNo > this.highestOf(peerId);
  }

  /** A message numbered `packetNo` from the peer was stored. */
  stored(peerId: string, packetNo: number): void {
    const known = this.highest.get(peerId);
    if (known !== undefined && packetNo > known) this.highest.set(peerId, packetNo);
  }

  private highestOf(peerId: string): number {
    let known = this.highest.get(peerId);
    if (known === undefined) {
      known = this.lookup(peerId);
      rememberBounded(this.highest, peerId, known, REMEMBERED);
    }
    return known;
  }
}
