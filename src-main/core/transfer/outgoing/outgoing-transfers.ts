// Offers we make: registered for the peer's address, announced in a SENDMSG that waits for
// its acknowledgement like any message, served by the file server, and followed through
// the server's events (bytes sent, items complete) and the peer's RELEASEFILES.
import { randomUUID } from 'node:crypto';
import { ContractError, type MessageDTO } from '../../../../src-shared/contract';
import type { PeerRecord } from '../../discovery/peer-directory';
import type { PendingDelivery } from '../../pipeline/delivery-tracker';
import type { MessageAnnouncer } from '../../message-announcer';
import type { DeliveryOutcome, MessageSender } from '../../pipeline/message-sender';
import type { MessagesRepo } from '../../store/messages-repo';
import { PRIVATE_FOLDER_MODE } from '../../store/private-data';
import type { FileServer, FileServerEvent, ServedTransfer } from './file-server';
import type { OfferRegistry } from './offer-registry';
import { buildOfferPacket } from './offer-packet';
import { describeOffer, fingerprintFile } from './outgoing-offer';
import type { ProgressMeter } from '../progress-meter';
import type { TransferBook } from '../transfer-book';
import { checkImageFile, keepImageCopy } from '../transfer-images';
import { itemBytes, totalOf, type TransferRecord } from '../../store/records/transfer-record';
import { mkdir } from 'node:fs/promises';

export interface OutgoingDeps {
  book: TransferBook;
  registry: OfferRegistry;
  server: FileServer;
  messages: MessagesRepo;
  /** Offers are messages: built by the pipeline, confirmed like any other. */
  sender: MessageSender;
  peer: (peerId: string) => PeerRecord | undefined;
  imagesDir: () => string;
  announcer: Pick<MessageAnnouncer, 'announce'>;
  now: () => number;
}

/** What the server has done for one offer. */
interface Sending {
  /** Bytes sent per fileID (offset included). */
  sent: Map<number, number>;
  complete: Set<number>;
  meter?: ProgressMeter;
  released: boolean;
}

export class OutgoingTransfers {
  private readonly sending = new Map<string, Sending>();
  /** What the offer's RECVMSG (or its absence) does. */
  private readonly outcome: DeliveryOutcome = {
    delivered: (messageId) => this.delivered(messageId),
    unconfirmed: (delivery) => this.unconfirmed(delivery),
  };

  constructor(private readonly deps: OutgoingDeps) {}

  /** Checks the paths, hashes, registers and sends the offer; the message goes to history. */
  async offer(
    conversationId: string,
    peer: PeerRecord,
    paths: readonly string[],
    image: boolean,
  ): Promise<TransferRecord> {
    if (image) {
      if (paths.length !== 1) {
        throw new ContractError('invalid-request', 'A picture is sent one at a time.');
      }
      await checkImageFile(paths[0] as string);
    }
    const items = await describeOffer(paths);
    if (image) {
      const first = items[0]!;
      try {
        await mkdir(this.deps.imagesDir(), { recursive: true, mode: PRIVATE_FOLDER_MODE });
        first.path = await keepImageCopy(first.path!, this.deps.imagesDir());
        // What is served is the copy: its hash and stamp are what the offer promises.
        Object.assign(first, await fingerprintFile(first.path));
      } catch (error) {
        throw new ContractError('failed', `The picture could not be kept: ${String(error)}`);
      }
    }
    const record: TransferRecord = {
      id: randomUUID(),
      conversationId,
      messageId: randomUUID(),
      peerId: peer.id,
      direction: 'out',
      packetNo: this.deps.sender.nextPacketNo(),
      items,
      state: 'offered',
      image,
      utf8: false,
      totalBytes: totalOf(items),
      bytesDone: 0,
      bytesPerSecond: 0,
      retryable: false,
      at: this.deps.now(),
    };
    const bytes = buildOfferPacket(record, peer, this.deps);
    const message: MessageDTO = {
      id: record.messageId,
      conversationId,
      direction: 'out',
      text: '',
      state: 'sending',
      at: record.at,
      transferId: record.id,
    };
    this.deps.messages.add(message, { peerId: peer.id, packetNo: record.packetNo });
    this.deps.book.add(record);
    this.deps.announcer.announce(message, true);
    this.transmit(record, peer, bytes);
    return record;
  }

  /** Offers a failed transfer again (new packet number, files hashed again). */
  async offerAgain(record: TransferRecord, peer: PeerRecord): Promise<void> {
    const items = await describeOffer(record.items.map((item) => item.path ?? ''));
    items.forEach((item, i) => (item.name = record.items[i]?.name ?? item.name));
    record.items = items;
    record.totalBytes = totalOf(items);
    record.bytesDone = 0;
    record.packetNo = this.deps.sender.nextPacketNo();
    record.state = 'offered';
    record.retryable = false;
    delete record.error;
    const bytes = buildOfferPacket(record, peer, this.deps);
    const message = this.deps.messages.get(record.messageId);
    if (message) {
      const sending: MessageDTO = { ...message, state: 'sending' };
      delete sending.error;
      this.deps.messages.update(sending, { packetNo: record.packetNo });
      this.deps.announcer.announce(sending, false);
    }
    this.deps.book.save(record);
    this.transmit(record, peer, bytes);
  }

