// A Pigeon's long-term identity: an Ed25519 key that signs its entries and an X25519 key
// for agreeing session keys with other Pigeons. Only node:crypto primitives.
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { PublicKeys } from '../store/records/public-keys';

export type { PublicKeys };

export interface Identity {
  publicKeys: PublicKeys;
  signingKey: KeyObject;
  agreementKey: KeyObject;
}

// DER prefixes that wrap a raw 32-byte key as SubjectPublicKeyInfo (RFC 8410).
const ED25519_SPKI = Buffer.from('302a300506032b6570032100', 'hex');
const X25519_SPKI = Buffer.from('302a300506032b656e032100', 'hex');

const rawPublic = (key: KeyObject): Buffer =>
  Buffer.from(key.export({ format: 'der', type: 'spki' }).subarray(-32));

export function identityFromPrivate(signingKey: KeyObject, agreementKey: KeyObject): Identity {
  if (signingKey.asymmetricKeyType !== 'ed25519' || agreementKey.asymmetricKeyType !== 'x25519')
    throw new Error('An identity is an Ed25519 and an X25519 key.');
  return {
    signingKey,
    agreementKey,
    publicKeys: {
      signing: rawPublic(createPublicKey(signingKey)),
      agreement: rawPublic(createPublicKey(agreementKey)),
    },
  };
}

export function generateIdentity(): Identity {
  return identityFromPrivate(
    generateKeyPairSync('ed25519').privateKey,
    generateKeyPairSync('x25519').privateKey,
  );
}

/** PKCS#8 DER of both private keys, for the identity file. */
export function exportIdentity(identity: Identity): { signing: Buffer; agreement: Buffer } {
  const der = (key: KeyObject) => key.export({ format: 'der', type: 'pkcs8' });
  return { signing: der(identity.signingKey), agreement: der(identity.agreementKey) };
}

export function importIdentity(keys: { signing: Buffer; agreement: Buffer }): Identity {
  const key = (der: Buffer) => createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  return identityFromPrivate(key(keys.signing), key(keys.agreement));
}

export function signWith(identity: Identity, data: Buffer): Buffer {
  return sign(null, data, identity.signingKey);
}

/** False for a wrong signature and for anything that is not a 32-byte key. */
export function verifySigned(signingKey: Buffer, data: Buffer, signature: Buffer): boolean {
  if (signingKey.length !== 32 || signature.length !== 64) return false;
  try {
    const key = createPublicKey({
      key: Buffer.concat([ED25519_SPKI, signingKey]),
      format: 'der',
      type: 'spki',
    });
    return verify(null, data, key, signature);
  } catch {
    return false;
  }
}

/** A raw X25519 public key as a KeyObject (for the agreement in the next step). */
export function agreementPublicKey(raw: Buffer): KeyObject {
  return createPublicKey({ key: Buffer.concat([X25519_SPKI, raw]), format: 'der', type: 'spki' });
}
