// The body of an encrypted SENDMSG (ENCRYPTOPT): `CAPS:<wrapped key>:<ciphertext>[:<signature>]`,
// hex or (ENCODE_BASE64) base64 after the first field. AES-256-CBC with PKCS#7 padding over
// the message's plain bytes (text, NUL, and with ENCEXTMSGOPT the attachment list); the IV
// is the packet number in decimal, zero-padded, when PACKETNO_IV is set, else zeros; the
// optional signature is PKCS#1 v1.5 over the same plain bytes.
import {
  createCipheriv,
  createDecipheriv,
  randomBytes,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { Cap, hasCap, parseHexWord } from './capabilities';
import { MODULUS_BYTES } from './public-key';
import { SESSION_KEY_BYTES, unwrapSessionKey, wrapSessionKey } from './session-key';

/** Bounds on what a peer's encrypted body may hold (a datagram is at most 32 KB). */
const MAX_CIPHERTEXT = 32 * 1024;

export interface EncryptInput {
  /** The plain bytes: text and its NUL (and the attachment list with ENCEXTMSGOPT). */
  plain: Buffer;
  packetNo: number;
  /** The capabilities agreed with the recipient (see agreedCaps). */
  caps: number;
  recipientKey: KeyObject;
  /** Our private key, to sign when the agreed capabilities ask for it. */
  signingKey: KeyObject;
}

export interface DecryptInput {
  /** The encrypted part of the extra (up to its first NUL). */
  body: Buffer;
  packetNo: number;
  privateKey: KeyObject;
  /** The sender's key, when known: a signature is checked against it. */
  senderKey?: KeyObject;
}

export type DecryptResult =
  | { ok: true; plain: Buffer; signature: 'verified' | 'unchecked' | 'none' }
  | { ok: false; reason: string };

function ivFor(caps: number, packetNo: number): Buffer {
  const iv = Buffer.alloc(16);
  if (hasCap(caps, Cap.PACKETNO_IV)) iv.write(String(packetNo).slice(0, 15), 'latin1');
  return iv;
}

function signatureHash(caps: number): 'sha256' | 'sha1' | undefined {
  if (hasCap(caps, Cap.SIGN_SHA256)) return 'sha256';
  if (hasCap(caps, Cap.SIGN_SHA1)) return 'sha1';
  return undefined;
}

function toField(bytes: Buffer, caps: number): string {
  return hasCap(caps, Cap.ENCODE_BASE64) ? bytes.toString('base64') : bytes.toString('hex');
}

/** A field's bytes, or undefined if it is not strict hex / base64 within `max` bytes. */
function fromField(text: string, caps: number, max: number): Buffer | undefined {
  if (hasCap(caps, Cap.ENCODE_BASE64)) {
    if (text.length > Math.ceil(max / 3) * 4 || !/^[A-Z0-9+/]*={0,2}$/i.test(text))
      return undefined;
    return Buffer.from(text, 'base64');
  }
  if (text.length > max * 2 || text.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(text))
    return undefined;
  return Buffer.from(text, 'hex');
}

/**
 * The largest body `plainBytes` can become: hex (twice base64's size) with a signature,
 * so a message cut to fit this fits whatever scheme is agreed.
 */
export function encryptedSize(plainBytes: number): number {
  const ciphertext = (Math.floor(plainBytes / 16) + 1) * 16;
  return 8 + 3 + MODULUS_BYTES * 2 * 2 + ciphertext * 2;
}

/** The encrypted body for one message (the extra's first part; attachments may follow). */
export function encryptMessageBody(input: EncryptInput): Buffer {
  const { plain, packetNo, caps, recipientKey, signingKey } = input;
  const sessionKey = randomBytes(SESSION_KEY_BYTES);
  const cipher = createCipheriv('aes-256-cbc', sessionKey, ivFor(caps, packetNo));
  const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
  const fields = [
    caps.toString(16).toUpperCase(),
    toField(wrapSessionKey(sessionKey, recipientKey), caps),
    toField(ciphertext, caps),
  ];
  const hash = signatureHash(caps);
  if (hash) {
    const signature = sign(hash, plain, signingKey);
    fields.push(toField(signature, caps));
  }
  return Buffer.from(fields.join(':'), 'latin1');
}

/** Opens an encrypted body; every malformed or forged input ends in `{ ok: false }`. */
export function decryptMessageBody(input: DecryptInput): DecryptResult {
  const fields = input.body.toString('latin1').split(':');
  if (fields.length < 3 || fields.length > 4) return { ok: false, reason: 'not an encrypted body' };
  const caps = parseHexWord(fields[0] ?? '');
  if (caps === undefined) return { ok: false, reason: 'unreadable capabilities' };
  if (!hasCap(caps, Cap.RSA_2048) || !hasCap(caps, Cap.AES_256))
    return { ok: false, reason: 'a scheme other than RSA-2048 + AES-256' };
  const hash = signatureHash(caps);
  if ((hash !== undefined) !== (fields.length === 4))
    return { ok: false, reason: 'signature field does not match the capabilities' };
  const wrapped = fromField(fields[1] ?? '', caps, MODULUS_BYTES);
  const ciphertext = fromField(fields[2] ?? '', caps, MAX_CIPHERTEXT);
  const signature = hash ? fromField(fields[3] ?? '', caps, MODULUS_BYTES) : undefined;
  if (!wrapped || !ciphertext || (hash && !signature))
    return { ok: false, reason: 'malformed field' };
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0)
    return { ok: false, reason: 'ciphertext is not whole blocks' };
  const sessionKey = unwrapSessionKey(wrapped, input.privateKey);
  if (!sessionKey) return { ok: false, reason: 'wrapped key of the wrong size' };
  let plain: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-cbc', sessionKey, ivFor(caps, input.packetNo));
    plain = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  } catch {
    return { ok: false, reason: 'does not decrypt with our key' };
  }
  if (!hash || !signature) return { ok: true, plain, signature: 'none' };
  if (!input.senderKey) return { ok: true, plain, signature: 'unchecked' };
  let valid = false;
  try {
    valid = verify(hash, plain, input.senderKey, signature);
  } catch {
    valid = false;
  }
  return valid
    ? { ok: true, plain, signature: 'verified' }
    : { ok: false, reason: 'signature does not match the sender' };
}
