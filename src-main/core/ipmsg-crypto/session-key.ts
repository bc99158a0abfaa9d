// The AES session key travels wrapped by the recipient's RSA key, PKCS#1 v1.5, as IP
// Messenger writes it. Node refuses PKCS#1 v1.5 private decryption (Marvin, CVE-2023-46809),
// so the raw RSA result is unpadded here with implicit rejection: a malformed block yields
// a key derived from the ciphertext instead of an error, and the message then fails to
// decrypt exactly like any other, so a sender learns nothing about the padding.
import {
  constants,
  createHmac,
  createHash,
  privateDecrypt,
  publicEncrypt,
  type KeyObject,
} from 'node:crypto';
import { MODULUS_BYTES } from './public-key';

export const SESSION_KEY_BYTES = 32;

/** The session key wrapped for the holder of `recipient`. */
export function wrapSessionKey(sessionKey: Buffer, recipient: KeyObject): Buffer {
  return publicEncrypt({ key: recipient, padding: constants.RSA_PKCS1_PADDING }, sessionKey);
}

/** Per private key: the secret the stand-in keys of rejected blocks are derived from. */
const rejectionSecrets = new WeakMap<KeyObject, Buffer>();

function rejectionSecret(privateKey: KeyObject): Buffer {
  let secret = rejectionSecrets.get(privateKey);
  if (!secret) {
    const der = privateKey.export({ format: 'der', type: 'pkcs8' });
    secret = createHash('sha256').update('pigeon ipmsg implicit rejection').update(der).digest();
    rejectionSecrets.set(privateKey, secret);
  }
  return secret;
}

/**
 * The 32-byte key inside a PKCS#1 v1.5 type-2 block (`00 02 PS≥8 00 key`), checked without
 * branching on the secret bytes; `undefined` only for a wrapped key of the wrong length.
 */
export function unwrapSessionKey(wrapped: Buffer, privateKey: KeyObject): Buffer | undefined {
  if (wrapped.length !== MODULUS_BYTES) return undefined;
  const standIn = createHmac('sha256', rejectionSecret(privateKey)).update(wrapped).digest();
  let block: Buffer;
  try {
    block = privateDecrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, wrapped);
  } catch {
    // The number is not below the modulus: no RSA ciphertext of ours.
    return standIn;
  }
  const keyStart = MODULUS_BYTES - SESSION_KEY_BYTES;
  // Valid: 00 02, then nonzero padding up to the separator right before the key.
  let bad = block[0] ?? 1;
  bad |= (block[1] ?? 0) ^ 2;
  for (let i = 2; i < keyStart - 1; i += 1) bad |= ((block[i] ?? 0) - 1) >>> 31;
  bad |= block[keyStart - 1] ?? 1;
  const key = block.subarray(keyStart);
  const chosen = Buffer.alloc(SESSION_KEY_BYTES);
  const mask = -(bad === 0 ? 1 : 0) & 0xff;
  for (let i = 0; i < SESSION_KEY_BYTES; i += 1)
    chosen[i] = ((key[i] ?? 0) & mask) | ((standIn[i] ?? 0) & ~mask & 0xff);
  return chosen;
}
