import type { PeerKeysDTO } from '../../../src-shared/contract';
import type { KeyBook } from './key-book';
import { fingerprintGroups, safetyNumberGroups } from './safety-number';

/** A peer's keys as the Encryption dialog shows them. */
export function describePeerKeys(book: KeyBook, peerId: string, sealed = false): PeerKeysDTO {
  const own = book.own().publicKeys.signing;
  const ownFingerprint = fingerprintGroups(own);
  const stored = book.stored(peerId);
  if (!stored) return { peerId, state: 'none', ownFingerprint };
  // While a new key waits, the digits shown are the new key's: those are what to compare.
  const peerKey = stored.pending?.signing ?? stored.keys.signing;
  const state = stored.pending ? 'changed' : stored.verified ? 'verified' : 'known';
  return {
    peerId,
    state,
    ownFingerprint,
    peerFingerprint: fingerprintGroups(peerKey),
    safetyNumber: safetyNumberGroups(own, peerKey),
    ...(sealed ? { messagesSealed: true } : {}),
  };
}
