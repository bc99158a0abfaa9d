// Sealed transfers bound to identity keys: the requester signs the handshake transcript with
// its Ed25519 identity key, and the file server checks that signature against the key the
// user accepted for the peer at the connection's address. A peer without a key cannot be
// checked (the exchange stays encrypted, unauthenticated); a keyed peer's request that is
// unsigned, signed by another key, or comes while its new key awaits acceptance is refused.
import type { TransferKeyBinding } from './transfer-keys';
import { signWith, verifySigned } from '../../keys/identity';
import type { PeerKeys } from '../../keys/peer-keys';

export interface TransferBindingDeps {
  keys: PeerKeys;
  /** The ids of the peers last heard at `address` (any port): several Pigeons may share a host. */
  peersAt: (address: string) => readonly string[];
}

export function transferBinding(deps: TransferBindingDeps): TransferKeyBinding {
  const { keys } = deps;
  return {
    sign: (transcript) => signWith(keys.own(), transcript),
    verify: (peerAddress, transcript, signature) => {
      const keyed = deps.peersAt(peerAddress).filter((id) => keys.accepted(id) !== undefined);
      if (keyed.length === 0) return true;
      return keyed.some((id) => {
        const accepted = keys.accepted(id);
        return (
          accepted !== undefined &&
          !keys.awaitsAcceptance(id) &&
          verifySigned(accepted.signing, transcript, signature)
        );
      });
    },
  };
}
