// Trust on first use: the first signed key a Pigeon announces is remembered; a different
// one later waits for the user, loudly. With a key known, the key (not the old address)
// decides who may move the contact: a fresh entry signed by it moves it at once, an
// unsigned or wrongly signed claim is an impostor's.
import { rememberBounded } from '../bounded';
import { Mode, modeOf } from '../ipmsg/commands';
import { parseEntryExtra } from '../ipmsg/entry';
import type { Packet } from '../ipmsg/packet';
import type { PeerKeysRepo, StoredPeerKeys } from '../store/peer-keys-repo';
import type { Identity, PublicKeys } from './identity';
import type { PeerKeys } from './peer-keys';
import { readEntrySignature, type EntrySignature } from './signed-entry';

const ENTRIES = new Set<number>([Mode.BR_ENTRY, Mode.ANSENTRY, Mode.BR_ABSENCE]);
/** How far an entry's time may be from ours and still move a contact (clocks drift). */
export const ENTRY_FRESH_MS = 60 * 60_000;
/** How old a clear, signed goodbye from a sealing Pigeon may be. */
const EXIT_FRESH_MS = 2 * 60_000;
/** Peers whose newest entry time is remembered; past it the least recently stamped is forgotten. */
const MAX_STAMPS = 4096;

/**
 * What a claim from a new address is, for a peer with known keys: `moves` (signed, fresh),
 * `impostor` (unsigned, forged, replayed), `prove` (ask the claimant to sign), or `ask`
 * (no keys known: ask the old address, as for any client).
 */
export type ClaimVerdict = 'moves' | 'impostor' | 'prove' | 'ask';

export interface KeyBookDeps {
  repo: PeerKeysRepo;
  identity: Identity;
  /** A peer's key changed and waits for the user. */
  keyChanged: (peerId: string) => void;
  now?: () => number;
}

const sameKeys = (a: PublicKeys, b: PublicKeys): boolean =>
  a.signing.equals(b.signing) && a.agreement.equals(b.agreement);

export class KeyBook implements PeerKeys {
  /** The newest entry time accepted per peer: an entry not newer is a replay. */
  private readonly newest = new Map<string, number>();
  /** Times of clear packets from sealing Pigeons, kept apart so that moves are judged as before. */
  private readonly usedInClear = new Map<string, number>();
  private readonly now: () => number;

  constructor(private readonly deps: KeyBookDeps) {
    this.now = deps.now ?? Date.now;
  }

  own(): Identity {
    return this.deps.identity;
  }

  accepted(peerId: string): PublicKeys | undefined {
    return this.deps.repo.get(peerId)?.keys;
  }

  awaitsAcceptance(peerId: string): boolean {
    return this.deps.repo.get(peerId)?.pending !== undefined;
  }

  stored(peerId: string): StoredPeerKeys | undefined {
    return this.deps.repo.get(peerId);
  }

  /** The signature an entry packet carries (`none` for any other packet). */
  signatureOf(packet: Packet): EntrySignature {
    if (!ENTRIES.has(modeOf(packet.command))) return { kind: 'none' };
    const entry = parseEntryExtra(packet.extra, packet.command, 'gb18030');
    return readEntrySignature(entry.keys, packet);
  }

  /** A packet naming `peerId` from an address it was not last heard at. */
  vouch(packet: Packet, peerId: string): ClaimVerdict {
    const stored = this.deps.repo.get(peerId);
    if (!stored) return 'ask';
    if (!ENTRIES.has(modeOf(packet.command))) return 'prove';
    const signature = this.signatureOf(packet);
    if (signature.kind !== 'signed' || !sameKeys(signature.keys, stored.keys)) return 'impostor';
    const newest = this.newest.get(peerId);
    if (newest !== undefined && signature.timestamp <= newest) return 'impostor';
    if (Math.abs(this.now() - signature.timestamp) > ENTRY_FRESH_MS) return 'prove';
    this.remember(peerId, signature.timestamp);
    return 'moves';
  }

  /** An entry from the peer's own address: first key remembered, a different one held. */
  noteEntry(packet: Packet, peerId: string): void {
    const signature = this.signatureOf(packet);
    if (signature.kind !== 'signed') return;
    const stored = this.deps.repo.get(peerId);
    if (!stored) {
      this.deps.repo.put({ peerId, keys: signature.keys, firstSeen: this.now(), verified: false });
    } else if (sameKeys(stored.keys, signature.keys)) {
      if (stored.pending) this.deps.repo.put({ ...stored, pending: undefined });
    } else if (!stored.pending || !sameKeys(stored.pending, signature.keys)) {
      this.deps.repo.put({ ...stored, pending: signature.keys });
      this.deps.keyChanged(peerId);
    } else {
      return;
    }
    this.remember(peerId, signature.timestamp);
  }

  /**
   * Whether an entry-like packet (BR_EXIT too) is signed by the peer's accepted key with a
   * time never seen before and close to ours; the time is used up either way, so the same
   * lines cannot count twice. For a goodbye sent before the peer knew our session key.
   */
  freshlySigned(packet: Packet, peerId: string): boolean {
    const stored = this.deps.repo.get(peerId);
    const lines = parseEntryExtra(packet.extra, packet.command, 'gb18030').keys;
    const signature = readEntrySignature(lines, packet);
    if (!stored || signature.kind !== 'signed' || !sameKeys(signature.keys, stored.keys))
      return false;
    const seen = Math.max(this.newest.get(peerId) ?? 0, this.usedInClear.get(peerId) ?? 0);
    if (signature.timestamp <= seen) return false;
    rememberBounded(this.usedInClear, peerId, signature.timestamp, MAX_STAMPS);
    return Math.abs(this.now() - signature.timestamp) <= EXIT_FRESH_MS && !stored.pending;
  }

  /** The user accepted the key that changed: it replaces the old one, unverified. */
  acceptNewKey(peerId: string): boolean {
    const stored = this.deps.repo.get(peerId);
    if (!stored?.pending) return false;
    this.deps.repo.put({ peerId, keys: stored.pending, firstSeen: this.now(), verified: false });
    this.newest.delete(peerId);
    return true;
  }

  setVerified(peerId: string, verified: boolean): boolean {
    const stored = this.deps.repo.get(peerId);
    if (!stored) return false;
    this.deps.repo.put({ ...stored, verified });
    return true;
  }

  private remember(peerId: string, timestamp: number): void {
    const newest = Math.max(timestamp, this.newest.get(peerId) ?? 0);
    rememberBounded(this.newest, peerId, newest, MAX_STAMPS);
  }
}