  /** The peer confirmed the offer's message (RECVMSG). */
  private delivered(messageId: string): void {
    const message = this.deps.messages.get(messageId);
    if (message) this.settleMessage({ ...message, state: 'delivered' });
  }

  /** The peer is done with the offer, or declined it (RELEASEFILES). */
  released(record: TransferRecord, address: string): void {
    this.deps.registry.release(record.packetNo, address);
    const sending = this.sendingFor(record);
    sending.released = true;
    if (this.connectionsFor(record.packetNo) === 0) this.settleReleased(record, sending);
  }

  /** The user takes the offer back: nothing more is served, connections end. */
  cancel(record: TransferRecord): void {
    this.deps.registry.withdraw(record.packetNo);
    this.deps.server.cancel({ packetNo: record.packetNo });
    this.finish(record, 'cancelled');
  }

  onServerEvent(event: FileServerEvent): void {
    if (event.type === 'refused') return;
    const record = this.recordFor(event.transfer);
    if (!record) return;
    const sending = this.sendingFor(record);
    const { transfer } = event;
    if (event.type === 'start') {
      if (record.state === 'offered') {
        record.state = 'active';
        this.deps.book.save(record);
      }
      return;
    }
    sending.sent.set(transfer.fileId, transfer.offset + event.bytes);
    record.bytesDone = [...sending.sent.values()].reduce((a, b) => a + b, 0);
    if (event.type === 'progress') {
      this.meterFor(record, sending).update(record.bytesDone);
      return;
    }
    const item = record.items.find((i) => i.fileId === transfer.fileId);
    const whole =
      item && (item.kind === 'directory' || transfer.offset + event.bytes >= itemBytes(item));
    if (event.outcome === 'done' && whole) sending.complete.add(transfer.fileId);
    const others = this.connectionsFor(record.packetNo, transfer.id);
    if (allFetched(record, sending)) {
      this.deps.registry.withdraw(record.packetNo);
      this.finish(record, 'done');
    } else if (sending.released && others === 0) this.settleReleased(record, sending);
    else if (others === 0) {
      record.bytesPerSecond = 0;
      this.deps.book.progress(record);
    }
  }

  private transmit(record: TransferRecord, peer: PeerRecord, bytes: Buffer): void {
    this.deps.sender.track(
      { recipient: peer, packetNo: record.packetNo },
      record.messageId,
      bytes,
      this.outcome,
    );
  }

  private unconfirmed(delivery: PendingDelivery): void {
    const who = this.deps.peer(delivery.peerId)?.nickname ?? delivery.peerId;
    const error = `${who} did not confirm the offer: they may be offline, or a firewall blocks UDP port ${delivery.to.port}.`;
    const message = this.deps.messages.get(delivery.messageId);
    if (message) this.settleMessage({ ...message, state: 'failed', error });
    const record = this.deps.book.findLive(delivery.peerId, delivery.packetNo, 'out');
    if (record?.state !== 'offered') return;
    this.deps.registry.withdraw(record.packetNo);
    record.error = error;
    record.retryable = true;
    this.finish(record, 'failed');
  }

  private settleMessage(message: MessageDTO): void {
    if (message.state !== 'failed') delete message.error;
    this.deps.messages.update(message);
    this.deps.announcer.announce(message, false);
  }

  private settleReleased(record: TransferRecord, sending: Sending): void {
    if (allFetched(record, sending)) this.finish(record, 'done');
    else if (sending.sent.size === 0) this.finish(record, 'declined');
    else this.finish(record, 'cancelled');
  }

  private finish(record: TransferRecord, state: 'done' | 'cancelled' | 'declined' | 'failed') {
    const sending = this.sending.get(record.id);
    this.sending.delete(record.id);
    if (state === 'done') record.bytesDone = Math.max(record.totalBytes, record.bytesDone);
    else if (sending?.meter) record.bytesDone = sending.meter.snapshot().bytes;
    record.state = state;
    record.bytesPerSecond = 0;
    delete record.secondsLeft;
    this.deps.book.save(record);
  }

  private recordFor(transfer: ServedTransfer): TransferRecord | undefined {
    return this.deps.book
      .liveRecords()
      .find((r) => r.direction === 'out' && r.packetNo === transfer.packetNo);
  }

  private sendingFor(record: TransferRecord): Sending {
    let sending = this.sending.get(record.id);
    if (!sending) {
      sending = { sent: new Map(), complete: new Set(), released: false };
      this.sending.set(record.id, sending);
    }
    return sending;
  }

  private meterFor(record: TransferRecord, sending: Sending): ProgressMeter {
    sending.meter ??= this.deps.book.meter(record);
    return sending.meter;
  }

  private connectionsFor(packetNo: number, exceptId?: number): number {
    return this.deps.server.active().filter((t) => t.packetNo === packetNo && t.id !== exceptId)
      .length;
  }
}

/**
 * Every item with something to send has been sent whole. Empty files are never fetched
 * (a receiver has nothing to ask for), so they do not count; an offer of nothing but
 * empty files is complete when the peer releases it.
 */
function allFetched(record: TransferRecord, sending: Sending): boolean {
  return record.items.every(
    (item) => (item.kind === 'file' && item.size === 0) || sending.complete.has(item.fileId),
  );
}
