// What Pigeon tells a chat about who is really on the other end.

/**
 * A warning in a peer's chat: someone at `address` claimed to be the peer while the
 * peer still answered at its own address (`impostor`), or the peer's old address went
 * silent and it now speaks from `address` (`address-changed`, from `previousAddress`).
 */
export interface TrustWarningDTO {
  peerId: string;
  kind: 'impostor' | 'address-changed';
  address: string;
  previousAddress?: string;
  /** The impostor's own contact (`user@host~address`), for `impostor`. */
  impostorId?: string;
  at: number;
}
