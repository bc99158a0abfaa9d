// The transfer service: the offers we make and receive, the TCP file server on the UDP
// port's number, and the UDP side of transfers (RELEASEFILES; the offer's RECVMSG is the sender's).
// The messenger constructs it, starts and stops it, and delegates its commands here.
import {
  ContractError,
  type PigeonEvent,
  type TransferDTO,
  type TransferImageDTO,
} from '../../../src-shared/contract';
import { peerIdOf, type PeerRecord } from '../discovery/peer-directory';
import { detectClient, hasOption, Mode, Opt, type LegacyEncoding, type Packet } from '../ipmsg';
import { ackExtra, parseAckExtra } from '../ipmsg/message';
import type { MessageAnnouncer } from '../message-announcer';
import type { MessageSender } from '../pipeline/message-sender';
import type { PigeonStore } from '../store';
import type { Endpoint } from '../net/endpoint';
import type { PacketSender } from '../net/packet-sender';
import type { RequesterIdentity } from './file-request';
import { FileServer } from './outgoing/file-server';
import type { IncomingOffer } from './incoming/incoming-offer';
import { canResume, IncomingTransfers } from './incoming/incoming-transfers';
import { PictureFetches, type PictureBudget } from './incoming/picture-fetches';
import { refuseOverCap } from './incoming/offer-cap';
import { removeUnresumablePartials } from './incoming/interrupted-partials';
import { OfferRegistry } from './outgoing/offer-registry';
import { OutgoingTransfers } from './outgoing/outgoing-transfers';
import type { TransferKeyBinding } from './sealing/transfer-keys';
import { TransferBook } from './transfer-book';
import { acceptsWithoutAsking, type ReceivePolicy } from './receive-policy';
import { transferImage, transferLocation } from './transfer-location';
import { isUnfinished, toTransferDTO, type TransferRecord } from '../store/records/transfer-record';

export const INTERRUPTED = 'Interrupted when Pigeon closed.';

export interface TransferServiceDeps {
  store: Pick<PigeonStore, 'transfers' | 'messages'>;
  /** Offers go out as messages through the pipeline's sender. */
  sender: MessageSender;
  /** RELEASEFILES goes straight on the wire. */
  packets: PacketSender;
  peer: (peerId: string) => PeerRecord | undefined;
  requester: RequesterIdentity;
  /** TCP port: the same number as the UDP port. */
  port: number;
  bindAddress: string;
  legacy: LegacyEncoding;
  downloadDir: () => string;
  imagesDir: () => string;
  emit: (event: PigeonEvent) => void;
  /** A message changed: announce it and its conversation. */
  announcer: Pick<MessageAnnouncer, 'announce'>;
  /** Whether offers may be taken without asking (the user's file-receive setting). */
  receivePolicy?: () => ReceivePolicy;
  /** How long an offer stays servable (default 24 h). */
  offerTtlMs?: number;
  /** How often expired offers are swept (default 60 s). */
  sweepIntervalMs?: number;
  /** Limits of pictures fetched unasked (PICTURE_BUDGET unless told). */
  pictureBudget?: Partial<PictureBudget>;
  /** The user's avatar for a Pigeon that asks for it by hash (avatars/avatars.ts). */
  avatar?: (hash: string) => Buffer | undefined;
  /** Identity keys: our sealed requests are signed, and keyed peers' must be (transfer/sealing/identity-binding.ts). */
  binding?: TransferKeyBinding;
  now?: () => number;
}

export class TransferService {
  readonly registry: OfferRegistry;
  readonly server: FileServer;
  private readonly book: TransferBook;
  private readonly outgoing: OutgoingTransfers;
  private readonly incoming: IncomingTransfers;
  private sweepTimer: NodeJS.Timeout | undefined;
  /** Why files cannot be offered now (the TCP port is taken), in plain words. */
  private serverProblem: string | undefined = 'Pigeon is not connected to the network.';

