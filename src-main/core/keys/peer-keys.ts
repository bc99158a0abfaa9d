import type { Identity, PublicKeys } from './identity';

/**
 * What the encryption steps need from the key book: this Pigeon's own identity and the
 * keys the user has accepted for a peer. A peer whose key changed keeps its old keys
 * here until the user accepts the new one, and `awaitsAcceptance` says so: nothing is
 * to be sent to it meanwhile.
 */
export interface PeerKeys {
  own(): Identity;
  /** The accepted keys of `peerId` (`user@host`), or undefined for a peer without keys. */
  accepted(peerId: string): PublicKeys | undefined;
  /** A different key was seen and the user has not accepted it yet. */
  awaitsAcceptance(peerId: string): boolean;
}
