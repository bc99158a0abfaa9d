// What Pigeon has offered, to whom. The file server answers a request only when this says
// the requester's address was offered that file in that message; offers end when the peer
// releases them (RELEASEFILES), when the user withdraws them, or when they expire.
import { randomInt } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { FileAttr, type Attachment, type WireNameOptions } from '../../ipmsg';
import { newTransferKeyPair, type TransferKeyPair } from '../sealing/transfer-keys';

export type OfferedKind = 'file' | 'directory';

/** A local file or folder to offer. */
export interface OfferedItem {
  /** Absolute path on this computer; never sent. */
  path: string;
  /** The name the peer sees. */
  name: string;
  kind: OfferedKind;
  /** Bytes for a file; 0 for a folder (as IP Messenger sends). */
  size: number;
  /** Seconds since the epoch. */
  mtime: number;
  /** A file's stamp when it was hashed for the offer (file-stamp.ts); served sealed only as it. */
  stamp?: string;
}

export interface OfferedFile extends OfferedItem {
  fileId: number;
  /** A sealed offer (to a Pigeon): this item's ephemeral key; it is served sealed only. */
  transferKey?: TransferKeyPair;
}

export interface Offer {
  packetNo: number;
  peerAddress: string;
  files: readonly OfferedFile[];
  /** How names inside folders are written toward this peer. */
  names: WireNameOptions;
  offeredAt: number;
  expiresAt: number;
}

export interface OfferLookup {
  offer: Offer;
  file: OfferedFile;
}

export interface OfferRegistryOptions {
  /** How long an unreleased offer stays servable (default 24 h). */
  ttlMs?: number;
  /** Injectable clock (ms). */
  now?: () => number;
  /** First fileID of an offer of `count` items; random by default, as IP Messenger does. */
  firstFileId?: (count: number) => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const FILE_ID_SPACE = 0x3fffffff;
const DEFAULT_NAMES: WireNameOptions = { encoding: 'utf8', escapeColons: true };

/** `::ffff:10.0.0.2` (an IPv4 peer on a dual-stack socket) is `10.0.0.2`. */
export function normalizeAddress(address: string): string {
  const lower = address.trim().toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}

const keyOf = (packetNo: number, address: string): string =>
  `${packetNo}@${normalizeAddress(address)}`;

export class OfferRegistry {
  private readonly offers = new Map<string, Offer>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly firstFileId: (count: number) => number;

  constructor(options: OfferRegistryOptions = {}) {
    this.ttlMs = options.ttlMs ?? DAY_MS;
    this.now = options.now ?? Date.now;
    this.firstFileId = options.firstFileId ?? ((count) => randomInt(0, FILE_ID_SPACE - count));
  }

  /**
   * Records that `items` were offered to `peerAddress` in message `packetNo`; fileIDs are
   * assigned here (consecutive from a random base). Offering the same message to several
   * peers is several calls; repeating a (packetNo, peer) pair replaces that offer.
   */
  offer(
    packetNo: number,
    peerAddress: string,
    items: readonly OfferedItem[],
    opts: { names?: WireNameOptions; ttlMs?: number; sealed?: boolean } = {},
  ): Offer {
    if (!Number.isInteger(packetNo) || packetNo < 0 || packetNo > 0xffffffff) {
      throw new RangeError(`packetNo must be a uint32, got ${packetNo}`);
    }
    if (items.length === 0) throw new RangeError('an offer needs at least one item');
    const base = this.firstFileId(items.length);
    const offeredAt = this.now();
    const offer: Offer = {
      packetNo,
      peerAddress: normalizeAddress(peerAddress),
      files: items.map((item, i) => ({
        ...item,
        path: resolve(item.path),
        fileId: base + i,
        // A key per item and per offer: it lives in memory with the offer, never on disk.
        ...(opts.sealed ? { transferKey: newTransferKeyPair() } : {}),
      })),
      names: opts.names ?? DEFAULT_NAMES,
      offeredAt,
      expiresAt: offeredAt + (opts.ttlMs ?? this.ttlMs),
    };
    this.offers.set(keyOf(packetNo, peerAddress), offer);
    return offer;
  }

  /** The offered file, only if this exact peer was offered it and the offer is live. */
  lookup(packetNo: number, fileId: number, requesterAddress: string): OfferLookup | undefined {
    const key = keyOf(packetNo, requesterAddress);
    const offer = this.offers.get(key);
    if (!offer) return undefined;
    if (offer.expiresAt <= this.now()) {
      this.offers.delete(key);
      return undefined;
    }
    const file = offer.files.find((f) => f.fileId === fileId);
    return file ? { offer, file } : undefined;
  }

  /** The peer is done with (or declined) the offer: RELEASEFILES. */
  release(packetNo: number, peerAddress: string): boolean {
    return this.offers.delete(keyOf(packetNo, peerAddress));
  }

  /** The user takes an offer back from every peer it went to; returns how many ended. */
  withdraw(packetNo: number): number {
    let count = 0;
    for (const [key, offer] of this.offers) {
      if (offer.packetNo === packetNo) {
        this.offers.delete(key);
        count++;
      }
    }
    return count;
  }

  /** Forgets expired offers (lookup also does, lazily); returns how many. */
  sweep(): number {
    const now = this.now();
    let count = 0;
    for (const [key, offer] of this.offers) {
      if (offer.expiresAt <= now) {
        this.offers.delete(key);
        count++;
      }
    }
    return count;
  }

  /** Live offers (expired ones are swept first). */
  list(): Offer[] {
    this.sweep();
    return [...this.offers.values()];
  }

  get size(): number {
    return this.offers.size;
  }
}

/** Describes a local file or folder for an offer (follows a link the user picked). */
export async function describeForOffer(path: string, name?: string): Promise<OfferedItem> {
  const absolute = resolve(path);
  const info = await stat(absolute);
  if (!info.isFile() && !info.isDirectory()) {
    throw new Error(`${absolute} is neither a file nor a folder`);
  }
  const kind: OfferedKind = info.isDirectory() ? 'directory' : 'file';
  return {
    path: absolute,
    name: name ?? (basename(absolute) || 'folder'),
    kind,
    size: kind === 'file' ? info.size : 0,
    mtime: Math.max(0, Math.floor(info.mtimeMs / 1000)),
  };
}

/** The offer as an attachment list to encode into the SENDMSG. */
export function toAttachments(offer: Offer): Attachment[] {
  return offer.files.map((f) => ({
    fileId: f.fileId,
    name: f.name,
    size: f.size,
    mtime: f.mtime,
    attr: f.kind === 'directory' ? FileAttr.DIR : FileAttr.REGULAR,
  }));
}