  constructor(private readonly deps: TransferServiceDeps) {
    const now = deps.now ?? Date.now;
    this.registry = new OfferRegistry({
      now,
      ...(deps.offerTtlMs ? { ttlMs: deps.offerTtlMs } : {}),
    });
    this.book = new TransferBook(deps.store.transfers, (transfer) =>
      deps.emit({ type: 'transfer', transfer }),
    );
    this.server = new FileServer({
      registry: this.registry,
      port: deps.port,
      bindAddress: deps.bindAddress,
      onEvent: (event) => this.outgoing.onServerEvent(event),
      avatar: deps.avatar,
      ...(deps.binding ? { binding: deps.binding } : {}),
    });
    this.outgoing = new OutgoingTransfers({
      ...deps,
      book: this.book,
      registry: this.registry,
      server: this.server,
      messages: deps.store.messages,
      now,
    });
    this.incoming = new IncomingTransfers({
      book: this.book,
      peer: deps.peer,
      requester: deps.requester,
      ...(deps.bindAddress !== '0.0.0.0' ? { localAddress: deps.bindAddress } : {}),
      legacy: deps.legacy,
      ...(deps.binding ? { binding: deps.binding } : {}),
      downloadDir: deps.downloadDir,
      imagesDir: deps.imagesDir,
      release: (record) => this.sendRelease(record),
      pictures: new PictureFetches({
        chattedWith: (conversationId) => this.chattedWith(conversationId),
        now,
        ...(deps.pictureBudget ? { budget: deps.pictureBudget } : {}),
      }),
    });
    // What a previous run left offered or moving cannot go on: its sockets and offers are gone.
    removeUnresumablePartials(
      deps.store.transfers.interruptUnfinished(INTERRUPTED),
      (record) => canResume(record, deps.peer(record.peerId)),
      (record) => deps.store.transfers.update(record),
    );
  }

