// Offers we receive: kept until the user accepts (or, for a picture from another Pigeon,
// fetched by itself into the images folder within PictureFetches' limits), then fetched item by item with batched
// progress. Declining, finishing or cancelling tells the sender (RELEASEFILES); a failure
// keeps the offer open so a retry can resume.
import { rm } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { ContractError } from '../../../../src-shared/contract';
import type { PeerRecord } from '../../discovery/peer-directory';
import type { LegacyEncoding } from '../../ipmsg';
import { completedBytes, describeFailure, runDownload } from './download-job';
import type { RequesterIdentity } from '../file-request';
import type { TransferKeyBinding } from '../sealing/transfer-keys';
import { parseIncomingOffer, type IncomingOffer } from './incoming-offer';
import type { TransferBook } from '../transfer-book';
import type { PictureFetches } from './picture-fetches';
import { totalOf, type TransferRecord } from '../../store/records/transfer-record';

export interface IncomingDeps {
  book: TransferBook;
  peer: (peerId: string) => PeerRecord | undefined;
  requester: RequesterIdentity;
  /** Our bind address, so the sender sees requests come from where it sent the offer. */
  localAddress?: string;
  legacy: LegacyEncoding;
  downloadDir: () => string;
  imagesDir: () => string;
  /** RELEASEFILES for an offer, to its sender. */
  release: (record: TransferRecord) => void;
  /** Which pictures are fetched unasked, and when. */
  pictures: PictureFetches;
  idleTimeoutMs?: number;
  /** Identity keys: a sealed request is signed with ours. */
  binding?: TransferKeyBinding;
}

interface Job {
  controller: AbortController;
  cancelled: boolean;
  done: Promise<void>;
}

/**
 * Whether a partial file of this transfer is worth keeping: only another Pigeon resumes,
 * and a picture fetched unasked keeps none (nobody asked to resume it).
 */
export function canResume(record: TransferRecord, peer: PeerRecord | undefined): boolean {
  return peer?.client === 'pigeon' && !record.image;
}

export class IncomingTransfers {
  private readonly jobs = new Map<string, Job>();
  private stopped = false;
  /** Offer entries that could not be read or used, since start. */
  ignoredEntries = 0;

  constructor(private readonly deps: IncomingDeps) {}

  /** A SENDMSG carried an attachment list: the transfer, if anything in it is usable. */
  read(offer: IncomingOffer): TransferRecord | undefined {
    const { record, ignored } = parseIncomingOffer(offer);
    this.ignoredEntries += ignored;
    return record;
  }

  /** The offer's message is new: keep the transfer (a picture within limits is fetched). */
  keep(record: TransferRecord, messageId: string): void {
    record.messageId = messageId;
    // Past the limits a picture is offered as the file it is.
    if (record.image && !this.deps.pictures.admit(record)) record.image = false;
    this.deps.book.add(record);
    if (!record.image) return;
    this.deps.pictures.run(async () => {
      if (this.stopped || record.state !== 'offered') return;
      try {
        this.start(record, this.deps.imagesDir());
      } catch {
        return; // The sender vanished or the disk refused: the picture stays offered.
      }
      await this.settled(record.id);
    });
  }

  accept(record: TransferRecord, directory?: string): void {
    if (record.state !== 'offered') {
      throw new ContractError('failed', 'Only an offer still waiting can be accepted.');
    }
    const target = directory ?? this.deps.downloadDir();
    if (!isAbsolute(target)) {
      throw new ContractError('invalid-request', 'The folder to save in must be a full path.');
    }
    this.start(record, target);
  }

  decline(record: TransferRecord): void {
    if (record.state !== 'offered' && record.state !== 'failed') {
      throw new ContractError('failed', 'Only an offer not being fetched can be declined.');
    }
    this.end(record, 'declined');
  }

  cancel(record: TransferRecord): void {
    if (record.state !== 'offered' && record.state !== 'active' && record.state !== 'failed') {
      throw new ContractError('failed', 'This transfer has already ended.');
    }
    this.end(record, 'cancelled');
  }

