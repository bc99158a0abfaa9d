// Who gets sealed packets and what is refused unsealed (format in message-seal.ts). A Pigeon
// that announces a session key (KE: in its entry) beside its accepted identity keys "seals":
// every unicast packet to it but the entries is sealed, and from it messages, receipts and
// presence count only sealed (sealed-modes.ts lists them). Session keys are made per run and
// replaced hourly, in memory only; each sealed packet carries a number that must grow, so a
// replayed or reordered one is refused (a retransmission is sealed anew, with a new number).
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { addBounded, rememberBounded } from '../bounded';
import { Mode, modeOf } from '../ipmsg/commands';
import type { Packet } from '../ipmsg/packet';
import type { PeerKeys } from './peer-keys';
import {
  directionKey,
  openBody,
  readEnvelope,
  sealExtra,
  type DirectionKeys,
} from './message-seal';

/** Entries stay clear: they carry the keys that sealing needs. */
const NEVER_SEALED = new Set<number>([Mode.BR_ENTRY, Mode.ANSENTRY]);

const SESSION_MS = 60 * 60_000;
/** How long the replaced session key still opens packets sealed to it (in flight, retried). */
const PREVIOUS_MS = 10 * 60_000;
/** Peers and sessions remembered; the oldest go first. */
const MAX_REMEMBERED = 4096;
const RAW_KEY = /^[\w-]{43}$/;

interface Session {
  privateKey: KeyObject;
  publicKey: Buffer;
  since: number;
}

export type OpenOutcome =
  | { kind: 'plain' | 'opened'; packet: Packet }
  /**
   * `unknownSession`: sealed to a session of ours that is gone (the peer should hear our
   * entry); `clear`: not sealed at all.
   */
  | { kind: 'refused'; reason: string; unknownSession?: boolean; clear?: boolean };

/** What to do with a packet to a peer: send it as built, send these bytes' extra, or hold it. */
export type SealOutcome = { kind: 'plain' } | { kind: 'sealed'; extra: Buffer } | { kind: 'held' };

function newSession(now: number): Session {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const raw = Buffer.from(publicKey.export({ format: 'der', type: 'spki' }).subarray(-32));
  return { privateKey, publicKey: raw, since: now };
}

export class MessageSeals {
  private session: Session;
  private previous?: Session;
  private seq = 0n;
  private readonly peerSessions = new Map<string, Buffer>();
  /** Peers that sealed or announced a session this run: their clear packets stay refused. */
  private readonly sealing = new Set<string>();
  private readonly highest = new Map<string, bigint>();
  /**
   * Each peer's last derived key per direction, with the public keys it was derived from:
   * two X25519 agreements per packet would cost more than the rest.
   */
  private readonly directionKeys = new Map<string, { parts: Buffer[]; key: Buffer }>();

  constructor(
    private readonly keys: PeerKeys,
    /** What a sealing Pigeon may not send clear (sealed-modes.ts). */
    private readonly sealedOnly: ReadonlySet<number>,
    private readonly now: () => number = Date.now,
  ) {
    this.session = newSession(now());
  }

  /** Our current session key (replaced hourly), for the entry's KE line. */
  ownSession(): Buffer {
    const now = this.now();
    if (now - this.session.since >= SESSION_MS) {
      this.previous = this.session;
      this.session = newSession(now);
      this.seq = 0n;
      // Keys of the replaced session go with it (forward secrecy); the previous one re-derives.
      this.directionKeys.clear();
    }
    return this.session.publicKey;
  }

  /** The entry line announcing our session key (other clients skip unknown keys). */
  sessionLine(): string {
    return `\nKE:${this.ownSession().toString('base64url')}`;
  }

  /** A keyed peer's entry (from its own address) said its session key. */
  heardSession(peerId: string, text: string | undefined): void {
    if (text === undefined || !RAW_KEY.test(text) || !this.keys.accepted(peerId)) return;
    rememberBounded(this.peerSessions, peerId, Buffer.from(text, 'base64url'), MAX_REMEMBERED);
    addBounded(this.sealing, peerId, MAX_REMEMBERED);
  }

  /** Whether packets to and from `peerId` are sealed. */
  seals(peerId: string): boolean {
    return this.sealing.has(peerId) && this.keys.accepted(peerId) !== undefined;
  }

