import type { PeerClient, PeerDTO, PeerStatus } from '../../../src-shared/contract';
import type { PeerRecord } from '../store/records/peer-record';

export type { PeerRecord };

export interface PeerSighting {
  user: string;
  host: string;
  address: string;
  port: number;
  nickname?: string;
  group?: string;
  status?: Exclude<PeerStatus, 'offline'>;
  /** Undefined: the packet did not say (kept as it was); empty: the peer has none. */
  signature?: string;
  client?: PeerClient;
  version?: string;
  capabilities?: number;
  at: number;
}

export const peerIdOf = (user: string, host: string): string => `${user}@${host}`;

/**
 * The peers Pigeon has heard of, keyed by `user@host` so a peer keeps its identity
 * (and its conversation) when its address changes.
 */
export const MAX_PEERS = 2000;

export interface DirectoryLimits {
  /** Strangers kept at most (peers `keep` holds on to come on top). */
  maxPeers?: number;
  /** A peer never forgotten: one with a conversation. */
  keep?: (id: string) => boolean;
  /** Peers forgotten to make room, all at once (so their stored copies go in one write). */
  onEvict?: (peers: readonly PeerRecord[]) => void;
}

export class PeerDirectory {
  private readonly peers = new Map<string, PeerRecord>();
  private readonly byAddress = new Map<string, string>();
  private readonly maxPeers: number;
  private keptAtLastScan = 0;

  constructor(private readonly limits: DirectoryLimits = {}) {
    this.maxPeers = limits.maxPeers ?? MAX_PEERS;
  }

  get(id: string): PeerRecord | undefined {
    return this.peers.get(id);
  }

  findByAddress(address: string, port: number): PeerRecord | undefined {
    const id = this.byAddress.get(`${address}:${port}`);
    return id === undefined ? undefined : this.peers.get(id);
  }

  /** The ids of the peers last heard at `address`, on any port (a file request's source). */
  idsAt(address: string): string[] {
    const ids: string[] = [];
    for (const peer of this.peers.values()) if (peer.address === address) ids.push(peer.id);
    return ids;
  }

  all(): PeerRecord[] {
    return [...this.peers.values()];
  }

  /** Peers not shown offline: the hosts heard lately. */
  onlineCount(): number {
    let count = 0;
    for (const peer of this.peers.values()) if (peer.status !== 'offline') count += 1;
    return count;
  }

  /** Peers remembered from an earlier run: known, shown offline until heard from. */
  restore(records: Iterable<PeerRecord>): void {
    for (const record of records) {
      if (this.peers.has(record.id)) continue;
      // The unverified mark is not stored; an impostor's contact is known by its name.
      const unverified = isImpostorRecord(record) ? { unverified: true } : {};
      this.peers.set(record.id, { ...record, status: 'offline', ...unverified });
      this.byAddress.set(`${record.address}:${record.port}`, record.id);
    }
    // A store from before the cap (or a flood) may hold more: keep the freshest.
    this.trim(this.maxPeers);
  }

  /** Room for one more: at the cap, the longest-unseen tenth of the strangers goes. */
  private makeRoom(): void {
    // Kept peers do not count; a scan (one `keep` call per peer) only when it might be full.
    if (this.peers.size < this.maxPeers + this.keptAtLastScan) return;
    this.trim(this.maxPeers - Math.max(1, Math.ceil(this.maxPeers / 10)));
  }

  /** Forget the longest-unseen strangers (peers `keep` lets go) beyond `target`. */
  private trim(target: number): void {
    const strangers = [...this.peers.values()].filter((peer) => !this.limits.keep?.(peer.id));
    this.keptAtLastScan = this.peers.size - strangers.length;
    if (strangers.length <= target) return;
    strangers.sort((a, b) => a.lastSeen - b.lastSeen);
    const evicted = strangers.slice(0, strangers.length - Math.max(0, target));
    for (const peer of evicted) {
      this.peers.delete(peer.id);
      const key = `${peer.address}:${peer.port}`;
      if (this.byAddress.get(key) === peer.id) this.byAddress.delete(key);
    }
    this.limits.onEvict?.(evicted);
  }

  /** Record a sighting; returns the updated record and whether anything visible changed. */
  upsert(sighting: PeerSighting): { peer: PeerRecord; changed: boolean } {
    const id = peerIdOf(sighting.user, sighting.host);
    const before = this.peers.get(id);
    if (!before) this.makeRoom();
    const signature = sighting.signature ?? before?.signature;
    const peer: PeerRecord = {
      id,
      user: sighting.user,
      host: sighting.host,
      address: sighting.address,
      port: sighting.port,
      nickname: sighting.nickname || before?.nickname || sighting.user,
      group: sighting.group ?? before?.group ?? '',
      status: sighting.status ?? (before && before.status !== 'offline' ? before.status : 'online'),
      client: sighting.client ?? before?.client ?? 'unknown',
      version: sighting.version ?? before?.version ?? '',
      capabilities: sighting.capabilities ?? before?.capabilities ?? 0,
      lastSeen: sighting.at,
      ...(signature ? { signature } : {}),
      // Once found claiming another peer's name, always shown so.
      ...(before?.unverified ? { unverified: true } : {}),
    };
    if (before && (before.address !== peer.address || before.port !== peer.port)) {
      this.byAddress.delete(`${before.address}:${before.port}`);
    }
    this.byAddress.set(`${peer.address}:${peer.port}`, id);
    this.peers.set(id, peer);
    return { peer, changed: !before || visiblyDifferent(before, peer) };
  }

  /** A signature heard apart from an entry (iptux's 0xfc); true when it changed. */
  setSignature(id: string, signature: string): boolean {
    const peer = this.peers.get(id);
    if (!peer || (peer.signature ?? '') === signature) return false;
    if (signature) peer.signature = signature;
    else delete peer.signature;
    return true;
  }

  /** Note that a known peer is alive without changing anything else. */
  touch(id: string, at: number): PeerRecord | undefined {
    const peer = this.peers.get(id);
    if (!peer) return undefined;
    peer.lastSeen = at;
    return peer;
  }

  setOffline(id: string): PeerRecord | undefined {
    const peer = this.peers.get(id);
    if (!peer || peer.status === 'offline') return undefined;
    peer.status = 'offline';
    return peer;
  }

  /** Peers silent for longer than `maxSilenceMs`, now marked offline. */
  ageOut(now: number, maxSilenceMs: number): PeerRecord[] {
    const aged: PeerRecord[] = [];
    for (const peer of this.peers.values()) {
      if (peer.status !== 'offline' && now - peer.lastSeen > maxSilenceMs) {
        peer.status = 'offline';
        aged.push(peer);
      }
    }
    return aged;
  }
}

/** A contact kept apart as `user@host~address` (discovery/address-claims.ts), at that address. */
function isImpostorRecord(record: PeerRecord): boolean {
  return record.host.endsWith(`~${record.address}`);
}

function visiblyDifferent(a: PeerRecord, b: PeerRecord): boolean {
  return (
    a.nickname !== b.nickname ||
    a.group !== b.group ||
    a.status !== b.status ||
    a.signature !== b.signature ||
    a.address !== b.address ||
    a.port !== b.port ||
    a.client !== b.client ||
    a.version !== b.version
  );
}

/** The DTO that crosses to the windows (no internal fields). */
export function toPeerDTO(peer: PeerRecord): PeerDTO {
  const { capabilities: _capabilities, ...dto } = peer;
  return dto;
}