  retry(record: TransferRecord): void {
    if (record.state !== 'failed' || !record.retryable) {
      throw new ContractError('failed', 'Only a failed transfer can be tried again.');
    }
    this.start(record, record.directory ?? this.deps.downloadDir());
  }

  /** The sender (another Pigeon) took its offer back. */
  withdrawn(record: TransferRecord, peerName: string): void {
    if (record.state === 'done' || record.state === 'declined' || record.state === 'cancelled') {
      return;
    }
    record.error = `${peerName} took the offer back.`;
    this.end(record, 'cancelled', false);
  }

  /** Ends every fetch without recording an outcome: the next start finds them interrupted. */
  async stop(): Promise<void> {
    this.stopped = true;
    const jobs = [...this.jobs.values()];
    for (const job of jobs) job.controller.abort();
    await Promise.allSettled(jobs.map((job) => job.done));
  }

  private start(record: TransferRecord, directory: string): void {
    const peer = this.deps.peer(record.peerId);
    if (!peer) throw new ContractError('failed', 'The sender is unknown.');
    record.directory = directory;
    record.state = 'active';
    record.retryable = false;
    record.bytesDone = completedBytes(record.items);
    delete record.error;
    this.deps.book.save(record);
    const controller = new AbortController();
    const meter = this.deps.book.meter(record);
    const job: Job = { controller, cancelled: false, done: Promise.resolve() };
    job.done = runDownload({
      record,
      peer,
      canResume: canResume(record, peer),
      fileAttachOpt: peer.client === 'iptux',
      directory,
      requester: this.deps.requester,
      ...(this.deps.localAddress ? { localAddress: this.deps.localAddress } : {}),
      legacy: this.deps.legacy,
      signal: controller.signal,
      ...(this.deps.idleTimeoutMs ? { idleTimeoutMs: this.deps.idleTimeoutMs } : {}),
      ...(this.deps.binding ? { binding: this.deps.binding } : {}),
      onProgress: (bytes) => {
        record.bytesDone = bytes;
        // Folders learn their size on the way.
        record.totalBytes = Math.max(record.totalBytes, totalOf(record.items), bytes);
        meter.update(bytes);
      },
      onItemDone: () => {
        if (!this.stopped && !job.cancelled) this.deps.book.save(record);
      },
      onPartial: () => {
        if (!this.stopped && !job.cancelled) this.deps.book.save(record);
      },
    })
      .then(
        () => {
          this.jobs.delete(record.id);
          if (this.stopped || job.cancelled) return;
          record.totalBytes = Math.max(record.totalBytes, completedBytes(record.items));
          record.bytesDone = record.totalBytes;
          this.finish(record, 'done');
          this.deps.release(record);
        },
        (error: unknown) => {
          this.jobs.delete(record.id);
          if (this.stopped || job.cancelled) return;
          record.error = describeFailure(error, peer.nickname);
          record.retryable = true;
          this.finish(record, 'failed');
        },
      )
      // A store that fails while recording the outcome must not end the process.
      .catch(() => undefined);
    this.jobs.set(record.id, job);
  }

  private end(record: TransferRecord, state: 'declined' | 'cancelled', tellSender = true): void {
    const job = this.jobs.get(record.id);
    if (job) {
      job.cancelled = true;
      job.controller.abort();
    }
    const partials = record.items.flatMap((item) => (item.partial ? [item.partial] : []));
    for (const item of record.items) delete item.partial;
    for (const path of partials) void rm(path, { force: true }).catch(() => undefined);
    this.finish(record, state);
    if (tellSender) this.deps.release(record);
  }

  private finish(record: TransferRecord, state: TransferRecord['state']): void {
    record.state = state;
    record.bytesPerSecond = 0;
    delete record.secondsLeft;
    this.deps.book.save(record);
  }

  /** Waits for a running fetch to settle (tests, shutdown). */
  settled(transferId: string): Promise<void> {
    return this.jobs.get(transferId)?.done ?? Promise.resolve();
  }
}