  /** Seal a packet we are sending to `peerId`; `held` while its changed key waits for the user. */
  seal(packet: Packet, peerId: string): SealOutcome {
    const mode = modeOf(packet.command);
    const theirs = this.keys.accepted(peerId);
    const theirSession = this.peerSessions.get(peerId);
    if (!theirs || !theirSession || !this.seals(peerId) || NEVER_SEALED.has(mode))
      return { kind: 'plain' };
    if (this.keys.awaitsAcceptance(peerId)) return { kind: 'held' };
    const own = this.keys.own();
    const senderSession = this.ownSession();
    const direction: DirectionKeys = {
      senderSigning: own.publicKeys.signing,
      recipientSigning: theirs.signing,
      senderSession,
      recipientSession: theirSession,
    };
    try {
      const key = this.keyOf('out', peerId, theirs.agreement, direction, () =>
        directionKey(
          this.session.privateKey,
          theirSession,
          own.agreementKey,
          theirs.agreement,
          direction,
        ),
      );
      this.seq += 1n;
      const head = { senderSession, recipientSession: theirSession, seq: this.seq };
      return { kind: 'sealed', extra: sealExtra(key, packet, head, packet.extra) };
    } catch {
      // A peer's unusable key (low-order point): nothing goes to it rather than plain text.
      return { kind: 'held' };
    }
  }

  /** Open a packet from `peerId` (its header's user@host); refuses what a sealing peer sent clear. */
  open(packet: Packet, peerId: string): OpenOutcome {
    const envelope = readEnvelope(packet.extra);
    if (!envelope) {
      if (this.seals(peerId) && this.sealedOnly.has(modeOf(packet.command)))
        return { kind: 'refused', reason: 'clear packet from a sealing Pigeon', clear: true };
      return { kind: 'plain', packet };
    }
    const theirs = this.keys.accepted(peerId);
    if (!theirs || this.keys.awaitsAcceptance(peerId))
      return { kind: 'refused', reason: 'sealed by a peer without an accepted key' };
    const { head, body, headed } = envelope;
    this.ownSession();
    const mine = this.session.publicKey.equals(head.recipientSession)
      ? this.session
      : this.previous?.publicKey.equals(head.recipientSession) &&
          this.now() - this.session.since < PREVIOUS_MS
        ? this.previous
        : undefined;
    if (!mine) return { kind: 'refused', reason: 'sealed to an old session', unknownSession: true };
    const own = this.keys.own();
    let plain: Buffer | undefined;
    try {
      const direction: DirectionKeys = {
        senderSigning: theirs.signing,
        recipientSigning: own.publicKeys.signing,
        senderSession: head.senderSession,
        recipientSession: head.recipientSession,
      };
      const key = this.keyOf('in', peerId, theirs.agreement, direction, () =>
        directionKey(
          mine.privateKey,
          head.senderSession,
          own.agreementKey,
          theirs.agreement,
          direction,
        ),
      );
      plain = openBody(key, packet, head, body, headed);
    } catch {
      plain = undefined;
    }
    if (!plain) return { kind: 'refused', reason: 'not sealed by this peer, or altered' };
    const counter = `${peerId}/${head.senderSession.toString('latin1')}`;
    if (head.seq <= (this.highest.get(counter) ?? 0n))
      return { kind: 'refused', reason: 'replayed or out of order' };
    rememberBounded(this.highest, counter, head.seq, MAX_REMEMBERED);
    rememberBounded(this.peerSessions, peerId, head.senderSession, MAX_REMEMBERED);
    addBounded(this.sealing, peerId, MAX_REMEMBERED);
    return { kind: 'opened', packet: { ...packet, extra: plain } };
  }

  /**
   * A direction's key, derived once per pair of sessions and identities. Asked for every
   * packet, so the peer's last key is checked first by comparing its five public keys.
   */
  private keyOf(
    way: 'in' | 'out',
    peerId: string,
    theirAgreement: Buffer,
    direction: DirectionKeys,
    derive: () => Buffer,
  ): Buffer {
    const parts = [
      theirAgreement,
      direction.senderSigning,
      direction.recipientSigning,
      direction.senderSession,
      direction.recipientSession,
    ];
    const slot = `${way}:${peerId}`;
    const known = this.directionKeys.get(slot);
    if (known && known.parts.every((part, index) => part.equals(parts[index]!))) return known.key;
    const key = derive();
    rememberBounded(this.directionKeys, slot, { parts, key }, MAX_REMEMBERED);
    return key;
  }
}