  /** Opens the TCP port; if it is taken, chat goes on and a notice says why files cannot. */
  async start(): Promise<void> {
    try {
      await this.server.start();
      this.serverProblem = undefined;
    } catch (error) {
      this.serverProblem = error instanceof Error ? error.message : String(error);
      this.deps.emit({
        type: 'notice',
        level: 'warning',
        code: 'transfer-port-unavailable',
        message: this.serverProblem,
      });
    }
    this.sweepTimer = setInterval(() => {
      try {
        this.sweep();
      } catch {
        // Tried again at the next sweep.
      }
    }, this.deps.sweepIntervalMs ?? 60_000);
    this.sweepTimer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.sweepTimer);
    await this.incoming.stop();
    await this.server.close();
    this.serverProblem = 'Pigeon is not connected to the network.';
  }

  /**
   * RELEASEFILES: the peer is done with one of our offers, or (from another Pigeon)
   * withdraws one it made to us. The offer's RECVMSG is the message sender's.
   */
  released(packet: Packet, from: Endpoint): void {
    const packetNo = parseAckExtra(packet.extra);
    if (packetNo === undefined) return;
    const peerId = peerIdOf(packet.user, packet.host);
    const ours = this.book.findLive(peerId, packetNo, 'out');
    if (ours) {
      this.outgoing.released(ours, from.address);
      return;
    }
    if (this.book.find(peerId, packetNo, 'out')) return;
    // Another Pigeon withdrawing an offer it made to us (other clients never send this).
    const peer = this.deps.peer(peerId);
    const theirs = peer?.client === 'pigeon' ? this.book.find(peerId, packetNo, 'in') : undefined;
    if (theirs && peer) this.incoming.withdrawn(theirs, peer.nickname);
  }

  /** Receiving: the attachment list of a SENDMSG, as a transfer (not kept yet). */
  readOffer(offer: {
    attachments: Buffer;
    packet: Packet;
    peer: PeerRecord;
    legacy: LegacyEncoding;
  }): TransferRecord | undefined {
    const { packet, peer } = offer;
    const incoming: IncomingOffer = {
      conversationId: peer.id,
      messageId: '',
      peerId: peer.id,
      packetNo: packet.packetNo,
      attachments: offer.attachments,
      utf8: hasOption(packet.command, Opt.UTF8OPT),
      legacy: offer.legacy,
      fromPigeon: detectClient(packet.version) === 'pigeon',
      at: (this.deps.now ?? Date.now)(),
    };
    const record = this.incoming.read(incoming);
    if (record) refuseOverCap(record, this.book.openCount(peer.id, 'in'), peer.nickname);
    return record;
  }

  /** Receiving: the offer's message is new and about to be stored. */
  keepOffer(record: TransferRecord, messageId: string): void {
    this.incoming.keep(record, messageId);
    const policy = this.deps.receivePolicy?.();
    if (!policy || !acceptsWithoutAsking(record, policy, this.chattedWith(record.conversationId)))
      return;
    // After the message that carries it is stored and shown, as a picture is.
    setImmediate(() => {
      if (record.state !== 'offered') return;
      try {
        this.incoming.accept(record);
      } catch {
        // The sender vanished or the folder is refused: the offer waits for the user.
      }
    });
  }

  async offer(
    conversationId: string,
    peer: PeerRecord,
    paths: readonly string[],
    image: boolean,
  ): Promise<TransferDTO> {
    this.requireOnline(peer);
    return toTransferDTO(await this.outgoing.offer(conversationId, peer, paths, image));
  }

  list(conversationId: string): TransferDTO[] {
    return this.book.list(conversationId);
  }

  accept(transferId: string, directory?: string): TransferDTO {
    const record = this.require(transferId, 'in');
    this.incoming.accept(record, directory);
    return toTransferDTO(record);
  }

  decline(transferId: string): TransferDTO {
    const record = this.require(transferId, 'in');
    this.incoming.decline(record);
    return toTransferDTO(record);
  }

  cancel(transferId: string): TransferDTO {
    const record = this.require(transferId);
    if (record.direction === 'in') this.incoming.cancel(record);
    else if (isUnfinished(record.state) || record.state === 'failed') {
      this.outgoing.cancel(record);
      const peer = this.deps.peer(record.peerId);
      // Another Pigeon drops the offer (and any partial file) at once.
      if (peer?.client === 'pigeon') this.sendRelease(record);
    } else throw new ContractError('failed', 'This transfer has already ended.');
    return toTransferDTO(record);
  }

  retry(transferId: string): TransferDTO {
    const record = this.require(transferId);
    if (record.direction === 'in') {
      this.incoming.retry(record);
      return toTransferDTO(record);
    }
    if (record.state !== 'failed' || !record.retryable) {
      throw new ContractError('failed', 'Only a failed transfer can be tried again.');
    }
    const peer = this.deps.peer(record.peerId);
    if (!peer) throw new ContractError('failed', 'This contact is unknown.');
    this.requireOnline(peer);
    record.state = 'offered';
    void this.outgoing
      .offerAgain(record, peer)
      .catch((error: unknown) => {
        record.state = 'failed';
        record.retryable = true;
        record.error = error instanceof Error ? error.message : String(error);
        this.book.save(record);
      })
      .catch(() => undefined);
    return toTransferDTO(record);
  }

  /** The received item (or the folder holding several); for an offer we made, what we offered. */
  location(transferId: string): string {
    return transferLocation(this.require(transferId));
  }

  async image(transferId: string): Promise<TransferImageDTO> {
    return transferImage(this.require(transferId));
  }

  private sendRelease(record: TransferRecord): void {
    const peer = this.deps.peer(record.peerId);
    if (!peer) return;
    void this.deps.packets.send(Mode.RELEASEFILES, ackExtra(record.packetNo), peer);
  }

  /** Expired offers are forgotten; one nobody fetched fails and may be offered again. */
  private sweep(): void {
    this.registry.sweep();
    const live = new Set(this.registry.list().map((offer) => offer.packetNo));
    const serving = new Set(this.server.active().map((t) => t.packetNo));
    for (const record of this.book.liveRecords()) {
      if (record.direction !== 'out' || live.has(record.packetNo)) continue;
      if (serving.has(record.packetNo)) continue;
      record.state = 'failed';
      record.error = 'The offer expired before it was fetched.';
      record.retryable = true;
      record.bytesPerSecond = 0;
      this.book.save(record);
    }
  }

  /** A contact the user has written to: anyone else on the LAN can make up a name. */
  private chattedWith(conversationId: string): boolean {
    return this.deps.store.messages.hasSent(conversationId);
  }

  private requireOnline(peer: PeerRecord): void {
    if (this.serverProblem) {
      throw new ContractError('failed', `Files cannot be offered now: ${this.serverProblem}`);
    }
    if (peer.status === 'offline') {
      throw new ContractError(
        'failed',
        `${peer.nickname} is offline: files can be offered only while they are online.`,
      );
    }
  }

  private require(transferId: string, direction?: 'in' | 'out'): TransferRecord {
    const record = this.book.get(transferId);
    if (!record || (direction && record.direction !== direction)) {
      throw new ContractError('failed', 'No such transfer.');
    }
    return record;
  }
}
