// IP Messenger's encryption as a service: our key pair, the keys peers answered with, the
// GETPUBKEY a message waits on, and opening what arrives encrypted. Pigeon peers are left
// on their own path (their end-to-end scheme is another step); every other client that
// offers ENCRYPTOPT and answers with an RSA-2048 key gets AES-256 messages.
import type { KeyObject } from 'node:crypto';
import { rememberBounded } from '../bounded';
import { peerIdOf, type PeerDirectory, type PeerRecord } from '../discovery/peer-directory';
import { hasOption, Mode, Opt } from '../ipmsg/commands';
import type { Packet } from '../ipmsg/packet';
import type { PacketSender } from '../net/packet-sender';
import type { Endpoint } from '../net/endpoint';
import { agreedCaps, PIGEON_CAPS } from './capabilities';
import { loadIpmsgKeyPair, type IpmsgKeyPair } from './key-pair';
import { decryptMessageBody, type DecryptResult } from './message-cipher';
import {
  buildKeyAnswer,
  buildKeyRequest,
  keyMatchesUserName,
  parseKeyAnswer,
  parseKeyRequest,
  type PeerPublicKey,
} from './public-key';

/** Keys remembered at most (a flood of made-up names must not grow this without bound). */
const MAX_KEYS = 1024;
/** A peer that did not answer GETPUBKEY is not asked again for this long. */
const SILENCE_MS = 10 * 60_000;

/** What the outgoing pipeline needs to encrypt one message. */
export interface RecipientCipher {
  caps: number;
  recipientKey: KeyObject;
  signingKey: KeyObject;
}

export interface IpmsgKeysDeps {
  packets: PacketSender;
  directory: PeerDirectory;
  /** A peer's key became known: its chat now says it is encrypted. */
  onKey: (peer: PeerRecord) => void;
  /** How long a message waits for the recipient's key before it goes unencrypted. */
  waitMs: number;
  now?: () => number;
}

interface KeyFetch {
  done: Promise<void>;
  finish: () => void;
}

export class IpmsgKeys {
  private own: IpmsgKeyPair | undefined;
  private readonly keys = new Map<string, PeerPublicKey>();
  private readonly silentUntil = new Map<string, number>();
  private readonly fetches = new Map<string, KeyFetch>();
  private readonly now: () => number;

  constructor(private readonly deps: IpmsgKeysDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Our key pair, from `folder` (see key-pair.ts); until then nothing is encrypted. */
  async start(folder: string | undefined): Promise<void> {
    this.own ??= await loadIpmsgKeyPair(folder);
  }

  stop(): void {
    for (const fetch of this.fetches.values()) fetch.finish();
  }

  /** Whether our entries may carry ENCRYPTOPT: only once we can decrypt. */
  get ready(): boolean {
    return this.own !== undefined;
  }

  /** A client other than Pigeon whose entry offers IP Messenger's encryption. */
  offersEncryption(peer: PeerRecord): boolean {
    return (
      this.own !== undefined &&
      peer.client !== 'pigeon' &&
      hasOption(peer.capabilities, Opt.ENCRYPTOPT)
    );
  }

  /** How to encrypt to this peer now, or undefined (no key, or no scheme in common). */
  cipherFor(peer: PeerRecord): RecipientCipher | undefined {
    if (!this.own || !this.offersEncryption(peer)) return undefined;
    const key = this.keys.get(peer.id);
    const caps = key ? agreedCaps(key.caps) : undefined;
    if (!key || caps === undefined) return undefined;
    return { caps, recipientKey: key.key, signingKey: this.own.privateKey };
  }

  /** Whether messages to this peer are encrypted (for its chat header). */
  encrypts(peer: PeerRecord): boolean {
    return this.cipherFor(peer) !== undefined;
  }

  /**
   * Settles once the peer's key is known, or at once when it needs none, or after
   * `waitMs` without an answer (then the message goes as plain text, as IP Messenger's
   * own fallback does, and the peer is not asked again for a while).
   */
  whenReady(peer: PeerRecord): Promise<void> {
    if (!this.offersEncryption(peer) || this.keys.has(peer.id)) return Promise.resolve();
    if ((this.silentUntil.get(peer.id) ?? 0) > this.now()) return Promise.resolve();
    const running = this.fetches.get(peer.id);
    if (running) return running.done;
    let finish = (): void => undefined;
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    // Asked twice, half the wait apart: one lost datagram must not cost the encryption.
    const again = setTimeout(() => this.askKey(peer), this.deps.waitMs / 2);
    const timer = setTimeout(() => {
      this.silentUntil.set(peer.id, this.now() + SILENCE_MS);
      pending.finish();
    }, this.deps.waitMs);
    again.unref();
    timer.unref();
    const pending: KeyFetch = {
      done,
      finish: () => {
        clearTimeout(again);
        clearTimeout(timer);
        this.fetches.delete(peer.id);
        finish();
      },
    };
    this.fetches.set(peer.id, pending);
    this.askKey(peer);
    return done;
  }

  /** GETPUBKEY: our key, to anyone whose capabilities share a scheme with ours. */
  keyRequested(packet: Packet, from: Endpoint): void {
    if (!this.own) return;
    const caps = parseKeyRequest(packet.extra);
    if (caps === undefined || agreedCaps(caps) === undefined) return;
    const answer = buildKeyAnswer(PIGEON_CAPS, this.own.publicKey);
    void this.deps.packets.send(Mode.ANSPUBKEY, answer, from);
  }

  /**
   * ANSPUBKEY: kept for a known peer that answers from its own address, unless its user
   * name carries a fingerprint this key does not match.
   */
  keyAnswered(packet: Packet, from: Endpoint): void {
    const id = peerIdOf(packet.user, packet.host);
    const peer = this.deps.directory.get(id);
    if (!peer || peer.address !== from.address || peer.port !== from.port) return;
    const key = parseKeyAnswer(packet.extra);
    if (!key || !keyMatchesUserName(packet.user, key)) {
      this.fetches.get(id)?.finish();
      return;
    }
    const known = this.keys.get(id);
    rememberBounded(this.keys, id, key, MAX_KEYS);
    this.silentUntil.delete(id);
    this.fetches.get(id)?.finish();
    if (!known) this.deps.onKey(peer);
  }

  /** Opens an encrypted SENDMSG's body (the extra up to its first NUL). */
  open(packet: Packet, body: Buffer): DecryptResult {
    if (!this.own) return { ok: false, reason: 'no key of ours yet' };
    const sender = this.keys.get(peerIdOf(packet.user, packet.host));
    const result = decryptMessageBody({
      body,
      packetNo: packet.packetNo,
      privateKey: this.own.privateKey,
      ...(sender ? { senderKey: sender.key } : {}),
    });
    // A signature we could not check: ask for the key, so the next one is checked.
    if (result.ok && result.signature === 'unchecked') {
      const peer = this.deps.directory.get(peerIdOf(packet.user, packet.host));
      if (peer && this.offersEncryption(peer)) void this.whenReady(peer);
    }
    return result;
  }

  private askKey(peer: PeerRecord): void {
    void this.deps.packets.send(Mode.GETPUBKEY, buildKeyRequest(PIGEON_CAPS), peer);
  }
}
