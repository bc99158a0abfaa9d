// The transfers Pigeon knows: the unfinished ones in memory (their progress changes many
// times a second), every one on disk. A state change is written, then announced;
// progress is only announced.
import type { TransferDTO } from '../../../src-shared/contract';
import type { TransfersRepo } from '../store/transfers-repo';
import { ProgressMeter } from './progress-meter';
import { FINAL_STATES, toTransferDTO, type TransferRecord } from '../store/records/transfer-record';

export class TransferBook {
  private readonly live = new Map<string, TransferRecord>();

  constructor(
    private readonly repo: TransfersRepo,
    private readonly announce: (transfer: TransferDTO) => void,
  ) {}

  add(record: TransferRecord): void {
    this.repo.add(record);
    this.track(record);
    this.announce(toTransferDTO(record));
  }

  /** The live record (the same object every time), or a copy read from disk. */
  get(id: string): TransferRecord | undefined {
    return this.live.get(id) ?? this.repo.get(id);
  }

  /** Writes and announces a changed record. */
  save(record: TransferRecord): void {
    this.repo.update(record);
    this.track(record);
    this.announce(toTransferDTO(record));
  }

  /** Announces progress without writing. */
  progress(record: TransferRecord): void {
    this.announce(toTransferDTO(record));
  }

  /**
   * A meter for `record`'s bytes: its speed and time left go into the record and are
   * announced (throttled), while the transfer is active.
   */
  meter(record: TransferRecord): ProgressMeter {
    return new ProgressMeter({
      total: record.totalBytes,
      onProgress: (snapshot) => {
        if (record.state !== 'active') return;
        record.bytesPerSecond = snapshot.bytesPerSecond;
        if (snapshot.etaSeconds === undefined) delete record.secondsLeft;
        else record.secondsLeft = Math.round(snapshot.etaSeconds);
        this.progress(record);
      },
    });
  }

  /** An unfinished transfer by its offer's packet number. */
  findLive(
    peerId: string,
    packetNo: number,
    direction: TransferRecord['direction'],
  ): TransferRecord | undefined {
    for (const record of this.live.values()) {
      if (
        record.packetNo === packetNo &&
        record.peerId === peerId &&
        record.direction === direction
      ) {
        return record;
      }
    }
    return undefined;
  }

  /** A failed transfer by its packet number (kept partials may still need removing). */
  find(
    peerId: string,
    packetNo: number,
    direction: TransferRecord['direction'],
  ): TransferRecord | undefined {
    const stored = this.repo.findByPacket(peerId, packetNo, direction);
    return stored && this.get(stored.id);
  }

  /** Unfinished transfers with one peer, one way. */
  openCount(peerId: string, direction: TransferRecord['direction']): number {
    let count = 0;
    for (const record of this.live.values()) {
      if (record.peerId === peerId && record.direction === direction) count += 1;
    }
    return count;
  }

  liveRecords(): TransferRecord[] {
    return [...this.live.values()];
  }

  /** A conversation's newest transfers, live ones with their current progress. */
  list(conversationId: string): TransferDTO[] {
    return this.repo
      .list(conversationId)
      .map((stored) => toTransferDTO(this.live.get(stored.id) ?? stored));
  }

  private track(record: TransferRecord): void {
    if (FINAL_STATES.has(record.state)) this.live.delete(record.id);
    else this.live.set(record.id, record);
  }
}
