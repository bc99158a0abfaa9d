// Two Pigeons for the sealing tests: fixed keys (golden vectors) or fresh ones, each with
// a PeerKeys that accepted the other's identity.
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { Mode, Opt } from '../../../../src-main/core/ipmsg/commands';
import type { Packet } from '../../../../src-main/core/ipmsg/packet';
import {
  generateIdentity,
  identityFromPrivate,
  type Identity,
} from '../../../../src-main/core/keys/identity';
import { MessageSeals } from '../../../../src-main/core/keys/message-seals';
import { SEALED_ONLY_MODES } from '../../../../src-main/core/sealed-modes';
import type { PeerKeys } from '../../../../src-main/core/keys/peer-keys';

const PKCS8 = {
  x25519: '302e020100300506032b656e04220420',
  ed25519: '302e020100300506032b657004220420',
};

/** A private key from a 32-byte seed of one repeated byte. */
export function seeded(kind: 'x25519' | 'ed25519', byte: number): KeyObject {
  const der = Buffer.concat([Buffer.from(PKCS8[kind], 'hex'), Buffer.alloc(32, byte)]);
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
}

export const ALICE = 'alice@abox';
export const BOB = 'bob@bbox';

export function message(text: string, packetNo = 1234, from = 'alice@abox'): Packet {
  const [user = '', host = ''] = from.split('@');
  const command = Mode.SENDMSG | Opt.SENDCHECKOPT;
  return {
    version: '1',
    packetNo,
    user,
    host,
    command,
    mode: Mode.SENDMSG,
    options: Opt.SENDCHECKOPT,
    extra: Buffer.from(`${text}\0`, 'utf8'),
  };
}

interface Pigeon {
  identity: Identity;
  pending: Set<string>;
  book: Map<string, Identity['publicKeys']>;
  seals: MessageSeals;
}

function pigeon(identity: Identity, now: () => number): Pigeon {
  const book = new Map<string, Identity['publicKeys']>();
  const pending = new Set<string>();
  const keys: PeerKeys = {
    own: () => identity,
    accepted: (id) => book.get(id),
    awaitsAcceptance: (id) => pending.has(id),
  };
  return { identity, book, pending, seals: new MessageSeals(keys, SEALED_ONLY_MODES, now) };
}

/** Alice and Bob, each knowing the other's identity and session (as from their entries). */
export function pair(now: () => number = () => 1_800_000_000_000) {
  const alice = pigeon(generateIdentity(), now);
  const bob = pigeon(generateIdentity(), now);
  alice.book.set(BOB, bob.identity.publicKeys);
  bob.book.set(ALICE, alice.identity.publicKeys);
  alice.seals.heardSession(BOB, bob.seals.ownSession().toString('base64url'));
  bob.seals.heardSession(ALICE, alice.seals.ownSession().toString('base64url'));
  return { alice, bob };
}

export const aliceFixed = () =>
  identityFromPrivate(seeded('ed25519', 0x55), seeded('x25519', 0x22));
export const bobFixed = () => identityFromPrivate(seeded('ed25519', 0x66), seeded('x25519', 0x44));
