// Avatars: the user's own picture (kept, announced, served to Pigeons that ask), the
// pictures other Pigeons name in their entries (fetched once, kept by hash) and iptux's
// icons (sent to us whole). A peer shows a picture only once its bytes are here and
// checked; until then, and for everyone else, the letters stay.
import { ContractError, type TransferImageDTO } from '../../../src-shared/contract';
import { rememberBounded } from '../bounded';
import { AVATAR_REQUEST_MODE, readIptuxIcon } from '../ipmsg/avatar';
import { encodePacket } from '../ipmsg/packet';
import type { Packet } from '../ipmsg/packet';
import type { Endpoint } from '../net/endpoint';
import type { PeerDirectory, PeerRecord } from '../discovery/peer-directory';
import { peerIdOf } from '../discovery/peer-directory';
import { RateLimiter } from '../net/rate-limiter';
import { AvatarCache } from './avatar-cache';
import { avatarHashOf, checkAvatarImage } from './avatar-image';
import { fetchAvatarBytes } from './avatar-fetch';
import { AvatarFetches, type AvatarFetchLimits } from './avatar-fetches';

export interface AvatarsDeps {
  /** Where pictures are kept; memory only when absent. */
  dir?: string;
  directory: PeerDirectory;
  /** Our identity on the request packet. */
  requester: { version: string; user: string; host: string; nextPacketNo: () => number };
  /** A peer's picture changed: tell the windows. */
  changed(peer: PeerRecord): void;
  limits?: Partial<AvatarFetchLimits>;
  fetchTimeoutMs?: number;
}

/** New iptux icons kept per peer, and from all peers together, in an hour. */
const ICONS_PER_HOUR = 6;
const ICONS_IN_ALL_PER_HOUR = 300;
/** Peers whose picture is remembered at most (the directory itself holds about 2,000). */
const MAX_NAMED = 4096;

export class Avatars {
  private readonly cache: AvatarCache;
  private readonly fetches: AvatarFetches;
  /** The picture each peer names (or sent), by peer id. */
  private readonly named = new Map<string, string>();
  /** iptux icons kept per peer and in all: each is written to disk, so a stream of new ones is bounded. */
  private readonly iptuxPerPeer = new RateLimiter(ICONS_PER_HOUR / 3600, ICONS_PER_HOUR, 4096);
  private readonly iptuxInAll = new RateLimiter(
    ICONS_IN_ALL_PER_HOUR / 3600,
    ICONS_IN_ALL_PER_HOUR,
    1,
  );

  constructor(private readonly deps: AvatarsDeps) {
    this.cache = new AvatarCache(deps.dir);
    this.fetches = new AvatarFetches({
      fetch: (from, hash) => this.fetch(from, hash),
      fetched: (peerId) => this.tell(peerId),
      limits: deps.limits,
    });
  }

  /** The user's own picture, as chosen in an earlier run. */
  own(): string | undefined {
    return this.cache.own();
  }

  /** Keep the user's new picture (or none); its hash. Refused pictures are a ContractError. */
  setOwn(bytes: Buffer | undefined): string | undefined {
    if (bytes === undefined) {
      this.cache.setOwn(undefined);
      return undefined;
    }
    const kept = this.cache.put(bytes);
    if ('refused' in kept) {
      throw new ContractError(
        'invalid-request',
        `This picture cannot be an avatar: ${kept.refused}.`,
      );
    }
    this.cache.setOwn(kept.hash);
    return kept.hash;
  }

  /** What the file server answers an avatar request with: our own picture only. */
  served(hash: string): Buffer | undefined {
    const own = this.cache.own();
    return own === hash ? this.cache.get(hash)?.bytes : undefined;
  }

  /** A picture for a window, by hash. */
  picture(hash: string): TransferImageDTO {
    const picture = this.cache.get(hash);
    if (!picture) throw new ContractError('failed', 'This avatar is not here.');
    return { mimeType: picture.mimeType, base64: picture.bytes.toString('base64') };
  }

  /** The peer's picture for its DTO, when its bytes are here. */
  of(peerId: string): { avatar?: string } {
    const hash = this.named.get(peerId);
    return hash !== undefined && this.cache.has(hash) ? { avatar: hash } : {};
  }

  /** A remembered contact's picture from an earlier run: shown while it is offline. */
  restore(peerId: string, hash: string): void {
    if (this.cache.has(hash)) this.name(peerId, hash);
  }

  /** A Pigeon's entry named a picture (or, with undefined, none). */
  peerNamed(peer: PeerRecord, hash: string | undefined): void {
    const before = this.named.get(peer.id);
    if (hash === undefined) {
      this.named.delete(peer.id);
      this.fetches.forget(peer.id);
      if (before !== undefined) this.deps.changed(peer);
      return;
    }
    this.name(peer.id, hash);
    if (this.cache.has(hash)) {
      this.fetches.forget(peer.id);
      if (before !== hash) this.deps.changed(peer);
      return;
    }
    this.fetches.want(peer.id, { address: peer.address, port: peer.port }, hash);
  }

  /** iptux's IPTUX_SENDICON: its icon, whole, from a peer we know. */
  iptuxIcon(packet: Packet, from: Endpoint): void {
    const peer =
      this.deps.directory.get(peerIdOf(packet.user, packet.host)) ??
      this.deps.directory.findByAddress(from.address, from.port);
    const bytes = readIptuxIcon(packet.extra);
    if (!peer || !bytes) return;
    // iptux sends its icon again on every entry: the same picture costs nothing.
    const before = this.named.get(peer.id);
    if (before !== undefined && this.cache.get(before)?.bytes.equals(bytes)) return;
    if (!checkAvatarImage(bytes).ok) return;
    if (!this.iptuxPerPeer.allow(peer.id) || !this.iptuxInAll.allow('all')) return;
    const kept = this.cache.put(bytes);
    if ('refused' in kept) return;
    this.name(peer.id, kept.hash);
    if (before !== kept.hash) this.deps.changed(peer);
  }

  private name(peerId: string, hash: string): void {
    rememberBounded(this.named, peerId, hash, MAX_NAMED);
  }

  private async fetch(from: Endpoint, hash: string): Promise<boolean> {
    const { requester } = this.deps;
    const request = encodePacket({
      version: requester.version,
      packetNo: requester.nextPacketNo(),
      user: requester.user,
      host: requester.host,
      command: AVATAR_REQUEST_MODE,
      extra: `${hash}\0`,
    });
    const bytes = await fetchAvatarBytes(from, request, { timeoutMs: this.deps.fetchTimeoutMs });
    // Only the picture named is kept: anything else is not what we asked for.
    if (!bytes || avatarHashOf(bytes) !== hash) return false;
    return 'hash' in this.cache.put(bytes);
  }

  private tell(peerId: string): void {
    const peer = this.deps.directory.get(peerId);
    if (peer && this.named.get(peerId) !== undefined) this.deps.changed(peer);
  }
}
