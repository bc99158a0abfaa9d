// Fingerprints people compare by reading digits aloud, after Signal's safety numbers:
// each signing key hashed (iterated SHA-512) into 30 digits, and the safety number the
// two fingerprints in key order, so both sides show the same 60 digits.
import { createHash } from 'node:crypto';

const VERSION = Buffer.from([0, 1]);
const ITERATIONS = 5200;
const GROUPS = 6;

/** 30 digits as 6 groups of 5 for one signing key. */
export function fingerprintGroups(signingKey: Buffer): string[] {
  let hash = Buffer.concat([VERSION, signingKey]);
  for (let i = 0; i < ITERATIONS; i++) {
    hash = createHash('sha512').update(hash).update(signingKey).digest();
  }
  const groups: string[] = [];
  // 5 bytes make a number below 2^40; mod 100000 gives 5 digits with negligible bias.
  for (let i = 0; i < GROUPS; i++) {
    const chunk = hash.readUIntBE(i * 5, 5);
    groups.push(String(chunk % 100_000).padStart(5, '0'));
  }
  return groups;
}

/** 12 groups of 5 digits, the same whichever side computes it. */
export function safetyNumberGroups(ownKey: Buffer, peerKey: Buffer): string[] {
  const [first, second] =
    Buffer.compare(ownKey, peerKey) <= 0 ? [ownKey, peerKey] : [peerKey, ownKey];
  return [...fingerprintGroups(first), ...fingerprintGroups(second)];
}
