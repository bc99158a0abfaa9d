/** Raw public keys, 32 bytes each, as they travel in entries and live in the key book. */
export interface PublicKeys {
  /** Ed25519: signs the peer's entries. */
  signing: Buffer;
  /** X25519: agrees session keys with the peer. */
  agreement: Buffer;
}
