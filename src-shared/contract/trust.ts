// What Pigeon tells a chat about who is really on the other end.

/**
 * A warning in a peer's chat: someone at `address` claimed to be the peer while the
 * peer still answered at its own address (`impostor`), or the peer's old address went
 * silent and it now speaks from `address` (`address-changed`, from `previousAddress`),
 * or the Pigeon at `address` announced a key other than the one accepted for it
 * (`key-changed`: nothing is sent to it until the user accepts the new key).
 */
export interface TrustWarningDTO {
  peerId: string;
  kind: 'impostor' | 'address-changed' | 'key-changed';
  address: string;
  previousAddress?: string;
  /** The impostor's own contact (`user@host~address`), for `impostor`. */
  impostorId?: string;
  at: number;
}

/**
 * What the Encryption dialog shows for a peer. `state`: `none` for a client without
 * Pigeon keys (not encrypted), `known` (trusted on first use), `verified` (the user
 * compared fingerprints), `changed` (a new key waits: nothing is sent until accepted).
 * Fingerprints are groups of 5 digits; the safety number is the same on both sides.
 */
export interface PeerKeysDTO {
  peerId: string;
  state: 'none' | 'known' | 'verified' | 'changed';
  ownFingerprint: string[];
  peerFingerprint?: string[];
  safetyNumber?: string[];
  /** Messages between us travel sealed (both Pigeons seal; keys/message-seals.ts). */
  messagesSealed?: boolean;
}
